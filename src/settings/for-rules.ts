import type { JiraClient } from '../access/jira-client';
import { forgeStore } from '../access/kv-store';
import { redact } from '../access/redaction';
import { DEFAULT_PROJECT_SETTINGS, type ProjectSettings } from './model';
import { identifyProject, type ProjectRef } from './project-identity';
import { AUDIT_COUNTER_ENTITY, storageKeys } from '../access/storage-keys';
import type { CounterPrefetch } from '../audit/audit-log';
import { pickShard } from '../audit/failure-counters';
import type { SuccessDetail } from '../audit/stored-entry';
import { DEFAULT_SUCCESS_DETAIL, successDetailOf } from './installation';
import { createSettingsStore } from './store';

/** The settings store on Forge storage, as the rule runners and the settings page use it. */
export const projectSettingsStore = createSettingsStore(forgeStore);

/**
 * A rule execution's project and its settings: the project id (see identifyProject: one batch read, Jira only for a
 * key not seen for a day while some project has settings), then the settings in one batch read. When the project
 * cannot be identified the defaults apply and `problem` says why; the execution goes on.
 */
export interface ExecutionSettings {
  settings: ProjectSettings;
  problem?: string;
  project?: ProjectRef;
  /** How much of a success the audit log keeps (the Jira admin's choice). */
  successDetail: SuccessDetail;
  /** The audit counter the execution counts in, read in the same request: its writes then go in one transaction. */
  counter?: CounterPrefetch;
}

/**
 * Everything a rule execution reads from storage, in one batch request when no project has settings of its own,
 * two when its project has: the project, the installation settings and the audit counter document of a shard
 * chosen now; then the project's settings.
 */
export async function settingsForExecution(
  jira: JiraClient,
  issueKey: string,
  projectKey: string,
): Promise<ExecutionSettings> {
  const shard = pickShard(Math.random);
  const counterKey = storageKeys.auditTodayShard(shard);
  let identified: Awaited<ReturnType<typeof identifyProject>>;
  try {
    identified = await identifyProject(forgeStore, jira, issueKey, projectKey, Date.now(), {
      keys: [storageKeys.installationSettings],
      entity: { name: AUDIT_COUNTER_ENTITY, keys: [counterKey] },
    });
  } catch (error) {
    return {
      settings: DEFAULT_PROJECT_SETTINGS,
      successDetail: DEFAULT_SUCCESS_DETAIL,
      problem: `Project settings of ${projectKey} could not be read (Jira did not say which project ${issueKey} is in), defaults used: ${redact(String(error))}`,
    };
  }
  const { project, alsoRead } = identified;
  const common = {
    successDetail: successDetailOf(alsoRead.values.get(storageKeys.installationSettings)),
    counter: { shard, today: alsoRead.documents.get(counterKey) },
  };
  if (!project) return { settings: DEFAULT_PROJECT_SETTINGS, ...common };
  return { ...(await projectSettingsStore.readForExecution(project)), project, ...common };
}

/** Post-function configuration fields the project fills in when the rule's own configuration leaves them out. */
export const postFunctionDefaults = (settings: ProjectSettings): Record<string, unknown> => ({
  actor: settings.defaults.actor,
  reportFailureOnIssue: settings.defaults.reportFailureOnIssue,
});

/** A project that forbids falling back to the app overrides any rule that would: it fails instead. */
export function applyFallbackCeiling<C extends { fallback: 'fail' | 'act-as-app' }>(
  configuration: C,
  settings: ProjectSettings,
): { configuration: C; limited: boolean } {
  if (settings.defaults.allowAppFallback || configuration.fallback === 'fail')
    return { configuration, limited: false };
  return { configuration: { ...configuration, fallback: 'fail' }, limited: true };
}
