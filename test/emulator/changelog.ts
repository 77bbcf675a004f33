import type { HistoryRecord, SiteState } from './state';

/**
 * One change of an issue's history as Jira gives it: ChangeDetails of GET /rest/api/3/issue/{issueIdOrKey}/changelog
 * (field, fieldId, fieldtype, from, fromString, to, toString), the same fields a ChangelogItem has in Jira
 * expressions (https://developer.atlassian.com/cloud/jira/platform/jira-expressions-types/). `from`/`to` are the raw
 * values (account ids for users; for a status its id, which the spec leaves undescribed: test/emulator/FIDELITY.md,
 * "Previous status and date comparison"), the strings what people read (names). An empty value is left out (the
 * schema types them string).
 */
export interface ChangeItem {
  field: string;
  fieldId: string;
  fieldtype: string;
  from?: string;
  fromString?: string;
  to?: string;
  toString?: string;
}

export function changeItem(site: SiteState, item: HistoryRecord['items'][number]): ChangeItem {
  // History values are strings (names, account ids), numbers or lists; JSON keeps a list readable.
  const text = (value: unknown) =>
    value === null || value === undefined
      ? undefined
      : typeof value === 'string'
        ? value
        : JSON.stringify(value);
  const raw = (value: unknown) =>
    item.field === 'status' && typeof value === 'string'
      ? (site.statuses.get(value)?.id ?? value)
      : text(value);
  const display = (value: unknown) =>
    (item.field === 'assignee' || item.field === 'reporter') && typeof value === 'string'
      ? (site.users.get(value)?.displayName ?? value)
      : text(value);
  return {
    field: item.field,
    fieldId: item.field,
    fieldtype: 'jira',
    ...(raw(item.from) !== undefined ? { from: raw(item.from), fromString: display(item.from) } : {}),
    ...(raw(item.to) !== undefined ? { to: raw(item.to), toString: display(item.to) } : {}),
  };
}
