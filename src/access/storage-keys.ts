/**
 * Every storage key the app writes, in one place. KVS keys must match /^(?!\s+$)[a-zA-Z0-9:._\s-#]+$/ and stay
 * under 500 characters (https://developer.atlassian.com/platform/forge/limits-kvs-ce/), so parts taken from Jira
 * (issue keys, execution ids) are reduced to that alphabet.
 */
const safe = (part: string): string => part.replace(/[^a-zA-Z0-9._-]/g, '_').slice(0, 120);

export const storageKeys = {
  /**
   * Claim and completion marker of one post-function effect, one key per attempt: the first delivery's claim is
   * attempt 0 (the key it always had), each take-over of a released or stale claim creates the next.
   */
  effect: (executionId: string, postFunctionId: string, attempt = 0) =>
    `effect:${safe(executionId)}:${safe(postFunctionId)}${attempt > 0 ? `:${attempt}` : ''}`,
  /** Results of the background batches of one effect (transition related issues), one key per batch. */
  effectBatchPrefix: (executionId: string, postFunctionId: string) =>
    `effect-batch:${safe(executionId)}:${safe(postFunctionId)}:`,
  effectBatch: (executionId: string, postFunctionId: string, batch: number) =>
    `effect-batch:${safe(executionId)}:${safe(postFunctionId)}:${String(batch).padStart(6, '0')}`,
  /** Created once, by whichever batch finds every batch done: it writes the final audit entry. */
  effectFinished: (executionId: string, postFunctionId: string) =>
    `effect-finished:${safe(executionId)}:${safe(postFunctionId)}`,
  /** Audit entries newest-first: the prefix plus an inverted timestamp sorts recent entries first. */
  auditPrefix: 'audit:all:',
  auditByProjectPrefix: (projectKey: string) => `audit:project:${safe(projectKey)}:`,
  auditEntry: (prefix: string, sortKey: string, id: string) => `${prefix}${sortKey}:${safe(id)}`,
  /** Failed entries again, so that "failed only" is one prefix query for the whole log or a project. */
  auditFailedPrefix: 'audit:failed:all:',
  auditFailedByProjectPrefix: (projectKey: string) => `audit:failed:project:${safe(projectKey)}:`,
  /** Failed executions counted per UTC hour and per UTC day, for the admin page's failure counters. */
  auditFailures: 'audit-failures:recent',
  /** A project's current settings: the one document a rule execution reads. */
  projectSettings: (projectKey: string) => `settings:project:${safe(projectKey)}`,
  /** Each saved revision, created only if absent: the claim that makes saving compare-and-set. */
  projectSettingsRevision: (projectKey: string, revision: number) =>
    `settings:revision:${safe(projectKey)}:${String(revision).padStart(10, '0')}`,
  /** Notify connections (src/connections): the definition, and when and by whom its secret was set. */
  connectionPrefix: 'connection:',
  connection: (id: string) => `connection:${safe(id)}`,
  connectionSecretStatus: (id: string) => `connection-secret-status:${safe(id)}`,
  /** Secret store keys (kvs.setSecret): the API token or OAuth client secret, and the cached access token. */
  connectionSecret: (id: string) => `connection-secret:${safe(id)}`,
  connectionAccessToken: (id: string) => `connection-token:${safe(id)}`,
  /** Customer-managed egress an admin approved, as the admin page last read it from the Forge bridge. */
  egressApprovals: 'egress-approvals',
} as const;
