import { expressionList } from './literal';

/**
 * Which earlier statuses let the transition through, as JSU's and JMWE's "Previous status" rules offer it:
 * `most-recent` is the status the issue was in just before its current one; `ever` is any status it has left at
 * some time. A status is matched by id (a renamed status still matches).
 */
export type PreviousStatusMode = 'most-recent' | 'ever';

/**
 * `issue.changelogs` is the list of changelogs; a Changelog has `created` (Date) and `items`, each
 * ChangelogItem `fieldId`, `from` and `to` (https://developer.atlassian.com/cloud/jira/platform/jira-expressions-type-reference/#issue,
 * https://developer.atlassian.com/cloud/jira/platform/jira-expressions-types/). The status changes are the items of
 * field `status`, `from` the status left. The list is in date order; the newest status change is taken from
 * whichever end is newer, so the expression holds in either order (test/emulator/FIDELITY.md, "Previous status
 * and date comparison"). An issue never moved has no status change: nothing was left, so the rule blocks.
 */
export function buildPreviousStatusExpression(
  statusIds: readonly string[],
  mode: PreviousStatusMode,
): string {
  const left = `item.fieldId == "status" && ${expressionList(statusIds)}.includes(item.from)`;
  if (mode === 'ever') return `issue.changelogs.some(change => change.items.some(item => ${left}))`;
  return [
    'let moves = issue.changelogs.filter(change => change.items.some(item => item.fieldId == "status"));',
    'let last = moves.length == 0 ? null : (moves[0].created >= moves[moves.length - 1].created ? moves[0] : moves[moves.length - 1]);',
    `last != null && last.items.some(item => ${left})`,
  ].join(' ');
}

const listed = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');

/** The rule in words. */
export function describePreviousStatus(names: readonly string[], mode: PreviousStatusMode): string {
  return mode === 'ever'
    ? `Allowed only if the issue has been in ${listed(names)} at some time before its current status.`
    : `Allowed only if the status just before the current one was ${listed(names)}.`;
}
