import table from './jira-endpoints.generated.json';
import { compileTemplate, matchTemplate, sortByLiteralness, type CompiledTemplate } from './path-template';

/**
 * One Jira endpoint the app calls, with the scopes Jira requires for it. The table is generated from the app's
 * call sites and Atlassian's OpenAPI description by `npm run generate`, and checked for staleness by `npm test`.
 */
export interface EndpointRow {
  method: string;
  pathTemplate: string;
  operationId: string;
  summary: string;
  classicScopes: string[];
  granularScopes: string[];
  /** Capability folders under src/ whose code makes this call, e.g. `rules/comment`. */
  features: string[];
}

export const endpointTable: readonly EndpointRow[] = table;

const compiled = sortByLiteralness(
  endpointTable.map((row) => ({ ...compileTemplate(row.pathTemplate), row })),
) as (CompiledTemplate & { row: EndpointRow })[];

/** The table row for a concrete request, or undefined when the app never declared such a call. */
export function findEndpoint(method: string, path: string): EndpointRow | undefined {
  const upper = method.toUpperCase();
  return matchTemplate(
    path,
    compiled.filter((candidate) => candidate.row.method === upper),
  )?.row;
}
