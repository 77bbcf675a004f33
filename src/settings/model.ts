import { z } from 'zod';
import { ConnectionId } from '../connections/model';
import { ruleCatalog } from '../rules/catalog';

/**
 * What a project admin decides for Workflow Guard in their project. Rules are on unless listed in `disabledRules`,
 * so a rule shipped later starts on; `defaults` apply to a rule whose own configuration does not say otherwise.
 */
const RuleKey = z
  .string()
  .refine((key) => ruleCatalog.some((rule) => rule.key === key), 'is not a Workflow Guard rule')
  .refine(
    (key) => ruleCatalog.find((rule) => rule.key === key)?.evaluatedBy !== 'jira',
    'is evaluated by Jira without the app, so it cannot be turned off per project: remove it from the workflow instead',
  );

const unique = <T>(items: readonly T[]): boolean => new Set(items).size === items.length;

export const MAX_CONNECTIONS = 50;

export const ProjectDefaults = z.strictObject({
  /** Who post-functions act as when their configuration does not choose. */
  actor: z.enum(['app', 'transitioning-user']),
  /** A ceiling, not a default: when false no post-function here falls back to acting as the app. */
  allowAppFallback: z.boolean(),
  /** Whether a post-function that fails says so in a comment on the issue (as the app). */
  reportFailureOnIssue: z.boolean(),
  /** External connections (admin page) that rules in this project may call; none unless listed. */
  connections: z
    .array(ConnectionId)
    .max(MAX_CONNECTIONS, `list at most ${MAX_CONNECTIONS} connections`)
    .refine(unique, 'lists a connection twice'),
});
export type ProjectDefaults = z.infer<typeof ProjectDefaults>;

export const ProjectSettings = z.strictObject({
  disabledRules: z
    .array(RuleKey)
    .max(ruleCatalog.length, 'lists more rules than Workflow Guard has')
    .refine(unique, 'lists a rule twice'),
  defaults: ProjectDefaults,
});
export type ProjectSettings = z.infer<typeof ProjectSettings>;

/** A project nobody has configured behaves as before project settings existed. */
export const DEFAULT_PROJECT_SETTINGS: ProjectSettings = {
  disabledRules: [],
  defaults: { actor: 'app', allowAppFallback: true, reportFailureOnIssue: false, connections: [] },
};

export const isRuleEnabled = (settings: ProjectSettings, ruleKey: string): boolean =>
  !settings.disabledRules.includes(ruleKey);

/** For rules that call external services: the project admin must have allowed the connection. */
export const mayUseConnection = (settings: ProjectSettings, connectionId: string): boolean =>
  settings.defaults.connections.includes(connectionId);
