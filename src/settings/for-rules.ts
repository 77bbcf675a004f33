import type { JiraClient } from '../access/jira-client';
import { forgeStore } from '../access/kv-store';
import { redact } from '../access/redaction';
import { DEFAULT_PROJECT_SETTINGS, type ProjectSettings } from './model';
import { identifyProject, type ProjectRef } from './project-identity';
import { createSettingsStore } from './store';

/** The settings store on Forge storage, as the rule runners and the settings page use it. */
export const projectSettingsStore = createSettingsStore(forgeStore);

/**
 * A rule execution's project and its settings: the project id (see identifyProject: one batch read, Jira only for a
 * key not seen for a day while some project has settings), then the settings in one batch read. When the project
 * cannot be identified the defaults apply and `problem` says why; the execution goes on.
 */
export async function settingsForExecution(
  jira: JiraClient,
  issueKey: string,
  projectKey: string,
): Promise<{ settings: ProjectSettings; problem?: string; project?: ProjectRef }> {
  let project: ProjectRef | undefined;
  try {
    project = await identifyProject(forgeStore, jira, issueKey, projectKey, Date.now());
  } catch (error) {
    return {
      settings: DEFAULT_PROJECT_SETTINGS,
      problem: `Project settings of ${projectKey} could not be read (Jira did not say which project ${issueKey} is in), defaults used: ${redact(String(error))}`,
    };
  }
  if (!project) return { settings: DEFAULT_PROJECT_SETTINGS };
  return { ...(await projectSettingsStore.readForExecution(project)), project };
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
