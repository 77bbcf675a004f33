import { forgeStore } from '../access/kv-store';
import type { ProjectSettings } from './model';
import { createSettingsStore } from './store';

/** The settings store on Forge storage, as the rule runners and the settings page use it. */
export const projectSettingsStore = createSettingsStore(forgeStore);

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
