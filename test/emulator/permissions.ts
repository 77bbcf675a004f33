/** Jira's built-in permissions (ids and names as Jira Cloud reports them from GET /rest/api/3/permissions). */
export interface PermissionDef {
  key: string;
  id: string;
  name: string;
  type: 'GLOBAL' | 'PROJECT';
  description: string;
}

const def = (key: string, id: number, name: string, type: 'GLOBAL' | 'PROJECT', description: string) => ({
  key,
  id: String(id),
  name,
  type,
  description,
});

export const PERMISSIONS: readonly PermissionDef[] = [
  def('ADMINISTER', 0, 'Administer Jira', 'GLOBAL', 'Create and administer projects, issue types, fields...'),
  def('SYSTEM_ADMIN', 44, 'Administer Jira', 'GLOBAL', 'Ability to perform all administration functions.'),
  def('USER_PICKER', 27, 'Browse users and groups', 'GLOBAL', 'View and select users or groups.'),
  def('CREATE_SHARED_OBJECTS', 22, 'Share dashboards and filters', 'GLOBAL', 'Share dashboards and filters.'),
  def(
    'MANAGE_GROUP_FILTER_SUBSCRIPTIONS',
    24,
    'Manage group filter subscriptions',
    'GLOBAL',
    'Manage subscriptions.',
  ),
  def('BULK_CHANGE', 33, 'Make bulk changes', 'GLOBAL', 'Modify collections of issues at once.'),
  def(
    'ADMINISTER_PROJECTS',
    23,
    'Administer Projects',
    'PROJECT',
    'Ability to administer a project in Jira.',
  ),
  def('BROWSE_PROJECTS', 10, 'Browse Projects', 'PROJECT', 'Ability to browse projects and their issues.'),
  def('VIEW_READONLY_WORKFLOW', 45, 'View Read-Only Workflow', 'PROJECT', 'View a read-only workflow.'),
  def('CREATE_ISSUES', 11, 'Create Issues', 'PROJECT', 'Ability to create issues.'),
  def('EDIT_ISSUES', 12, 'Edit Issues', 'PROJECT', 'Ability to edit issues.'),
  def('ASSIGN_ISSUES', 13, 'Assign Issues', 'PROJECT', 'Ability to assign issues to other people.'),
  def('RESOLVE_ISSUES', 14, 'Resolve Issues', 'PROJECT', 'Ability to resolve and reopen issues.'),
  def('ADD_COMMENTS', 15, 'Add Comments', 'PROJECT', 'Ability to comment on issues.'),
  def('DELETE_ISSUES', 16, 'Delete Issues', 'PROJECT', 'Ability to delete issues.'),
  def(
    'ASSIGNABLE_USER',
    17,
    'Assignable User',
    'PROJECT',
    'Users with this permission may be assigned to issues.',
  ),
  def('CLOSE_ISSUES', 18, 'Close Issues', 'PROJECT', 'Ability to close issues.'),
  def(
    'CREATE_ATTACHMENTS',
    19,
    'Create Attachments',
    'PROJECT',
    'Users with this permission may create attachments.',
  ),
  def('WORK_ON_ISSUES', 20, 'Work On Issues', 'PROJECT', 'Ability to log work done against an issue.'),
  def('LINK_ISSUES', 21, 'Link Issues', 'PROJECT', 'Ability to link issues together.'),
  def('MOVE_ISSUES', 25, 'Move Issues', 'PROJECT', 'Ability to move issues between projects.'),
  def(
    'SET_ISSUE_SECURITY',
    26,
    'Set Issue Security',
    'PROJECT',
    'Ability to set the level of security on an issue.',
  ),
  def('SCHEDULE_ISSUES', 28, 'Schedule Issues', 'PROJECT', 'Ability to view or edit an issue due date.'),
  def(
    'MODIFY_REPORTER',
    30,
    'Modify Reporter',
    'PROJECT',
    'Ability to modify the reporter when creating or editing.',
  ),
  def(
    'VIEW_VOTERS_AND_WATCHERS',
    31,
    'View Voters and Watchers',
    'PROJECT',
    'Ability to view voters and watchers.',
  ),
  def('MANAGE_WATCHERS', 32, 'Manage Watchers', 'PROJECT', 'Ability to manage the watchers of an issue.'),
  def(
    'EDIT_ALL_COMMENTS',
    34,
    'Edit All Comments',
    'PROJECT',
    'Ability to edit all comments made on issues.',
  ),
  def(
    'EDIT_OWN_COMMENTS',
    35,
    'Edit Own Comments',
    'PROJECT',
    'Ability to edit own comments made on issues.',
  ),
  def(
    'DELETE_ALL_COMMENTS',
    36,
    'Delete All Comments',
    'PROJECT',
    'Ability to delete all comments made on issues.',
  ),
  def(
    'DELETE_OWN_COMMENTS',
    37,
    'Delete Own Comments',
    'PROJECT',
    'Ability to delete own comments made on issues.',
  ),
  def('DELETE_ALL_ATTACHMENTS', 38, 'Delete All Attachments', 'PROJECT', 'Users may delete all attachments.'),
  def('DELETE_OWN_ATTACHMENTS', 39, 'Delete Own Attachments', 'PROJECT', 'Users may delete own attachments.'),
  def('TRANSITION_ISSUES', 46, 'Transition Issues', 'PROJECT', 'Ability to transition issues.'),
];

export const permissionDef = (key: string): PermissionDef | undefined =>
  PERMISSIONS.find((p) => p.key === key);

/** Who a grant is for; no accountId/group/role means "any logged-in user". No projectKey = every project. */
export interface GrantTarget {
  accountId?: string;
  group?: string;
  role?: string;
  projectKey?: string;
}

export interface Grant extends GrantTarget {
  permission: string;
}

/** What the evaluator needs to know about a user and project; implemented by SiteState. */
export interface PermissionSubject {
  accountId: string;
  groups: ReadonlySet<string>;
  hasRole(projectKey: string, role: string): boolean;
}

const subjectMatches = (g: Grant, s: PermissionSubject, projectKey: string | undefined): boolean => {
  if (g.accountId !== undefined) return g.accountId === s.accountId;
  if (g.group !== undefined) return s.groups.has(g.group);
  if (g.role !== undefined) return projectKey !== undefined && s.hasRole(projectKey, g.role);
  return true;
};

/**
 * Global permissions ignore the project. A project permission asked without a project is true when it holds
 * in at least one of `allProjects` (what GET /mypermissions does without project context).
 * No implications between keys (ADMINISTER does not imply project permissions): grant what a test needs.
 */
export function holds(
  grants: readonly Grant[],
  s: PermissionSubject,
  key: string,
  projectKey: string | undefined,
  allProjects: readonly string[],
): boolean {
  const relevant = grants.filter((g) => g.permission === key);
  if (permissionDef(key)?.type === 'GLOBAL') return relevant.some((g) => subjectMatches(g, s, undefined));
  const inProject = (p: string) =>
    relevant.some((g) => (g.projectKey === undefined || g.projectKey === p) && subjectMatches(g, s, p));
  return projectKey !== undefined ? inProject(projectKey) : allProjects.some(inProject);
}

export const sameGrant = (a: Grant, b: Grant): boolean =>
  a.permission === b.permission &&
  a.accountId === b.accountId &&
  a.group === b.group &&
  a.role === b.role &&
  a.projectKey === b.projectKey;
