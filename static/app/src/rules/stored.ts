/** A rule's configuration as Jira stored it: the JSON object its screen's onConfigure returned. */
export type Stored = Record<string, unknown>;

/**
 * Jira hands a rule's screen its stored configuration on the extension context, as the JSON string onConfigure
 * returned: `postFunctionConfig` for a post-function
 * (https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-workflow-post-function/),
 * `validatorConfig` for a validator
 * (https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-workflow-validator/),
 * `conditionConfig` for a condition
 * (https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-workflow-condition/).
 * Anything unreadable starts the form empty rather than failing the screen.
 */
export function readStored(
  extension: unknown,
  key: 'postFunctionConfig' | 'validatorConfig' | 'conditionConfig',
): Stored {
  const raw = (extension as Partial<Record<typeof key, unknown>> | undefined)?.[key];
  try {
    const value: unknown = typeof raw === 'string' ? JSON.parse(raw) : raw;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Stored) : {};
  } catch {
    return {};
  }
}

/** A stored string setting, or empty when it is missing or not a string. */
export const text = (value: unknown): string => (typeof value === 'string' ? value : '');
