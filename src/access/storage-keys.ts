/**
 * Every storage key the app writes, in one place. KVS keys must match /^(?!\s+$)[a-zA-Z0-9:._\s-#]+$/ and stay
 * under 500 characters (https://developer.atlassian.com/platform/forge/limits-kvs-ce/), so parts taken from Jira
 * (issue keys, execution ids) are reduced to that alphabet.
 *
 * Projects are keyed by their id, which never changes; a Jira admin may rename a project's key at any time.
 * `legacy` holds the keys earlier versions wrote by project key: the settings there are read, never written, and
 * left in place so an earlier version can still read them; the activity indexes by key are still written for a
 * project known only by its key (see audit-log.ts).
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
  auditByProjectPrefix: (projectId: string) => `audit:pid:${safe(projectId)}:`,
  auditEntry: (prefix: string, sortKey: string, id: string) => `${prefix}${sortKey}:${safe(id)}`,
  /** Failed entries again, so that "failed only" is one prefix query for the whole log or a project. */
  auditFailedPrefix: 'audit:failed:all:',
  auditFailedByProjectPrefix: (projectId: string) => `audit:failed:pid:${safe(projectId)}:`,
  /** Every entry once more, oldest first, naming its other keys: what the storage cap evicts from. */
  auditAgePrefix: 'audit:age:',
  /** The storage cap's own bookkeeping: how far eviction has got and what it removed. */
  auditEviction: 'audit-eviction',
  /** Failure counters and storage use: custom entity `audit-counter`, one document per shard. */
  auditCounterShard: (shard: number) => `shard-${shard}`,
  /** The same entity: one small document per shard counting today's entries, what a success rewrites. */
  auditTodayShard: (shard: number) => `today-${shard}`,
  /** The Jira admin's installation-wide settings (src/settings/installation.ts). */
  installationSettings: 'settings:installation',
  /** A project's current settings: the one document a rule execution reads. */
  projectSettings: (projectId: string) => `settings:pid:${safe(projectId)}`,
  /** Each saved revision, created only if absent: the claim that makes saving compare-and-set. */
  projectSettingsRevision: (projectId: string, revision: number) =>
    `settings:pid-revision:${safe(projectId)}:${String(revision).padStart(10, '0')}`,
  /** Present once any project's settings were saved: until then no execution needs to know its project's id. */
  anySettingsSaved: 'settings:any-saved',
  /** Which project a project key belonged to when last checked (a cache of Jira's answer). */
  projectOfKey: (projectKey: string) => `project-of-key:${safe(projectKey)}`,
  /** Every key a project was seen with, so entries written under an earlier key are still found. */
  projectKeys: (projectId: string) => `project-keys:${safe(projectId)}`,
  /** Notify connections (src/connections): the definition, and when and by whom its secret was set. */
  connectionPrefix: 'connection:',
  connection: (id: string) => `connection:${safe(id)}`,
  connectionSecretStatus: (id: string) => `connection-secret-status:${safe(id)}`,
  /** Secret store keys (kvs.setSecret): the API token or OAuth client secret, and the cached access token. */
  connectionSecret: (id: string) => `connection-secret:${safe(id)}`,
  connectionAccessToken: (id: string) => `connection-token:${safe(id)}`,
  /** Whose turn it is next when Assign gives issues to a project role's members in turn (round robin). */
  assignTurn: (postFunctionId: string, projectId: string, roleId: string) =>
    `assign-turn:${safe(postFunctionId)}:${safe(projectId)}:${safe(roleId)}`,
  /** Customer-managed egress an admin approved, as the admin page last read it from the Forge bridge. */
  egressApprovals: 'egress-approvals',
  /** The health check (src/health): its last run, its problems and the workflow versions it has read. */
  healthState: 'health:state',
  /** The app's rules in one workflow as the health check last read them (kept until the workflow changes). */
  healthRules: (workflowId: string) => `health:rules:${safe(workflowId)}`,
  /** What the platform sent a module kind (names and types only), one key per app version and shape. */
  platformShapePrefix: 'platform-shape:',
  platformShape: (module: string, appVersion: string, hash: string) =>
    `platform-shape:${safe(module)}:${safe(appVersion)}:${safe(hash)}`,
  /** Keys written by versions before projects were keyed by id, and the failure counters' first document. */
  legacy: {
    auditByProjectKeyPrefix: (projectKey: string) => `audit:project:${safe(projectKey)}:`,
    auditFailedByProjectKeyPrefix: (projectKey: string) => `audit:failed:project:${safe(projectKey)}:`,
    projectSettings: (projectKey: string) => `settings:project:${safe(projectKey)}`,
    auditFailures: 'audit-failures:recent',
  },
} as const;

/** The custom entity holding the audit counters (declared under app.storage.entities in manifest.yml). */
export const AUDIT_COUNTER_ENTITY = 'audit-counter';
