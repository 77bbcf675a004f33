import { defaultWorkflowSteps, installForgeConditions } from '.';
import { manifestConditions } from './expression-condition';
import { APP_ID } from '../harness';
import { ENVIRONMENT_ID, forgeRule, seedAdminSite } from '../pages/admin/admin-site';

/**
 * A condition's `workflow` is the issue's own workflow: a workflow scheme maps issue types to workflows
 * (https://support.atlassian.com/jira-cloud-administration/docs/configure-workflow-schemes/), and the context
 * variable is "The current workflow" of the transition being evaluated
 * (https://developer.atlassian.com/cloud/jira/platform/jira-expressions/#context-variables).
 */
it('evaluates a condition with the workflow of the issue’s type, not the project’s default', async () => {
  const { site } = seedAdminSite();
  installForgeConditions(site, { appId: APP_ID, environmentId: ENVIRONMENT_ID }, manifestConditions());
  site.grant('TRANSITION_ISSUES', { accountId: 'dev', projectKey: 'OPS' });
  site.addIssueType('Bug');
  const steps = defaultWorkflowSteps();
  const onlyInBugFlow = forgeRule(
    'custom-expression-condition',
    { expression: 'workflow.name == "Bug flow"' },
    { list: 'conditions' },
  );
  site.addWorkflow({
    name: 'Bug flow',
    statuses: steps.statuses,
    transitions: steps.transitions.map((t) => (t.id === '21' ? { ...t, conditions: [onlyInBugFlow] } : t)),
    projects: ['OPS'],
    issueTypes: ['Bug'],
  });
  site.addIssue({ key: 'OPS-9', projectKey: 'OPS', summary: 'Crash on save', issueType: 'Bug' });

  const listed = await site.handle({ kind: 'user', accountId: 'dev' }, '/rest/api/3/issue/OPS-9/transitions');
  const { transitions } = (await listed.json()) as { transitions: { id: string }[] };
  expect(transitions.map((t) => t.id)).toContain('21');
});
