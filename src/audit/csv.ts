import type { AuditEntryView } from '../shared/admin-page';

/**
 * The audit log as CSV (RFC 4180: fields quoted when they hold a comma, quote or line break, quotes doubled, CRLF
 * between records), one row per entry, in the words the admin page shows.
 */
export const AUDIT_CSV_COLUMNS = [
  'Time (UTC)',
  'Outcome',
  'Rule',
  'Module',
  'Project',
  'Issue',
  'Triggered by',
  'Acted as',
  'Fallback',
  'Summary',
  'Error code',
  'Error',
  'Jira calls',
  'Scopes used',
  'Entry id',
] as const;

/**
 * A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return before one) as a formula: text
 * from Jira (a summary, an issue's words) must never do that, so such a cell gets a leading apostrophe
 * (OWASP "CSV injection").
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function field(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const record = (values: readonly string[]): string => `${values.map(field).join(',')}\r\n`;

export const auditCsvHeader = (): string => record(AUDIT_CSV_COLUMNS);

/** "GET /rest/api/3/issue/{issueIdOrKey} 200 ×2 as the app", one call record per line of the cell. */
const callsText = (entry: AuditEntryView): string =>
  entry.calls
    .map(
      (call) =>
        `${call.method} ${call.pathTemplate} ${call.status}${call.count ? ` ×${call.count}` : ''} (${call.actor})`,
    )
    .join('\n');

/** The person who triggered an entry: "Dana Developer (account id)", the id alone when Jira gave no name. */
function person(accountId: string | undefined, names: ReadonlyMap<string, string>): string {
  if (!accountId) return '';
  const name = names.get(accountId);
  return name ? `${name} (${accountId})` : accountId;
}

export function auditCsvRows(
  entries: readonly AuditEntryView[],
  names: ReadonlyMap<string, string> = new Map(),
): string {
  return entries
    .map((entry) =>
      record([
        entry.at,
        entry.outcome,
        entry.ruleTitle,
        entry.module,
        entry.projectKey ?? '',
        entry.issueKey ?? '',
        person(entry.triggeredBy, names),
        entry.actor,
        entry.fallback ? 'yes' : '',
        entry.summary,
        entry.error?.code ?? '',
        entry.error ? [entry.error.message, entry.error.serviceExcerpt].filter(Boolean).join('\n') : '',
        callsText(entry),
        entry.scopesUsed.join(' '),
        entry.id,
      ]),
    )
    .join('');
}
