/**
 * Every rule the app ships, as the pages list them: its manifest module, a title and the Jira permissions the
 * app's bot user needs in a project for the rule to work there when it acts as the app. The admin page and the
 * project settings page compare these with what the bot actually holds.
 */
export interface RuleEntry {
  /** The manifest module key, also the rule name in the audit log. */
  key: string;
  kind: 'validator' | 'post-function';
  title: string;
  botPermissions: string[];
}

export const ruleCatalog: readonly RuleEntry[] = [
  {
    key: 'fields-requirement',
    kind: 'validator',
    title: 'Fields requirement',
    botPermissions: ['BROWSE_PROJECTS'],
  },
  {
    key: 'related-issues',
    kind: 'validator',
    title: 'Related issues in the right state',
    botPermissions: ['BROWSE_PROJECTS'],
  },
  // Expression validators: Jira evaluates them as the transitioning user; the bot needs nothing.
  { key: 'who-may-transition', kind: 'validator', title: 'Who may transition', botPermissions: [] },
  { key: 'custom-expression', kind: 'validator', title: 'Custom Jira expression', botPermissions: [] },
  {
    key: 'comment',
    kind: 'post-function',
    title: 'Comment',
    botPermissions: ['BROWSE_PROJECTS', 'ADD_COMMENTS'],
  },
  {
    key: 'set-fields',
    kind: 'post-function',
    title: 'Set fields',
    botPermissions: ['BROWSE_PROJECTS', 'EDIT_ISSUES'],
  },
  {
    key: 'transition-related',
    kind: 'post-function',
    title: 'Transition related issues',
    // The mark that stops a cascade (an issue property) travels in the transition request, which needs no more.
    botPermissions: ['BROWSE_PROJECTS', 'TRANSITION_ISSUES'],
  },
  {
    key: 'create-issue',
    kind: 'post-function',
    title: 'Create issue',
    // In the project the issue is created in; Link issues only for a link back (on the outward issue's project).
    botPermissions: ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'LINK_ISSUES'],
  },
  {
    key: 'link-issues',
    kind: 'post-function',
    title: 'Link issues',
    // Browse projects where the found issues are; Link issues on the outward issue's project.
    botPermissions: ['BROWSE_PROJECTS', 'LINK_ISSUES'],
  },
  {
    key: 'assign',
    kind: 'post-function',
    title: 'Assign',
    // Administer projects only to read a project role's members when the rule assigns to a role.
    botPermissions: ['BROWSE_PROJECTS', 'ASSIGN_ISSUES', 'ADMINISTER_PROJECTS'],
  },
  {
    key: 'notify',
    kind: 'post-function',
    title: 'Notify an external service',
    botPermissions: ['BROWSE_PROJECTS'],
  },
];
