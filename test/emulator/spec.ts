import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The subset of an OpenAPI 3.0 operation object the emulator reads. */
export interface ScopeEntry {
  scheme: string;
  state: string; // 'Current' = classic scopes, 'Beta' = granular scopes
  scopes: string[];
}

export interface RawOperation {
  operationId?: string;
  deprecated?: boolean;
  'x-atlassian-oauth2-scopes'?: ScopeEntry[];
  'x-atlassian-connect-scope'?: string;
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { content?: Record<string, { schema?: JsonSchema }> }>;
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
  responseSchemas: Record<string, JsonSchema | undefined>;
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

const cache = new Map<string, LoadedSpec>();

/** Parses the 2.4 MB spec once per process and file; every JiraSite shares the result. */
export function loadSpec(file: string = defaultSpecPath()): LoadedSpec {
  const resolved = path.resolve(file);
  const hit = cache.get(resolved);
  if (hit) return hit;
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
      });
    }
  }
  const loaded: LoadedSpec = { file: resolved, operations, schemas: doc.components.schemas };
  cache.set(resolved, loaded);
  return loaded;
}
