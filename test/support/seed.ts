import { defaultWorkflowSteps, JiraSite } from '../emulator';
import { MemoryKvs } from '../harness';

/**
 * A small site most tests start from: project OPS (company-managed) with issue OPS-1, a developer `dev` who can
 * browse, comment and edit there, and a viewer `viewer` who can only browse.
 */
export function seedSite(): { site: JiraSite; kvs: MemoryKvs } {
  const site = new JiraSite();
  site.addUser({ accountId: 'dev', displayName: 'Dana Developer' });
  site.addUser({ accountId: 'viewer', displayName: 'Vic Viewer' });
  site.addProject({ key: 'OPS', name: 'Operations', leadAccountId: 'dev' });
  for (const permission of ['BROWSE_PROJECTS', 'ADD_COMMENTS', 'EDIT_ISSUES', 'TRANSITION_ISSUES']) {
    site.grant(permission, { accountId: 'dev', projectKey: 'OPS' });
  }
  site.grant('BROWSE_PROJECTS', { accountId: 'viewer', projectKey: 'OPS' });
  site.addIssue({ key: 'OPS-1', projectKey: 'OPS', summary: 'Rotate the certificates' });
  return { site, kvs: new MemoryKvs() };
}

type Seeded = ReturnType<typeof seedSite>;

/** seedSite plus OPS-2 with a due date to copy (customfield_10010) and a draft flag to clear (customfield_10020). */
export function seedFieldsToSet(): Seeded {
  const seeded = seedSite();
  seeded.site.addIssue({
    key: 'OPS-2',
    projectKey: 'OPS',
    summary: 'Ship it',
    fields: { customfield_10010: '2026-12-24', customfield_10020: 'draft' },
  });
  return seeded;
}

/** The Set fields operations the tests configure on OPS-2: a set of each kind, a copy and a clear. */
export const SET_FIELDS_OPERATIONS = [
  { op: 'set', field: 'labels', value: ['released', 'audited'] },
  { op: 'set', field: 'priority', value: 'High' },
  { op: 'copy', field: 'duedate', from: 'customfield_10010' },
  { op: 'clear', field: 'customfield_10020' },
];

/** seedSite plus sub-tasks OPS-2 and OPS-3 of OPS-1 (both To Do), and OPS-4 already Done. */
export function seedSubTasks(): Seeded {
  const seeded = seedSite();
  for (const [key, summary] of [
    ['OPS-2', 'Sub one'],
    ['OPS-3', 'Sub two'],
  ] as const) {
    seeded.site.addIssue({ key, projectKey: 'OPS', summary, issueType: 'Subtask', parentKey: 'OPS-1' });
  }
  seeded.site.addIssue({ key: 'OPS-4', projectKey: 'OPS', summary: 'Blocked', status: 'Done' });
  return seeded;
}

/** OPS-1 (under epic OPS-10) with sub-tasks OPS-2 and OPS-3, blocked by OPS-4, and blocking OPS-5. */
export function seedRelatedIssues(): Seeded {
  const seeded = seedSite();
  const { site } = seeded;
  site.addIssue({ key: 'OPS-10', projectKey: 'OPS', summary: 'Epic', issueType: 'Epic', status: 'Done' });
  site.issues.get('OPS-1')!.parentKey = 'OPS-10';
  for (const key of ['OPS-2', 'OPS-3']) {
    site.addIssue({
      key,
      projectKey: 'OPS',
      summary: 'Sub',
      issueType: 'Subtask',
      parentKey: 'OPS-1',
      status: 'Done',
    });
  }
  site.addIssue({ key: 'OPS-4', projectKey: 'OPS', summary: 'Blocker', status: 'Done' });
  site.addIssue({ key: 'OPS-5', projectKey: 'OPS', summary: 'Blocked by us', status: 'To Do' });
  site.linkIssues('OPS-4', 'OPS-1', 'Blocks');
  site.linkIssues('OPS-1', 'OPS-5', 'Blocks');
  return seeded;
}

/**
 * seedSite, but OPS is a team-managed project with its own workflow (scoped to it, transitions 11, 21 and 31 as in
 * the default one) and the hierarchy such a project has: epic OPS-10 is the parent of story OPS-1 (the `parent`
 * field, at every level), OPS-1 is the parent of sub-task OPS-2, and story OPS-3 has no parent. FIN is a second
 * team-managed project with epic FIN-1.
 */
export function seedTeamManagedSite(): Seeded {
  const site = new JiraSite();
  site.addUser({ accountId: 'dev', displayName: 'Dana Developer' });
  site.addUser({ accountId: 'viewer', displayName: 'Vic Viewer' });
  for (const key of ['OPS', 'FIN']) site.addProject({ key, style: 'team-managed', leadAccountId: 'dev' });
  for (const permission of ['BROWSE_PROJECTS', 'ADD_COMMENTS', 'EDIT_ISSUES', 'TRANSITION_ISSUES']) {
    site.grant(permission, { accountId: 'dev', projectKey: 'OPS' });
  }
  site.grant('BROWSE_PROJECTS', { accountId: 'viewer', projectKey: 'OPS' });
  site.addWorkflow({
    name: 'Software simplified workflow for project OPS',
    ...defaultWorkflowSteps(),
    projects: ['OPS'],
  });
  site.addIssue({ key: 'OPS-10', projectKey: 'OPS', summary: 'Launch', issueType: 'Epic' });
  site.addIssue({ key: 'OPS-1', projectKey: 'OPS', summary: 'Rotate the certificates', parentKey: 'OPS-10' });
  site.addIssue({
    key: 'OPS-2',
    projectKey: 'OPS',
    summary: 'Renew',
    issueType: 'Subtask',
    parentKey: 'OPS-1',
  });
  site.addIssue({ key: 'OPS-3', projectKey: 'OPS', summary: 'Announce' });
  site.addIssue({ key: 'FIN-1', projectKey: 'FIN', summary: 'Budget', issueType: 'Epic' });
  return { site, kvs: new MemoryKvs() };
}

/** Gives `projectKey` a workflow whose "Done" transition stays open in Done (a self-loop, as a global one may be). */
export function addDoneFromAnywhere(site: JiraSite, projectKey: string): void {
  site.addWorkflow({
    name: 'Done from anywhere',
    statuses: [
      { name: 'To Do', category: 'new' },
      { name: 'Done', category: 'done' },
    ],
    transitions: [{ id: '21', name: 'Done', from: ['To Do', 'Done'], to: 'Done' }],
    projects: [projectKey],
  });
}

/**
 * The pages' callers: a Jira admin `jadmin`, a project admin of OPS `padmin`, a project admin of FIN `fadmin` and
 * `plain`, who may browse both projects and administer nothing; all four may create issues in OPS.
 */
export function seedPageCallers() {
  const site = new JiraSite();
  for (const accountId of ['jadmin', 'padmin', 'fadmin', 'plain'])
    site.addUser({ accountId, displayName: accountId });
  const ops = site.addProject({ key: 'OPS', name: 'Operations' });
  const fin = site.addProject({ key: 'FIN', name: 'Finance' });
  site.grant('ADMINISTER', { accountId: 'jadmin' });
  site.grant('ADMINISTER_PROJECTS', { accountId: 'padmin', projectKey: 'OPS' });
  site.grant('ADMINISTER_PROJECTS', { accountId: 'fadmin', projectKey: 'FIN' });
  for (const accountId of ['jadmin', 'padmin', 'fadmin', 'plain']) {
    for (const projectKey of ['OPS', 'FIN']) site.grant('BROWSE_PROJECTS', { accountId, projectKey });
    // What a configuration screen's pickers read as the caller (Create issue's issue types and create metadata).
    site.grant('CREATE_ISSUES', { accountId, projectKey: 'OPS' });
  }
  return { site, kvs: new MemoryKvs(), ops, fin };
}

/**
 * seedSite for the post-functions that create, link and assign: `dev` may also create issues, link them and assign
 * in OPS and in SUP (Support, id 20000), where Severity (customfield_10050) is required to create a Task. OPS-1 has
 * a Severity and labels to copy; OPS-5 and OPS-6 are candidates to link to.
 */
export function seedIssueCreation(): Seeded {
  const seeded = seedSite();
  const { site } = seeded;
  site.addProject({ key: 'SUP', name: 'Support', id: '20000', leadAccountId: 'dev' });
  site.addField({ id: 'customfield_10050', name: 'Severity', type: 'string' });
  site.requireOnCreate('SUP', 'Task', 'customfield_10050');
  for (const projectKey of ['OPS', 'SUP']) {
    for (const permission of [
      'BROWSE_PROJECTS',
      'CREATE_ISSUES',
      'LINK_ISSUES',
      'ASSIGN_ISSUES',
      'EDIT_ISSUES',
    ])
      site.grant(permission, { accountId: 'dev', projectKey });
    site.grant('ASSIGNABLE_USER', { accountId: 'dev', projectKey });
  }
  const ops1 = site.issues.get('OPS-1')!;
  ops1.fields.customfield_10050 = 'High';
  ops1.fields.labels = ['cert'];
  ops1.reporter = 'dev';
  site.addIssue({ key: 'OPS-5', projectKey: 'OPS', summary: 'Renew the CA' });
  site.addIssue({ key: 'OPS-6', projectKey: 'OPS', summary: 'Update the docs', status: 'Done' });
  return seeded;
}

/** The number, date and text fields Copy field values tests copy between, with their schemas as GET /field gives them. */
export const COPY_FIELDS = {
  points: { id: 'customfield_10016', name: 'Story points', type: 'number' },
  total: { id: 'customfield_10017', name: 'Total points', type: 'number' },
  start: { id: 'customfield_10018', name: 'Start date', type: 'date' },
  notes: { id: 'customfield_10019', name: 'Notes', type: 'string' },
  digest: { id: 'customfield_10021', name: 'Digest', type: 'string' },
} as const;

/**
 * seedSite plus what Copy field values copies: OPS-1 with sub-tasks OPS-2 (3 points, starts 2026-12-03, notes
 * "alpha"), OPS-3 (5 points, starts 2026-12-01, notes "beta") and OPS-4 (nothing filled in), and OPS-5, which
 * blocks OPS-1 (8 points). `dev` may browse and edit in OPS; FIN is a second project where `dev` may browse only.
 */
export function seedCopyValues(): Seeded {
  const seeded = seedSite();
  const { site } = seeded;
  for (const field of Object.values(COPY_FIELDS)) site.addField(field);
  const { points, start, notes } = COPY_FIELDS;
  site.addIssue({
    key: 'OPS-2',
    projectKey: 'OPS',
    summary: 'Renew',
    issueType: 'Subtask',
    parentKey: 'OPS-1',
    fields: { [points.id]: 3, [start.id]: '2026-12-03', [notes.id]: 'alpha' },
  });
  site.addIssue({
    key: 'OPS-3',
    projectKey: 'OPS',
    summary: 'Deploy',
    issueType: 'Subtask',
    parentKey: 'OPS-1',
    fields: { [points.id]: 5, [start.id]: '2026-12-01', [notes.id]: 'beta' },
  });
  site.addIssue({
    key: 'OPS-4',
    projectKey: 'OPS',
    summary: 'Tidy',
    issueType: 'Subtask',
    parentKey: 'OPS-1',
  });
  site.addIssue({ key: 'OPS-5', projectKey: 'OPS', summary: 'Blocker', fields: { [points.id]: 8 } });
  site.linkIssues('OPS-5', 'OPS-1', 'Blocks');
  site.addProject({ key: 'FIN', name: 'Finance' });
  site.grant('BROWSE_PROJECTS', { accountId: 'dev', projectKey: 'FIN' });
  return seeded;
}
