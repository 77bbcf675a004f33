import { readFileSync } from 'node:fs';
import path from 'node:path';
import { processCached } from './process-cache';

/** The subset of an OpenAPI 3.0 operation object the emulator reads. */
export interface ScopeEntry {
  scheme: string;
  state: string; // 'Current' = classic scopes, 'Beta' = granular scopes
  scopes: string[];
}

export interface RawParameter {
  name: string;
  in: string;
  description?: string;
  deprecated?: boolean;
  schema?: JsonSchema;
}

export interface RawOperation {
  operationId?: string;
  deprecated?: boolean;
  parameters?: RawParameter[];
  'x-atlassian-oauth2-scopes'?: ScopeEntry[];
  'x-atlassian-connect-scope'?: string;
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: JsonSchema }> }>;
}

/** A query parameter as the spec defines it for one operation. */
export interface QueryParameter {
  schema: JsonSchema;
  deprecated: boolean;
  /** For `expand`: the values its description lists; undefined when it lists none (any value is taken). */
  expandValues?: ReadonlySet<string>;
}

export type JsonSchema = Record<string, unknown>;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];

export interface Operation {
  operationId: string;
  method: HttpMethod;
  template: string;
  scopes: ScopeEntry[];
  connectScope?: string;
  deprecated: boolean;
  requestSchema?: JsonSchema;
  /** Every status the spec lists for the operation, with its JSON schema when one is declared. */
  responseSchemas: Record<string, JsonSchema | undefined>;
  query: ReadonlyMap<string, QueryParameter>;
}

export interface LoadedSpec {
  file: string;
  operations: Operation[];
  schemas: Record<string, JsonSchema>;
}

/** `JIRA_OPENAPI_SPEC`, else `<repo>/../shared/jira-openapi/jira-platform.v3.json` (never copied into the repo). */
export function defaultSpecPath(): string {
  return (
    process.env.JIRA_OPENAPI_SPEC ??
    path.resolve(__dirname, '..', '..', '..', 'shared', 'jira-openapi', 'jira-platform.v3.json')
  );
}

/** Parses the 2.4 MB spec once per process and file; every JiraSite shares the result. */
export function loadSpec(file: string = defaultSpecPath()): LoadedSpec {
  const resolved = path.resolve(file);
  return processCached(`spec:${resolved}`, () => parseSpec(resolved));
}

function parseSpec(resolved: string): LoadedSpec {
  const doc = JSON.parse(readFileSync(resolved, 'utf8')) as {
    paths: Record<string, Record<string, RawOperation>>;
    components: { schemas: Record<string, JsonSchema> };
  };
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    for (const [m, raw] of Object.entries(item)) {
      const method = m.toUpperCase() as HttpMethod;
      if (!METHODS.includes(method) || !raw.operationId) continue;
      const responseSchemas: Record<string, JsonSchema | undefined> = {};
      for (const [status, r] of Object.entries(raw.responses ?? {})) {
        responseSchemas[status] = r.content?.['application/json']?.schema;
      }
      operations.push({
        operationId: raw.operationId,
        method,
        template,
        scopes: raw['x-atlassian-oauth2-scopes'] ?? [],
        connectScope: raw['x-atlassian-connect-scope'],
        deprecated: raw.deprecated === true,
        requestSchema: raw.requestBody?.content?.['application/json']?.schema,
        responseSchemas,
        query: queryParameters(raw.parameters ?? []),
      });
    }
  }
  return { file: resolved, operations, schemas: doc.components.schemas };
}

function queryParameters(raw: RawParameter[]): Map<string, QueryParameter> {
  const query = new Map<string, QueryParameter>();
  for (const p of raw) {
    if (p.in !== 'query') continue;
    query.set(p.name, {
      schema: p.schema ?? {},
      deprecated: p.deprecated === true,
      expandValues: p.name === 'expand' ? expandValues(p.description) : undefined,
    });
  }
  return query;
}

/**
 * The values an `expand` description lists. The spec has no enum for them: each description names them in
 * backticks, as a bullet list ("*  `renderedBody` Returns ...") or inline ("This parameter accepts
 * `renderedBody`, which ..."). Undefined when the description names none: then any value is taken.
 */
export function expandValues(description: string | undefined): ReadonlySet<string> | undefined {
  const values = new Set<string>();
  const text = description ?? '';
  for (const m of text.matchAll(/^\s*\*\s+`([^`]+)`/gm)) values.add(m[1] ?? '');
  for (const m of text.matchAll(/accepts?\s+((?:`[^`]+`(?:\s*,\s*|\s+and\s+|\s+or\s+)?)+)/g))
    for (const v of (m[1] ?? '').matchAll(/`([^`]+)`/g)) values.add(v[1] ?? '');
  const plausible = [...values].filter((v) => /^[\w.*-]+$/.test(v));
  return plausible.length > 0 ? new Set(plausible) : undefined;
}
