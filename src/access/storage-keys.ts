/**
 * Every storage key the app writes, in one place. KVS keys must match /^(?!\s+$)[a-zA-Z0-9:._\s-#]+$/ and stay
 * under 500 characters (https://developer.atlassian.com/platform/forge/limits-kvs-ce/), so parts taken from Jira
 * (issue keys, execution ids) are reduced to that alphabet.
 */
const safe = (part: string): string => part.replace(/[^a-zA-Z0-9._-]/g, '_').slice(0, 120);

export const storageKeys = {
  /** Claim and completion marker of one post-function effect. */
  effect: (executionId: string, postFunctionId: string) =>
    `effect:${safe(executionId)}:${safe(postFunctionId)}`,
  /** Audit entries newest-first: the prefix plus an inverted timestamp sorts recent entries first. */
  auditPrefix: 'audit:all:',
  auditByProjectPrefix: (projectKey: string) => `audit:project:${safe(projectKey)}:`,
  auditEntry: (prefix: string, invertedTime: string, id: string) => `${prefix}${invertedTime}:${safe(id)}`,
} as const;
