import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge, { type ThemeAppearance } from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import type { AUDIT_OUTCOMES, AuditCallView } from '@backend/shared/admin-page';
import { formatTime } from '../format';
import { Code } from './Code';
import { ErrorMessage } from './ErrorMessage';

/** One audit log entry as a row: what the admin page and the project settings page both show of it. */
export interface AuditRow {
  id: string;
  at: string;
  /** The rule's title, or the page whose change was recorded. */
  rule: string;
  /** The issue, or project, the entry is about; a dash when none. */
  place?: string;
  outcome: string;
  /** The app acted because the user could not: shown as such, not as a plain success (the summary says why). */
  fallback?: boolean;
  actedAs: string;
  summary: string;
  error?: { message: string; explanation?: string; serviceExcerpt?: string };
  /** The Jira and remote calls made, where the page may show them. */
  calls?: readonly AuditCallView[];
}

const APPEARANCE: Readonly<Record<string, ThemeAppearance>> = {
  allowed: 'success',
  applied: 'success',
  blocked: 'moved',
  skipped: 'default',
  retrying: 'inprogress',
  failed: 'removed',
  changed: 'new',
} satisfies Record<(typeof AUDIT_OUTCOMES)[number], ThemeAppearance>;

function Details({ row }: { row: AuditRow }) {
  return (
    <Stack space="space.050">
      <Text>{row.summary}</Text>
      {row.error && (
        <>
          <Text color="color.text.danger">{row.error.message}</Text>
          {row.error.explanation !== undefined && <Text size="small">{row.error.explanation}</Text>}
          {row.error.serviceExcerpt !== undefined && (
            <Text size="small">The service answered: “{row.error.serviceExcerpt}”</Text>
          )}
        </>
      )}
      {row.calls?.map((call, index) => (
        <Text key={index} size="small" color="color.text.subtle">
          {call.count ? `${call.count} calls: ` : ''}
          <Code>{`${call.method} ${call.pathTemplate}`}</Code> → {call.status ?? 'no answer'}
          {call.attempts > 1 ? ` after ${call.attempts} attempts` : ''} as {call.actor}
          {call.scopes.length ? `, scope ${call.scopes.join(', ')}` : ''}
          {call.explanation ? `. ${call.explanation}` : ''}
        </Text>
      ))}
    </Stack>
  );
}

export interface AuditTableProps {
  rows: readonly AuditRow[];
  /** The heading of the place column: "Where" or "Issue". */
  placeLabel: string;
  /** What the table says when there are no rows. */
  empty: string;
  loading: boolean;
  error?: unknown;
  errorTitle: string;
  /** Loads older entries; the button shows only while there are some. */
  onMore?: () => void;
  testId?: string;
}

/** Audit log entries newest first, with the load error above them and "Show older entries" below. */
export function AuditTable({
  rows,
  placeLabel,
  empty,
  loading,
  error,
  errorTitle,
  onMore,
  testId,
}: AuditTableProps) {
  return (
    <>
      {error !== undefined && <ErrorMessage title={errorTitle} error={error} />}
      <DynamicTable
        testId={testId}
        isLoading={loading}
        head={{
          cells: [
            { key: 'at', content: 'When', width: 13 },
            { key: 'rule', content: 'Rule', width: 13 },
            { key: 'place', content: placeLabel, width: 9 },
            { key: 'outcome', content: 'Outcome', width: 9 },
            { key: 'as', content: 'Acted as', width: 14 },
            { key: 'what', content: 'What happened', width: 42 },
          ],
        }}
        rows={rows.map((row) => ({
          key: row.id,
          cells: [
            { key: 'at', content: formatTime(row.at) },
            { key: 'rule', content: row.rule },
            { key: 'place', content: row.place ?? '—' },
            {
              key: 'outcome',
              content:
                row.fallback && row.outcome === 'applied' ? (
                  <Lozenge appearance="moved">applied by the app (fallback)</Lozenge>
                ) : (
                  <Lozenge appearance={APPEARANCE[row.outcome] ?? 'default'}>{row.outcome}</Lozenge>
                ),
            },
            { key: 'as', content: row.actedAs },
            { key: 'what', content: <Details row={row} /> },
          ],
        }))}
        emptyView={<Text>{empty}</Text>}
      />
      {onMore && (
        <Inline>
          <Button onClick={onMore} isDisabled={loading}>
            Show older entries
          </Button>
        </Inline>
      )}
    </>
  );
}
