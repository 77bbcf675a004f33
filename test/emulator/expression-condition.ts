import { MANIFEST_PATH, readManifest } from '../harness/manifest';
import { evaluateExpression, ExpressionEvaluationError } from './expression-eval';
import { expressionFailedEvent, type ExpressionFailedEvent } from './expression-events';
import { configuredExpression } from './expression-validator';
import { fromJson, JiraObjects, typeName, type JiraValue } from './expression-values';
import { forgeModuleOf, type ForgeInstallation } from './forge-rules';
import type { IssueRecord, SiteState, TransitionRecord, WorkflowRule } from './state';

/**
 * Expression conditions as Jira runs them
 * (https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-workflow-condition/): "If a
 * condition fails, the user won't be able to execute the transition. For example, the user won't see the transition
 * button"; the condition "only evaluates to true if the provided Jira expression evaluates to true", and to false
 * when it fails to evaluate, returns anything else, or "the app providing the workflow condition has been
 * uninstalled". The configuration's `expression` overrides the module's ("Overriding Jira expression"). Context:
 * `user` (the user the condition is evaluated for), `issue`, `project`, `transition`, `workflow`, `config` and
 * `groupOperator` ("AND", "OR", or null when the transition has only one condition); no `originalIssue`.
 */

/** The condition modules of installed Forge apps: what a rule's ARI resolves to. */
const installed = new WeakMap<SiteState, Map<string, string>>();
const moduleId = (app: ForgeInstallation, moduleKey: string) =>
  `${app.appId}/${app.environmentId}/${moduleKey}`;

/** Installs an app's `jira:workflowCondition` modules on the site (module key → manifest expression). */
export function installForgeConditions(
  site: SiteState,
  app: ForgeInstallation,
  modules: Readonly<Record<string, string>>,
): void {
  const table = installed.get(site) ?? new Map<string, string>();
  for (const [key, expression] of Object.entries(modules)) table.set(moduleId(app, key), expression);
  installed.set(site, table);
}

/** manifest.yml's condition modules, by key, with their expressions. */
export function manifestConditions(file = MANIFEST_PATH): Record<string, string> {
  const manifest = readManifest(file) as {
    modules?: { 'jira:workflowCondition'?: Array<{ key: string; expression: string }> };
  };
  return Object.fromEntries(
    (manifest.modules?.['jira:workflowCondition'] ?? []).map((m) => [m.key, m.expression]),
  );
}

/**
 * `avi:jira:failed:expression` events Jira sent for this site's conditions, oldest first. The module page: when the
 * expression "fails to evaluate because of errors or returns anything other than a Boolean value (in this case, an
 * `avi:jira:failed:expression` event is sent)"; the events page: it "will only reach the app that registered the
 * failing expression" (https://developer.atlassian.com/platform/forge/events-reference/jira/#expression-evaluation-failed).
 * A test delivers them to the app's trigger with `runTrigger`.
 */
const sent = new WeakMap<SiteState, ExpressionFailedEvent[]>();

/** The expression failure events sent since the last call, oldest first; the outbox is emptied. */
export function takeSentExpressionFailures(site: SiteState): ExpressionFailedEvent[] {
  const events = sent.get(site) ?? [];
  sent.set(site, []);
  return events;
}

export interface ConditionVerdict {
  result: boolean;
  /** Why evaluation failed, when it did (Jira then treats the condition as false). */
  failure?: string;
}

/** One condition of a transition, evaluated for a user. */
export function evaluateCondition(
  site: SiteState,
  input: {
    rule: WorkflowRule;
    issue: IssueRecord;
    transition: TransitionRecord;
    accountId: string;
    groupOperator: string | null;
  },
): ConditionVerdict {
  const module = forgeModuleOf(input.rule);
  if (!module) {
    throw new Error(
      `The Jira emulator evaluates Forge conditions only; "${input.rule.ruleKey}" on transition ${input.transition.id} is not one`,
    );
  }
  if (input.rule.parameters?.disabled === 'true') return { result: true };
  const manifestExpression = installed.get(site)?.get(moduleId(module, module.moduleKey));
  if (manifestExpression === undefined) return { result: false, failure: 'the app is not installed' };
  const config: unknown = JSON.parse(input.rule.parameters?.config || '{}');
  const expression = configuredExpression(config, manifestExpression);
  const record = input.issue;
  const project = site.requireProject(record.projectKey);
  const objects = new JiraObjects(site);
  const variables: Record<string, JiraValue> = {
    user: objects.user(site.requireUser(input.accountId)),
    issue: objects.issue(record),
    project: objects.project(project),
    transition: objects.transition(input.transition, site.requireStatus(record.status)),
    workflow: objects.workflow(site.workflowOfIssue(record)),
    config: fromJson(config),
    groupOperator: input.groupOperator,
  };
  let failure: string;
  try {
    const value = evaluateExpression(expression, variables, site.clock).value;
    if (typeof value === 'boolean') return { result: value };
    // Jira's wording for a non-Boolean result is not documented (FIDELITY.md, "Expression failure events").
    failure = `Evaluation failed: "${expression}" - The condition returned a value of type ${typeName(value)}; it must return a Boolean.`;
  } catch (e) {
    if (!(e instanceof ExpressionEvaluationError)) throw e;
    failure = e.message;
  }
  const events = sent.get(site) ?? [];
  events.push(
    expressionFailedEvent(site, {
      app: module,
      moduleKey: module.moduleKey,
      rule: input.rule,
      kind: 'condition',
      expression,
      failure,
      issueKey: record.key,
      accountId: input.accountId,
      at: site.clock(),
    }),
  );
  sent.set(site, events);
  return { result: false, failure };
}

/**
 * The transitions a user may see and make: those the workflow offers from the issue's status whose conditions all
 * hold for them. The emulator keeps a transition's conditions in one group evaluated with ALL (handlers/workflows.ts
 * reports `operation: ALL`), so `groupOperator` is "AND" with several conditions and null with one.
 */
export function transitionsAllowed(
  site: SiteState,
  issue: IssueRecord,
  accountId: string,
): TransitionRecord[] {
  return site.transitionsFor(issue).filter((transition) => {
    const groupOperator = transition.conditions.length > 1 ? 'AND' : null;
    return transition.conditions.every(
      (rule) => evaluateCondition(site, { rule, issue, transition, accountId, groupOperator }).result,
    );
  });
}
