/** Display names of the Jira permissions the app checks, as Jira's permission schemes show them. */
const NAMES: Readonly<Record<string, string>> = {
  ADMINISTER: 'Administer Jira',
  ADMINISTER_PROJECTS: 'Administer projects',
  BROWSE_PROJECTS: 'Browse projects',
  EDIT_ISSUES: 'Edit issues',
  ADD_COMMENTS: 'Add comments',
  CREATE_ISSUES: 'Create issues',
  TRANSITION_ISSUES: 'Transition issues',
  ASSIGN_ISSUES: 'Assign issues',
  ASSIGNABLE_USER: 'Assignable user',
  RESOLVE_ISSUES: 'Resolve issues',
  LINK_ISSUES: 'Link issues',
  USER_PICKER: 'Browse users and groups',
};

export const permissionName = (key: string): string => NAMES[key] ?? key;
