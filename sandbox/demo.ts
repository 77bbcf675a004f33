import {
  forgeModuleOf,
  forgeWorkflowRule,
  installForgeConditions,
  JiraSite,
  manifestConditions,
  type WorkflowRule,
} from '../test/emulator';
import { APP_INSTALLATION } from '../test/harness';
import { ruleCatalog } from '../src/rules/catalog';
import { finishConfiguration } from '../src/rules/validator-config/prepare';
import { prepareCustomExpression } from '../src/rules/custom-expression/prepare';
import { WhoMayTransitionConfig } from '../src/rules/who-may-transition/configuration';
import { completeWhoMayTransition } from '../src/rules/who-may-transition/prepare';
import { completeWhoMayTransitionCondition } from '../src/rules/who-may-transition-condition/prepare';
import { DateCompareConfig } from '../src/rules/date-compare/configuration';
import { completeDateCompare } from '../src/rules/date-compare/prepare';
import { PreviousStatusConfig } from '../src/rules/previous-status/configuration';
import { completePreviousStatus } from '../src/rules/previous-status/prepare';

/** People of the demo site, each with a different reach. */
export const DEMO_USERS = [
  { accountId: 'ada-admin', displayName: 'Ada Admin (Jira admin)' },
  { accountId: 'pete-project-admin', displayName: 'Pete Project-Admin (admin of OPS, ops-leads)' },
  { accountId: 'dev-dana', displayName: 'Dana Developer' },
  { accountId: 'vic-viewer', displayName: 'Vic Viewer (browse only)' },
] as const;

/**
 * A Workflow Guard rule on a transition, the way Jira's workflow APIs list a Forge rule: the documented rule key for
 * its kind and the module's extension ARI for this installation (test/emulator/forge-rules.ts).
 */
export function forgeRule(moduleKey: string, configuration: unknown): WorkflowRule {
  const kind = ruleCatalog.find((entry) => entry.key === moduleKey)?.kind;
  if (!kind) throw new Error(`Workflow Guard has no rule "${moduleKey}"`);
  return forgeWorkflowRule(APP_INSTALLATION, {
    moduleKey,
    list: kind === 'validator' ? 'validators' : kind === 'condition' ? 'conditions' : 'postFunctions',
    config: configuration,
  });
}

/** The module key of this installation's rule, as Jira's platform finds the module to run. */
export function moduleKeyOf(rule: WorkflowRule): string | undefined {
  const module = forgeModuleOf(rule);
  return module?.appId === APP_INSTALLATION.appId && module.environmentId === APP_INSTALLATION.environmentId
    ? module.moduleKey
    : undefined;
}

/** A Who may transition configuration as its screen saves it (no user field, so no Jira lookup is needed). */
function whoMayTransition(input: object): unknown {
  const config = WhoMayTransitionConfig.parse(input);
  const prepared = completeWhoMayTransition(config, { ...config, userFields: [] });
  return JSON.parse(finishConfiguration(prepared).configuration);
}

/** The Who may transition condition as its screen saves it: ops leads only. */
function opsLeadsOnly(): unknown {
  const who = { groups: ['ops-leads'], projectRoles: [], assignee: false, reporter: false, userFields: [] };
  return JSON.parse(finishConfiguration(completeWhoMayTransitionCondition(who, who)).configuration);
}

/** Resume only work closed while in progress: the status just before Done must be In Progress. */
function closedFromInProgress(site: JiraSite): unknown {
  const inProgress = { id: site.requireStatus('In Progress').id, name: 'In Progress' };
  const config = PreviousStatusConfig.parse({
    statuses: [inProgress],
    mode: 'most-recent',
    message: 'Only work closed while in progress can be resumed; reopen it instead.',
  });
  return JSON.parse(finishConfiguration(completePreviousStatus(config, [inProgress])).configuration);
}

/**
 * Reopen only an assigned issue, as a Custom expression's screen saves it, written without a null check: on an
 * unassigned issue Jira cannot evaluate it (a property of null), counts it as false and tells the app.
 */
function assignedOnly(): unknown {
  const prepared = prepareCustomExpression({
    expression: 'issue.assignee.accountId != null',
    message: 'Assign the issue before reopening it.',
    summary: 'Only an assigned issue may be reopened.',
  });
  return JSON.parse(finishConfiguration(prepared).configuration);
}

/** Approve no issue already overdue: a due date, when set, must be today or later. */
function notOverdue(): unknown {
  const config = DateCompareConfig.parse({
    field: { id: 'duedate', name: 'Due date' },
    operator: '>=',
    against: 'now',
    offsetDays: 0,
    whenEmpty: 'allow',
    message: 'This issue is overdue: move its due date before approving it.',
  });
  const comparison = {
    field: { id: 'duedate', name: 'Due date', kind: 'date' as const },
    operator: config.operator,
    against: { kind: 'now' as const },
    offsetDays: config.offsetDays,
    whenEmpty: config.whenEmpty,
  };
  return JSON.parse(finishConfiguration(completeDateCompare(config, comparison)).configuration);
}

/**
 * The demo: a company-managed project OPS and a team-managed project WEB sharing a workflow whose transitions carry
 * Workflow Guard rules, and four users from Jira admin to viewer.
 */
export function seedDemoSite(): JiraSite {
  const site = new JiraSite();
  // The app is installed: Jira knows its condition modules' expressions (the saved configuration overrides them).
  installForgeConditions(site, APP_INSTALLATION, manifestConditions());
  for (const user of DEMO_USERS) site.addUser({ ...user });
  const ops = site.addProject({ key: 'OPS', name: 'Operations', leadAccountId: 'pete-project-admin' });
  site.addProject({ key: 'WEB', name: 'Website', style: 'team-managed', leadAccountId: 'dev-dana' });
  site.grant('ADMINISTER', { accountId: 'ada-admin' });
  site.addUserToGroup('pete-project-admin', 'ops-leads');
  for (const projectKey of ['OPS', 'WEB']) {
    site.grant('ADMINISTER_PROJECTS', { accountId: 'ada-admin', projectKey });
    for (const accountId of ['ada-admin', 'pete-project-admin', 'dev-dana', 'vic-viewer']) {
      site.grant('BROWSE_PROJECTS', { accountId, projectKey });
    }
    for (const accountId of ['ada-admin', 'pete-project-admin', 'dev-dana']) {
      for (const permission of [
        'ADD_COMMENTS',
        'EDIT_ISSUES',
        'TRANSITION_ISSUES',
        'LINK_ISSUES',
        'CREATE_ISSUES',
        'ASSIGN_ISSUES',
        'ASSIGNABLE_USER',
      ]) {
        site.grant(permission, { accountId, projectKey });
      }
    }
    // Assign gives started issues to the Developers in turn.
    for (const accountId of ['dev-dana', 'pete-project-admin'])
      site.assignRole(projectKey, 'Developers', accountId);
  }
  site.grant('ADMINISTER_PROJECTS', { accountId: 'pete-project-admin', projectKey: 'OPS' });
  site.grant('TRANSITION_ISSUES', { accountId: 'vic-viewer', projectKey: 'OPS' });
  const storyPoints = site.addField({ name: 'Story points', type: 'number' });
  const totalPoints = site.addField({ name: 'Total points', type: 'number' });
  site.addWorkflow({
    name: 'Guarded workflow',
    statuses: [
      { name: 'To Do', category: 'new' },
      { name: 'In Progress', category: 'indeterminate' },
      { name: 'Done', category: 'done' },
    ],
    transitions: [
      {
        id: '11',
        name: 'Start Progress',
        from: ['To Do'],
        to: 'In Progress',
        validators: [
          forgeRule('fields-requirement', {
            failurePolicy: 'block',
            requirements: [{ fieldId: 'description', fieldName: 'Description', condition: 'not-empty' }],
          }),
        ],
        postFunctions: [
          forgeRule('assign', {
            target: 'role',
            roleId: String(site.roleIdOf('Developers')),
            roleName: 'Developers',
            roleStrategy: 'round-robin',
          }),
        ],
      },
      {
        id: '21',
        name: 'Done',
        from: ['To Do', 'In Progress'],
        to: 'Done',
        postFunctions: [
          forgeRule('comment', {
            actor: 'transitioning-user',
            fallback: 'act-as-app',
            template: '{{issue.key}} was closed by {{user}} through "{{transition.name}}".',
          }),
          forgeRule('notify', { actor: 'app', connectionId: 'demo-webhook' }),
          // A follow-up in OPS, linked back, once per transition even if Jira delivers the event twice.
          forgeRule('create-issue', {
            kind: 'issue',
            projectId: ops.id,
            projectName: 'Operations (OPS)',
            issueTypeId: site.issueTypes.get('Task')?.id,
            issueTypeName: 'Task',
            summary: 'Verify {{issue.key}}: {{issue.summary}}',
            copyFields: ['labels'],
            linkBack: { linkType: 'Relates', direction: 'outward' },
            actor: 'transitioning-user',
            fallback: 'act-as-app',
          }),
        ],
      },
      {
        id: '31',
        name: 'Reopen',
        from: ['Done'],
        to: 'To Do',
        // Saved as the rule's screen saves it: the generated expression Jira evaluates, and the message.
        validators: [
          forgeRule(
            'who-may-transition',
            whoMayTransition({
              groups: ['ops-leads'],
              assignee: true,
              message: 'Only the assignee or an ops lead may reopen an issue.',
            }),
          ),
          // Fails to evaluate on an unassigned issue: the admin page lists it among the failed executions.
          forgeRule('custom-expression', assignedOnly()),
        ],
        postFunctions: [
          forgeRule('link-issues', {
            source: 'jql',
            jql: 'project = OPS AND statusCategory != Done',
            linkType: 'Relates',
            direction: 'outward',
          }),
        ],
      },
      {
        id: '41',
        name: 'Approve',
        from: ['In Progress'],
        to: 'Done',
        // A condition: Jira lists "Approve" only to ops leads; everyone else never sees the button.
        conditions: [forgeRule('who-may-transition-condition', opsLeadsOnly())],
        // Approving sums the sub-tasks' story points into the issue's total: one search, one edit.
        postFunctions: [
          forgeRule('copy-field-values', {
            direction: 'pull',
            relation: 'sub-tasks',
            pairs: [
              {
                from: storyPoints.id,
                fromName: storyPoints.name,
                fromSchema: { type: 'number' },
                to: totalPoints.id,
                toName: totalPoints.name,
                toSchema: { type: 'number' },
                aggregation: 'sum',
              },
            ],
          }),
          // The reporter confirms on the issue, as themselves (the user in Reporter); without a reporter, or when
          // they may not comment, the app comments instead and says for whom.
          forgeRule('comment', {
            template: 'Approved by {{user}}: thanks, this is what I reported.',
            actor: 'field-user',
            actorField: { id: 'reporter', name: 'Reporter' },
            fallback: 'act-as-app',
          }),
        ],
        // Jira compares the due date with today when an ops lead approves.
        validators: [forgeRule('date-compare', notOverdue())],
      },
      {
        id: '51',
        name: 'Resume',
        from: ['Done'],
        to: 'In Progress',
        // Jira reads the issue's history: the status it was in just before Done.
        validators: [forgeRule('previous-status', closedFromInProgress(site))],
      },
    ],
    projects: ['OPS', 'WEB'],
  });
  site.addIssue({
    key: 'OPS-1',
    projectKey: 'OPS',
    summary: 'Rotate the TLS certificates',
    reporter: 'dev-dana',
  });
  site.addIssue({
    key: 'OPS-2',
    projectKey: 'OPS',
    summary: 'Patch the database servers',
    reporter: 'vic-viewer',
    fields: {
      description: {
        type: 'doc',
        version: 1,
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Apply the March patches.' }] }],
      },
    },
  });
  // Sub-tasks of OPS-2 with story points, which Approve sums into OPS-2's Total points.
  for (const [key, summary, points] of [
    ['OPS-3', 'Patch the primary', 3],
    ['OPS-4', 'Patch the replicas', 5],
  ] as const)
    site.addIssue({
      key,
      projectKey: 'OPS',
      summary,
      issueType: 'Subtask',
      parentKey: 'OPS-2',
      fields: { [storyPoints.id]: points },
    });
  site.addIssue({
    key: 'WEB-1',
    projectKey: 'WEB',
    summary: 'Refresh the landing page',
    assignee: 'dev-dana',
  });
  return site;
}
