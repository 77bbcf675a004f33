/**
 * Every rule the app ships, as the pages list them: its manifest module, a title and the Jira permissions the
 * app's bot user needs in a project for the rule to work there when it acts as the app. The admin page and the
 * project settings page compare these with what the bot actually holds.
 */
export interface RuleEntry {
  /** The manifest module key, also the rule name in the audit log. */
  key: string;
  kind: 'validator' | 'condition' | 'post-function';
  title: string;
  botPermissions: string[];
  /**
   * `jira`: an expression Jira evaluates itself, without invoking the app, so a project's settings cannot turn it
   * off (the app is never asked); it is removed from the workflow instead. `app`: the app runs and decides.
   */
  evaluatedBy: 'app' | 'jira';
}

/** A catalogue key's segment for a rule key or kind: `set-fields` reads `setFields`. */
const camel = (key: string): string => key.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());

/**
 * Where a rule's title is in the catalogues (locales/<locale>.json, section `catalog`), so a page words it in the
 * reader's language; `title` above is its English text, which records (the audit log) keep.
 */
export const ruleTitleKey = (key: string): string => `catalog.rules.${camel(key)}.title`;
/** "validator", "condition", "post-function" in the reader's language. */
export const ruleKindKey = (kind: RuleEntry['kind']): string => `catalog.kinds.${camel(kind)}`;

function expressionRules(kind: RuleEntry['kind'], rules: ReadonlyArray<[string, string]>): RuleEntry[] {
  return rules.map(([key, title]) => ({ key, kind, title, botPermissions: [], evaluatedBy: 'jira' }));
}

export const ruleCatalog: readonly RuleEntry[] = [
  {
    key: 'fields-requirement',
    kind: 'validator',
    title: 'Fields requirement',
    botPermissions: ['BROWSE_PROJECTS'],
    evaluatedBy: 'app',
  },
  {
    key: 'related-issues',
    kind: 'validator',
    title: 'Related issues in the right state',
    botPermissions: ['BROWSE_PROJECTS'],
    evaluatedBy: 'app',
  },
  // Expression validators and conditions: Jira evaluates them as the transitioning user; the bot needs nothing.
  ...expressionRules('validator', [
    ['who-may-transition', 'Who may transition'],
    ['custom-expression', 'Custom Jira expression'],
    ['comment-required', 'Comment required'],
    ['field-changed', 'Field changed'],
    ['required-when', 'Fields required when'],
    ['previous-status', 'Previous status'],
    ['date-compare', 'Date comparison'],
  ]),
  ...expressionRules('condition', [
    ['who-may-transition-condition', 'Who may transition (condition)'],
    ['custom-expression-condition', 'Custom Jira expression (condition)'],
    ['field-value-condition', 'Field value (condition)'],
    ['related-status-condition', 'Related issues in a status (condition)'],
  ]),
  {
    key: 'comment',
    kind: 'post-function',
    title: 'Comment',
    botPermissions: ['BROWSE_PROJECTS', 'ADD_COMMENTS'],
    evaluatedBy: 'app',
  },
  {
    key: 'set-fields',
    kind: 'post-function',
    title: 'Set fields',
    botPermissions: ['BROWSE_PROJECTS', 'EDIT_ISSUES'],
    evaluatedBy: 'app',
  },
  {
    key: 'transition-related',
    kind: 'post-function',
    title: 'Transition related issues',
    // The mark that stops a cascade (an issue property) travels in the transition request, which needs no more.
    botPermissions: ['BROWSE_PROJECTS', 'TRANSITION_ISSUES'],
    evaluatedBy: 'app',
  },
  {
    key: 'create-issue',
    kind: 'post-function',
    title: 'Create issue',
    // In the project the issue is created in; Link issues only for a link back (on the outward issue's project).
    botPermissions: ['BROWSE_PROJECTS', 'CREATE_ISSUES', 'LINK_ISSUES'],
    evaluatedBy: 'app',
  },
  {
    key: 'link-issues',
    kind: 'post-function',
    title: 'Link issues',
    // Browse projects where the found issues are; Link issues on the outward issue's project.
    botPermissions: ['BROWSE_PROJECTS', 'LINK_ISSUES'],
    evaluatedBy: 'app',
  },
  {
    key: 'assign',
    kind: 'post-function',
    title: 'Assign',
    // Administer projects only to read a project role's members when the rule assigns to a role.
    botPermissions: ['BROWSE_PROJECTS', 'ASSIGN_ISSUES', 'ADMINISTER_PROJECTS'],
    evaluatedBy: 'app',
  },
  {
    key: 'copy-field-values',
    kind: 'post-function',
    title: 'Copy field values',
    // Browse projects to read the related issues; Edit issues on the issues it writes (the transitioned one, or the
    // related ones when pushing).
    botPermissions: ['BROWSE_PROJECTS', 'EDIT_ISSUES'],
    evaluatedBy: 'app',
  },
  {
    key: 'notify',
    kind: 'post-function',
    title: 'Notify an external service',
    botPermissions: ['BROWSE_PROJECTS'],
    evaluatedBy: 'app',
  },
];
