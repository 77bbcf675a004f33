/** One change of Jira's changelog (Changelog.items), as far as finding an earlier assignee reads it. */
export interface ChangeItem {
  field?: string;
  fieldId?: string;
  from?: string;
  to?: string;
}

/**
 * The assignee before the current one: the `from` of the latest assignee change (changes oldest first, as Jira's
 * changelog lists them). Undefined when the issue never had another assignee.
 */
export function previousAssignee(
  changes: ReadonlyArray<{ items: readonly ChangeItem[] }>,
): string | undefined {
  for (const change of [...changes].reverse()) {
    const item = change.items.find((i) => (i.fieldId ?? i.field) === 'assignee');
    if (item) return item.from || undefined;
  }
  return undefined;
}

/** The account id a user field holds ({accountId} in "Get issue" shape), if it holds one user. */
export function userIn(value: unknown): string | undefined {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const accountId = (value as Record<string, unknown>).accountId;
    return typeof accountId === 'string' && accountId ? accountId : undefined;
  }
  return undefined;
}

/** The role's members in the order to try them: from the first, or (round robin) from where the last turn ended. */
export function candidatesInTurn(members: readonly string[], next: number): string[] {
  if (members.length === 0) return [];
  const start = ((next % members.length) + members.length) % members.length;
  return [...members.slice(start), ...members.slice(0, start)];
}
