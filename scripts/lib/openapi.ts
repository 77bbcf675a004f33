import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The subset of an OpenAPI operation that the scope tooling reads. */
export interface SpecOperation {
  operationId?: string;
  summary?: string;
  'x-atlassian-oauth2-scopes'?: { scheme: string; scopes: string[]; state: string }[];
}
export interface JiraSpec {
  paths: Record<string, Record<string, SpecOperation>>;
}

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * Where the Jira Cloud OpenAPI description lives: `JIRA_OPENAPI_SPEC`, else the shared folder beside the checkout.
 * It is never copied into the project (see ../shared/jira-openapi/README.md).
 */
export function jiraSpecPath(): string {
  const fromEnv = process.env.JIRA_OPENAPI_SPEC;
  const candidate = fromEnv
    ? path.resolve(fromEnv)
    : path.resolve(REPO_ROOT, '..', 'shared', 'jira-openapi', 'jira-platform.v3.json');
  if (!existsSync(candidate)) {
    throw new Error(
      `The Jira OpenAPI description was not found at ${candidate}. Set JIRA_OPENAPI_SPEC to a copy of ` +
        'https://developer.atlassian.com/cloud/jira/platform/swagger-v3.v3.json, or place ../shared/jira-openapi/ beside the checkout.',
    );
  }
  return candidate;
}

let cached: JiraSpec | undefined;
export function loadJiraSpec(): JiraSpec {
  cached ??= JSON.parse(readFileSync(jiraSpecPath(), 'utf8')) as JiraSpec;
  return cached;
}

/** The classic (`Current`) and granular (`Beta`) scope sets of an operation. */
export function operationScopes(operation: SpecOperation): { classic: string[]; granular: string[] } {
  const entries = operation['x-atlassian-oauth2-scopes'] ?? [];
  const pick = (state: string) =>
    entries.filter((entry) => entry.state === state).flatMap((entry) => entry.scopes);
  return { classic: pick('Current'), granular: pick('Beta') };
}
