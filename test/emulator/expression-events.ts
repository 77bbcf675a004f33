import type { ForgeInstallation } from './forge-rules';
import { extensionAri } from './forge-rules';
import type { SiteState, WorkflowRule } from './state';

/**
 * `avi:jira:failed:expression`, as Jira sends it to the app whose expression validator or condition failed to evaluate
 * (https://developer.atlassian.com/platform/forge/events-reference/jira/#expression-evaluation-failed): eventType,
 * timestamp (epoch milliseconds, a string), extensionId, workflowId, workflowName, validatorId or conditionId, expression,
 * errorMessages and context. The page does not list the fields of `context`; the issue, project and user here are
 * an assumption (FIDELITY.md, "Expression failure events").
 */
export interface ExpressionFailedEvent {
  eventType: 'avi:jira:failed:expression';
  timestamp: string;
  extensionId: string;
  workflowId: string;
  workflowName: string;
  validatorId?: string;
  conditionId?: string;
  expression: string;
  errorMessages: string[];
  context: {
    issue: { id: string; key: string };
    project: { id: string; key: string };
    user: { accountId: string };
  };
}

/**
 * The event for a validator (or, with `kind: 'condition'`, a condition) `rule` of `app` whose `expression` failed
 * for `issueKey`, with Jira's `failure`: the rule's id goes in `validatorId` or `conditionId`.
 */
export function expressionFailedEvent(
  site: SiteState,
  e: {
    app: ForgeInstallation;
    moduleKey: string;
    rule: WorkflowRule;
    kind?: 'validator' | 'condition';
    expression: string;
    failure: string;
    issueKey: string;
    accountId: string;
    at?: number;
  },
): ExpressionFailedEvent {
  const issue = site.requireIssue(e.issueKey);
  const project = site.requireProject(issue.projectKey);
  const workflow = site.workflowOf(project, issue.issueType);
  return {
    eventType: 'avi:jira:failed:expression',
    timestamp: String(e.at ?? Date.now()),
    extensionId: extensionAri(e.app, e.moduleKey),
    workflowId: workflow.id,
    workflowName: workflow.name,
    ...(e.rule.id ? { [e.kind === 'condition' ? 'conditionId' : 'validatorId']: e.rule.id } : {}),
    expression: e.expression,
    errorMessages: [e.failure],
    context: {
      issue: { id: issue.id, key: issue.key },
      project: { id: project.id, key: project.key },
      user: { accountId: e.accountId },
    },
  };
}
