import {
  compileTemplate,
  sortByLiteralness,
  type CompiledTemplate,
} from '../../src/permissions/path-template';
import type { EndpointRow } from '../../src/permissions/endpoints';
import { HTTP_METHODS, loadJiraSpec, operationScopes, type JiraSpec } from '../lib/openapi';
import { findCallSites, type CallSite, type CallSiteProblem } from './call-sites';

/** The capability a call site belongs to, read from its folder: `src/rules/comment/run.ts` → `rules/comment`. */
export function featureOf(file: string): string {
  const parts = file.replace(/^src\//, '').split('/');
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : (parts[0] ?? file).replace(/\.tsx?$/, '');
}

/**
 * Builds the endpoint table from the app's call sites and the Jira OpenAPI description. A call site whose
 * method and path match no operation of the spec is a problem: Jira has no such endpoint (or the spec is stale).
 */
export function buildEndpointTable(
  root: string,
  spec: JiraSpec = loadJiraSpec(),
): { rows: EndpointRow[]; problems: CallSiteProblem[] } {
  const { sites, problems } = findCallSites(root);
  const templates = sortByLiteralness(Object.keys(spec.paths).map(compileTemplate));
  const rows = new Map<string, EndpointRow>();
  for (const site of sites) {
    const row = rowFor(site, templates, spec);
    if (typeof row === 'string') {
      problems.push({ file: site.file, line: site.line, message: row });
      continue;
    }
    const key = `${row.method} ${row.pathTemplate}`;
    const existing = rows.get(key) ?? row;
    existing.features = [...new Set([...existing.features, featureOf(site.file)])].sort();
    rows.set(key, existing);
  }
  const sorted = [...rows.values()].sort(
    (a, b) => a.pathTemplate.localeCompare(b.pathTemplate) || a.method.localeCompare(b.method),
  );
  return { rows: sorted, problems };
}

function rowFor(
  site: CallSite,
  templates: readonly CompiledTemplate[],
  spec: JiraSpec,
): EndpointRow | string {
  // `{}` marks an interpolation: it must fill exactly one `{param}` segment of a template.
  const probe = site.pathPattern.replace(/\{\}/g, '__interpolated__');
  const match = templates.find(
    (t) => t.regex.test(probe) && literalOnlyWhereLiteral(t.template, site.pathPattern),
  );
  const operation = match && spec.paths[match.template]?.[site.method.toLowerCase()];
  if (
    !match ||
    !operation ||
    !HTTP_METHODS.includes(site.method.toLowerCase() as (typeof HTTP_METHODS)[number])
  ) {
    return `${site.method} ${site.pathPattern} is not an operation of the Jira Cloud REST API description`;
  }
  const scopes = operationScopes(operation);
  return {
    method: site.method,
    pathTemplate: match.template,
    operationId: operation.operationId ?? '',
    summary: operation.summary ?? '',
    classicScopes: scopes.classic,
    granularScopes: scopes.granular,
    features: [],
  };
}

/** An interpolated segment may only stand where the template has a parameter, never for a literal segment. */
function literalOnlyWhereLiteral(template: string, pattern: string): boolean {
  const templateParts = template.split('/');
  const patternParts = pattern.split('/');
  return patternParts.every(
    (part, index) => !part.includes('{}') || /^\{[^}]+\}$/.test(templateParts[index] ?? ''),
  );
}
