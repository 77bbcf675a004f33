import { hasControlCharacter } from '../validator-config/control-characters';
import type { WhoMayTransitionConfig } from './configuration';

/**
 * A Jira expression string literal. Jira expressions write strings as in JavaScript
 * (https://developer.atlassian.com/cloud/jira/platform/jira-expressions/): inside double quotes only a backslash
 * or a double quote can end or bend the literal, so those two are escaped; control characters are refused
 * rather than escaped, as configuration never needs them.
 */
export function expressionString(text: string): string {
  if (hasControlCharacter(text))
    throw new Error('A Jira expression string literal cannot hold control characters');
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

const list = (names: readonly string[]): string => `[${names.map(expressionString).join(', ')}]`;

/**
 * The validator's expression, built only from configuration values placed in string literals. `user` is the user
 * making the transition; `user.groups` are their group names and `user.getProjectRoles(project)` their roles in
 * the issue's project (https://developer.atlassian.com/cloud/jira/platform/jira-expressions-type-reference/#user).
 */
export function buildWhoMayTransitionExpression(config: WhoMayTransitionConfig): string {
  const allowed = [
    ...(config.groups.length ? [`user.groups.some(group => ${list(config.groups)}.includes(group))`] : []),
    ...(config.projectRoles.length
      ? [`user.getProjectRoles(project).some(role => ${list(config.projectRoles)}.includes(role.name))`]
      : []),
    ...(config.assignee ? ['(issue.assignee != null && issue.assignee.accountId == user.accountId)'] : []),
    ...(config.reporter ? ['(issue.reporter != null && issue.reporter.accountId == user.accountId)'] : []),
  ];
  return allowed.join(' || ');
}

/** Who the rule lets through, in words. */
export function describeWhoMayTransition(config: WhoMayTransitionConfig): string {
  const who = [
    ...(config.groups.length ? [`members of ${config.groups.map((g) => `"${g}"`).join(', ')}`] : []),
    ...(config.projectRoles.length
      ? [`project role ${config.projectRoles.map((r) => `"${r}"`).join(', ')}`]
      : []),
    ...(config.assignee ? ['the assignee'] : []),
    ...(config.reporter ? ['the reporter'] : []),
  ];
  return `Only ${who.join(', ')} may make this transition.`;
}
