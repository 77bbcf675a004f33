import { validatorConfigResolver } from '../../src/rules/validator-config';
import type { PreparedConfiguration } from '../../src/shared/validator-config';
import { defaultWorkflowSteps, forgeWorkflowRule, JiraSite } from '../emulator';
import { installForgeConditions, manifestConditions } from '../emulator/expression-condition';
import { evaluateValidatorExpression, manifestExpressionValidator } from '../emulator/expression-validator';
import type { WorkflowRule } from '../emulator/state';
import { APP_INSTALLATION, callResolver, type ResolverHandler } from '../harness';

/**
 * The conditions and the generated validators end to end: each configuration is prepared by the app's own resolver
 * (as the admin, with Jira's analysis), saved on a transition in the shape Jira's workflow APIs use, and evaluated
 * by the emulator's Jira expression evaluator: conditions when Jira lists transitions (a false one is not listed
 * and cannot be made), validators at transition time. Each case runs on a company-managed and a team-managed
 * project: every module declares both project types.
 */
type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };
const handler = validatorConfigResolver as unknown as ResolverHandler;

const STYLES = ['company-managed', 'team-managed'] as const;
const APPROVER = 'customfield_10100';
const SEVERITY = 'customfield_10101';
const REVIEWERS = 'customfield_10102';
const POINTS = 'customfield_10103';

function seed(style: (typeof STYLES)[number]): JiraSite {
  const site = new JiraSite();
  site.addUser({ accountId: 'admin', displayName: 'Ada Admin' });
  site.addUser({ accountId: 'lead', displayName: 'Lena Lead', groups: ['ops-leads'] });
  site.addUser({ accountId: 'dev', displayName: 'Dev Dan' });
  site.addUser({ accountId: 'rel', displayName: 'Rita Release' });
  site.addUser({ accountId: 'approver', displayName: 'Alex Approver' });
  site.addUser({ accountId: 'reviewer', displayName: 'Rae Reviewer' });
  site.addUser({ accountId: 'outsider', displayName: 'Otto Outsider' });
  site.addField({ id: APPROVER, name: 'Approver', type: 'user' });
  site.addField({ id: SEVERITY, name: 'Severity', type: 'option' });
  site.addField({ id: REVIEWERS, name: 'Reviewers', type: 'array', items: 'user' });
  site.addField({ id: POINTS, name: 'Story points', type: 'number' });
  site.addProject({ key: 'OPS', name: 'Operations', style, leadAccountId: 'admin' });
  for (const accountId of ['admin', 'lead', 'dev', 'rel', 'approver', 'reviewer', 'outsider']) {
    site.grant('BROWSE_PROJECTS', { accountId, projectKey: 'OPS' });
    site.grant('TRANSITION_ISSUES', { accountId, projectKey: 'OPS' });
  }
  site.assignRole('OPS', 'Release managers', 'rel');
  installForgeConditions(site, APP_INSTALLATION, manifestConditions());
  return site;
}

/** The workflow of OPS alone (team-managed: project-scoped), with rules on "Done" (transition 21). */
function guardDone(site: JiraSite, rules: { conditions?: WorkflowRule[]; validators?: WorkflowRule[] }) {
  const steps = defaultWorkflowSteps();
  site.addWorkflow({
    name: 'OPS workflow',
    statuses: steps.statuses,
    transitions: steps.transitions.map((t) => (t.id === '21' ? { ...t, ...rules } : t)),
    projects: ['OPS'],
  });
}

/** What the configuration screen gets back from the app for one rule, prepared as the admin. */
async function prepare(site: JiraSite, rule: string, configuration: unknown, moduleType: string) {
  const answer = (await callResolver(
    handler,
    'prepareConfiguration',
    { rule, configuration },
    { accountId: 'admin', moduleKey: rule, extension: { type: moduleType, entryPoint: 'create' } },
    { site },
  )) as Envelope<PreparedConfiguration>;
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.data;
}

const condition = async (site: JiraSite, moduleKey: string, configuration: unknown) =>
  forgeWorkflowRule(APP_INSTALLATION, {
    moduleKey,
    list: 'conditions',
    config: (await prepare(site, moduleKey, configuration, 'jira:workflowCondition')).configuration,
  });

/** The transitions Jira lists for the user on the issue (GET /rest/api/3/issue/{key}/transitions). */
async function offered(site: JiraSite, accountId: string, issueKey = 'OPS-1'): Promise<string[]> {
  const response = await site.handle(
    { kind: 'user', accountId },
    `/rest/api/3/issue/${issueKey}/transitions`,
  );
  const body = (await response.json()) as { transitions: Array<{ name: string }> };
  return body.transitions.map((t) => t.name);
}

describe.each(STYLES)('conditions on a %s project', (style) => {
  it('who may transition: groups, roles, assignee, reporter and people in user fields see "Done"; nobody else', async () => {
    const site = seed(style);
    site.addIssue({
      key: 'OPS-1',
      projectKey: 'OPS',
      summary: 'Rotate keys',
      assignee: 'dev',
      fields: { [APPROVER]: { accountId: 'approver' }, [REVIEWERS]: [{ accountId: 'reviewer' }] },
    });
    guardDone(site, {
      conditions: [
        await condition(site, 'who-may-transition-condition', {
          groups: ['ops-leads'],
          projectRoles: ['Release managers'],
          assignee: true,
          userFields: [
            { id: APPROVER, name: 'Approver' },
            { id: REVIEWERS, name: 'Reviewers' },
          ],
        }),
      ],
    });
    for (const accountId of ['lead', 'rel', 'dev', 'approver', 'reviewer'])
      expect({ accountId, offered: await offered(site, accountId) }).toEqual({
        accountId,
        offered: ['Start Progress', 'Done'],
      });
    expect(await offered(site, 'outsider')).toEqual(['Start Progress']);
    // Hidden also means refused: Jira does not make a transition the person is not offered.
    const refused = await site.handle(
      { kind: 'user', accountId: 'outsider' },
      '/rest/api/3/issue/OPS-1/transitions',
      {
        method: 'POST',
        body: JSON.stringify({ transition: { id: '21' } }),
        headers: { 'content-type': 'application/json' },
      },
    );
    expect(refused.status).toBe(400);
    expect(site.issue('OPS-1').status).toBe('To Do');
  });

  it('who may transition refuses a field that does not hold people, naming it', async () => {
    const site = seed(style);
    await expect(
      prepare(
        site,
        'who-may-transition-condition',
        { userFields: [{ id: POINTS, name: 'Story points' }] },
        'jira:workflowCondition',
      ),
    ).rejects.toThrow('userFields.0: "Story points" is not a user picker field');
  });

  it('custom expression: offered only while the expression is true', async () => {
    const site = seed(style);
    site.addIssue({
      key: 'OPS-1',
      projectKey: 'OPS',
      summary: 'Rotate keys',
      fields: { labels: ['reviewed'] },
    });
    site.addIssue({ key: 'OPS-2', projectKey: 'OPS', summary: 'Patch' });
    guardDone(site, {
      conditions: [
        await condition(site, 'custom-expression-condition', {
          expression: 'issue.labels.includes("reviewed")',
        }),
      ],
    });
    expect(await offered(site, 'dev', 'OPS-1')).toEqual(['Start Progress', 'Done']);
    expect(await offered(site, 'dev', 'OPS-2')).toEqual(['Start Progress']);
  });

  it('field value: a select list, a number and an empty test', async () => {
    const site = seed(style);
    site.addIssue({
      key: 'OPS-1',
      projectKey: 'OPS',
      summary: 'Outage',
      fields: { [SEVERITY]: { value: 'High', id: '1' }, [POINTS]: 8 },
    });
    site.addIssue({
      key: 'OPS-2',
      projectKey: 'OPS',
      summary: 'Typo',
      fields: { [SEVERITY]: { value: 'Low', id: '3' }, [POINTS]: 1 },
    });
    site.addIssue({ key: 'OPS-3', projectKey: 'OPS', summary: 'Unsorted' });
    guardDone(site, {
      conditions: [
        await condition(site, 'field-value-condition', {
          field: { id: SEVERITY, name: 'Severity' },
          operator: 'equals',
          value: 'High',
        }),
        await condition(site, 'field-value-condition', {
          field: { id: POINTS, name: 'Story points' },
          operator: 'greater',
          value: '3',
        }),
      ],
    });
    expect(await offered(site, 'dev', 'OPS-1')).toEqual(['Start Progress', 'Done']);
    expect(await offered(site, 'dev', 'OPS-2')).toEqual(['Start Progress']);
    expect(await offered(site, 'dev', 'OPS-3')).toEqual(['Start Progress']);
  });

  it('field value refuses an operator the field cannot take and a number that is not one', async () => {
    const site = seed(style);
    const attempt = (configuration: unknown) =>
      prepare(site, 'field-value-condition', configuration, 'jira:workflowCondition');
    await expect(
      attempt({ field: { id: SEVERITY, name: 'Severity' }, operator: 'greater', value: 'High' }),
    ).rejects.toThrow('"Severity" cannot be tested with "is greater than"');
    await expect(
      attempt({ field: { id: POINTS, name: 'Story points' }, operator: 'equals', value: 'eight' }),
    ).rejects.toThrow('"eight" is not a number');
  });

  it('related issues: offered once every sub-task is done and every blocker is done', async () => {
    const site = seed(style);
    site.addIssue({ key: 'OPS-1', projectKey: 'OPS', summary: 'Release' });
    site.addIssue({
      key: 'OPS-2',
      projectKey: 'OPS',
      summary: 'Notes',
      issueType: 'Subtask',
      parentKey: 'OPS-1',
      status: 'Done',
    });
    site.addIssue({ key: 'OPS-3', projectKey: 'OPS', summary: 'Blocker', status: 'In Progress' });
    site.addIssue({ key: 'OPS-4', projectKey: 'OPS', summary: 'Blocked by us' });
    site.linkIssues('OPS-3', 'OPS-1', 'Blocks'); // OPS-1 "is blocked by" OPS-3
    site.linkIssues('OPS-1', 'OPS-4', 'Blocks'); // OPS-1 "blocks" OPS-4: not a blocker
    guardDone(site, {
      conditions: [
        await condition(site, 'related-status-condition', {
          requiredCategory: 'done',
          subtasks: true,
          links: [{ linkType: 'Blocks', direction: 'is blocked by' }],
        }),
      ],
    });
    expect(await offered(site, 'dev')).toEqual(['Start Progress']);
    site.requireIssue('OPS-3').status = 'Done'; // the blocker is finished
    expect(await offered(site, 'dev')).toEqual(['Start Progress', 'Done']);
  });
});

describe.each(STYLES)('generated validators on a %s project', (style) => {
  const validatorRule = async (site: JiraSite, rule: string, configuration: unknown) =>
    (await prepare(site, rule, configuration, 'jira:workflowValidator')).configuration;
  const run = (
    site: JiraSite,
    rule: string,
    config: string,
    extra: { screenEdits?: Record<string, unknown>; screenComment?: string; issueKey?: string } = {},
  ) =>
    evaluateValidatorExpression(site, {
      ...manifestExpressionValidator(rule),
      config,
      issueKey: extra.issueKey ?? 'OPS-1',
      transitionId: '21',
      accountId: 'dev',
      ...(extra.screenEdits ? { screenEdits: extra.screenEdits } : {}),
      ...(extra.screenComment !== undefined ? { screenComment: extra.screenComment } : {}),
    });

  it('comment required: passes with a comment written on the transition screen, not with an older one', async () => {
    const site = seed(style);
    site.addIssue({ key: 'OPS-1', projectKey: 'OPS', summary: 'Close out' });
    site.addComment('OPS-1', { author: 'lead', body: 'Earlier remark' });
    const config = await validatorRule(site, 'comment-required', {});
    expect(run(site, 'comment-required', config)).toEqual({
      result: false,
      errorMessage: 'Add a comment to make this transition.',
    });
    expect(run(site, 'comment-required', config, { screenComment: 'Fixed in 2.1' })).toEqual({
      result: true,
    });
  });

  it('field changed: the chosen fields must differ from before the transition screen', async () => {
    const site = seed(style);
    site.addIssue({
      key: 'OPS-1',
      projectKey: 'OPS',
      summary: 'Estimate',
      assignee: 'dev',
      fields: { [POINTS]: 3 },
    });
    const config = await validatorRule(site, 'field-changed', {
      fields: [
        { id: POINTS, name: 'Story points' },
        { id: 'assignee', name: 'Assignee' },
      ],
    });
    expect(run(site, 'field-changed', config, { screenEdits: { [POINTS]: 5 } })).toEqual({
      result: false,
      errorMessage: 'Change "Story points", "Assignee" on the transition screen to make this transition.',
    });
    expect(
      run(site, 'field-changed', config, { screenEdits: { [POINTS]: 5, assignee: { accountId: 'lead' } } }),
    ).toEqual({ result: true });
  });

  it('required when: fields are required only while another field has the value', async () => {
    const site = seed(style);
    site.addIssue({
      key: 'OPS-1',
      projectKey: 'OPS',
      summary: 'Outage',
      fields: { [SEVERITY]: { value: 'High', id: '1' } },
    });
    site.addIssue({
      key: 'OPS-2',
      projectKey: 'OPS',
      summary: 'Typo',
      fields: { [SEVERITY]: { value: 'Low', id: '3' } },
    });
    const config = await validatorRule(site, 'required-when', {
      when: { field: { id: SEVERITY, name: 'Severity' }, operator: 'equals', value: 'High' },
      required: [
        { id: APPROVER, name: 'Approver' },
        { id: 'description', name: 'Description' },
      ],
    });
    expect(run(site, 'required-when', config)).toEqual({
      result: false,
      errorMessage: 'Fill in "Approver", "Description": they are required when "Severity" is "High".',
    });
    expect(run(site, 'required-when', config, { issueKey: 'OPS-2' })).toEqual({ result: true });
    expect(
      run(site, 'required-when', config, {
        screenEdits: { [APPROVER]: { accountId: 'approver' }, description: 'Root cause: expired key' },
      }),
    ).toEqual({ result: true });
    // The screen can also lift the requirement by changing the deciding field.
    expect(
      run(site, 'required-when', config, { screenEdits: { [SEVERITY]: { value: 'Low', id: '3' } } }),
    ).toEqual({
      result: true,
    });
  });
});
