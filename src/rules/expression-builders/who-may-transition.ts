import type { KindedField } from './field-test';
import { expressionList, issueField } from './literal';

/** Who may take a transition, with each user field's kind looked up in Jira. */
export interface WhoMayTransition {
  groups: readonly string[];
  projectRoles: readonly string[];
  assignee: boolean;
  reporter: boolean;
  userFields: readonly KindedField[];
}

/** A user field holds the transitioning user: one User, or a List of them (multi-user pickers). */
function inUserField(field: KindedField): string {
  const f = issueField('issue', field.id);
  return field.kind === 'users'
    ? `(${f} != null && ${f}.some(person => person.accountId == user.accountId))`
    : `(${f} != null && ${f}.accountId == user.accountId)`;
}

/**
 * The expression of the "who may transition" validator and condition, built only from configuration values placed
 * in string literals (field ids are checked to be ids). `user` is the user making the transition (validator) or
 * the user the condition is evaluated for; `user.groups` are their group names and `user.getProjectRoles(project)`
 * their roles in the issue's project (https://developer.atlassian.com/cloud/jira/platform/jira-expressions-type-reference/#user).
 * Both modules get `user`, `issue` and `project`
 * (https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-workflow-validator/#context-variables,
 * https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-workflow-condition/#context-variables).
 */
export function buildWhoMayTransitionExpression(who: WhoMayTransition): string {
  const allowed = [
    ...(who.groups.length
      ? [`user.groups.some(group => ${expressionList(who.groups)}.includes(group))`]
      : []),
    ...(who.projectRoles.length
      ? [
          `user.getProjectRoles(project).some(role => ${expressionList(who.projectRoles)}.includes(role.name))`,
        ]
      : []),
    ...(who.assignee ? ['(issue.assignee != null && issue.assignee.accountId == user.accountId)'] : []),
    ...(who.reporter ? ['(issue.reporter != null && issue.reporter.accountId == user.accountId)'] : []),
    ...who.userFields.map(inUserField),
  ];
  return allowed.join(' || ');
}

/** Who the rule lets through, in words. */
export function describeWhoMayTransition(who: WhoMayTransition): string {
  const people = [
    ...(who.groups.length ? [`members of ${who.groups.map((g) => `"${g}"`).join(', ')}`] : []),
    ...(who.projectRoles.length ? [`project role ${who.projectRoles.map((r) => `"${r}"`).join(', ')}`] : []),
    ...(who.assignee ? ['the assignee'] : []),
    ...(who.reporter ? ['the reporter'] : []),
    ...who.userFields.map((f) => `people in "${f.name}"`),
  ];
  return `Only ${people.join(', ')} may make this transition.`;
}
