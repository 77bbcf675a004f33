import type { WorkflowRule } from './state';

/**
 * Forge rules as Jira's workflow APIs show them. Source: the "Forge rules" section of
 * `GET /rest/api/3/workflows/capabilities` (operation workflowCapabilities) in the Jira OpenAPI description:
 * `ruleKey` is `forge:expression-validator`, `forge:expression-condition` or `forge:workflow-post-function`, and
 * `parameters` holds `key` (`ari:cloud:ecosystem::extension/{appId}/{environmentId}/static/{moduleKey}`), `config`
 * (the stringified configuration), `id`, `disabled` ("true"/"false") and `tag`. The same shape is the
 * `WorkflowRuleConfiguration` of each transition's `validators`/`actions`/`conditions` (JiraWorkflow).
 * The spec lists one validator key for both kinds of Forge validator (expression and function); see FIDELITY.md.
 */
export const FORGE_RULE_KEYS = {
  validators: 'forge:expression-validator',
  conditions: 'forge:expression-condition',
  postFunctions: 'forge:workflow-post-function',
} as const;

export type RuleList = keyof typeof FORGE_RULE_KEYS;

/** Which app installation a rule belongs to: the app and its environment (Forge's `getAppContext()`). */
export interface ForgeInstallation {
  appId: string;
  environmentId: string;
}

const EXTENSION_ARI = /^ari:cloud:ecosystem::extension\/([^/]+)\/([^/]+)\/static\/([^/]+)$/;

export const extensionAri = (app: ForgeInstallation, moduleKey: string): string =>
  `ari:cloud:ecosystem::extension/${app.appId}/${app.environmentId}/static/${moduleKey}`;

/** A Forge module's rule on a transition, exactly as the workflow APIs list it. */
export function forgeWorkflowRule(
  app: ForgeInstallation,
  rule: { moduleKey: string; list: RuleList; config: unknown; id?: string; disabled?: boolean },
): WorkflowRule {
  const id = rule.id ?? `${rule.moduleKey}-rule`;
  return {
    ruleKey: FORGE_RULE_KEYS[rule.list],
    id,
    parameters: {
      key: extensionAri(app, rule.moduleKey),
      config: typeof rule.config === 'string' ? rule.config : JSON.stringify(rule.config),
      id,
      disabled: String(rule.disabled ?? false),
      tag: '',
    },
  };
}

/** The installation and module a Forge rule names, or undefined when it is not a Forge rule. */
export function forgeModuleOf(rule: WorkflowRule): (ForgeInstallation & { moduleKey: string }) | undefined {
  const match = EXTENSION_ARI.exec(rule.parameters?.key ?? '');
  if (!rule.ruleKey.startsWith('forge:') || !match) return undefined;
  return { appId: match[1] ?? '', environmentId: match[2] ?? '', moduleKey: match[3] ?? '' };
}

/**
 * Seeding refuses a Forge rule in a shape the spec does not describe (a bare module key, a made-up rule key), so a
 * test or the sandbox cannot teach the app a shape Jira never sends. Connect and system rules pass unchecked.
 */
export function assertDocumentedForgeRule(where: string, list: RuleList, rule: WorkflowRule): void {
  if (!rule.ruleKey.startsWith('forge:')) return;
  const problems = [
    rule.ruleKey === FORGE_RULE_KEYS[list]
      ? undefined
      : `ruleKey "${rule.ruleKey}" (the spec lists ${FORGE_RULE_KEYS[list]} for ${list})`,
    EXTENSION_ARI.test(rule.parameters?.key ?? '')
      ? undefined
      : `parameters.key "${rule.parameters?.key ?? ''}" (the spec lists ari:cloud:ecosystem::extension/{appId}/{environmentId}/static/{moduleKey})`,
    typeof rule.parameters?.config === 'string' ? undefined : 'parameters.config (a JSON string)',
  ].filter((p): p is string => p !== undefined);
  if (problems.length)
    throw new Error(`${where}: a Forge rule in a shape Jira does not document: ${problems.join('; ')}`);
}
