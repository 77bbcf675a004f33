import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge, { type ThemeAppearance } from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import type { AUDIT_OUTCOMES, AuditCallView } from '@backend/shared/admin-page';
import { useFormat } from '../format';
import { useLocale, useT, type Translate } from '../i18n';
import { Code } from './Code';
import { ErrorMessage } from './ErrorMessage';
import { Sentence } from './Sentence';
import { say } from './texts';

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
  /** The full entry could not be saved: a shorter one was. */
  reduced?: boolean;
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

const OUTCOME_TEXT: Readonly<Record<string, string>> = {
  allowed: 'components.auditTable.outcomes.allowed',
  applied: 'components.auditTable.outcomes.applied',
  blocked: 'components.auditTable.outcomes.blocked',
  skipped: 'components.auditTable.outcomes.skipped',
  retrying: 'components.auditTable.outcomes.retrying',
  failed: 'components.auditTable.outcomes.failed',
  changed: 'components.auditTable.outcomes.changed',
} satisfies Record<(typeof AUDIT_OUTCOMES)[number], string>;

/** An outcome in the viewer's language; one this page does not know yet as recorded. */
const outcomeText = (t: Translate, outcome: string): string => {
  const key = OUTCOME_TEXT[outcome];
  return key ? t(key) : outcome;
};

/** One Jira or remote call: "GET /path → 200 after 2 attempts as app, scope read:jira-work. Why", the path as code. */
function Call({ call: sent }: { call: AuditCallView }) {
  const t = useT();
  // Who acted and what a failure means, in the viewer's language when the backend sent them as texts.
  const call = sent.said
    ? {
        ...sent,
        actor: say(t, sent.said.actor),
        ...(sent.said.explanation ? { explanation: say(t, sent.said.explanation) } : {}),
      }
    : sent;
  const status = call.status === null ? t('components.auditTable.call.noAnswer') : String(call.status);
  let text =
    call.attempts > 1
      ? t('components.auditTable.call.answerAfterAttempts', {
          status,
          attempts: call.attempts,
          actor: call.actor,
        })
      : t('components.auditTable.call.answer', { status, actor: call.actor });
  if (call.scopes.length)
    text = t('components.auditTable.call.scopes', { call: text, scopes: call.scopes.join(', ') });
  if (call.explanation)
    text = t('components.auditTable.call.explained', { call: text, explanation: call.explanation });
  if (call.count) text = t('components.auditTable.call.count', { count: call.count, request: text });
  return (
    <Text size="small" color="color.text.subtle">
      <Sentence text={text} parts={{ request: <Code>{`${call.method} ${call.pathTemplate}`}</Code> }} />
    </Text>
  );
}

function Details({ row }: { row: AuditRow }) {
  const t = useT();
  return (
    <Stack space="space.050">
      <Text>{row.summary}</Text>
      {row.reduced && (
        <Text size="small" color="color.text.subtle">
          {t('auditVocabulary.reduced')}
        </Text>
      )}
      {row.error && (
        <>
          <Text color="color.text.danger">{row.error.message}</Text>
          {row.error.explanation !== undefined && <Text size="small">{row.error.explanation}</Text>}
          {row.error.serviceExcerpt !== undefined && (
            <Text size="small">
              {t('components.auditTable.serviceAnswered', { excerpt: row.error.serviceExcerpt })}
            </Text>
          )}
        </>
      )}
      {row.calls?.map((call, index) => (
        <Call key={index} call={call} />
      ))}
    </Stack>
  );
}

export interface AuditTableProps {
  rows: readonly AuditRow[];
  /** The heading of the place column: "Where" or "Issue", translated. */
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
  const t = useT();
  const format = useFormat();
  const locale = useLocale();
  return (
    <>
      {error !== undefined && <ErrorMessage title={errorTitle} error={error} />}
      {/* The record keeps the words it was written in (English): a reader in another language is told so. */}
      {locale && !/^en\b/i.test(locale) && (
        <Text as="p" size="small" color="color.text.subtle">
          {t('auditVocabulary.recordedAsWritten')}
        </Text>
      )}
      <DynamicTable
        testId={testId}
        isLoading={loading}
        head={{
          cells: [
            { key: 'at', content: t('components.auditTable.when'), width: 13 },
            { key: 'rule', content: t('common.rule'), width: 13 },
            { key: 'place', content: placeLabel, width: 9 },
            { key: 'outcome', content: t('common.outcome'), width: 9 },
            { key: 'as', content: t('common.actedAs'), width: 14 },
            { key: 'what', content: t('components.auditTable.whatHappened'), width: 42 },
          ],
        }}
        rows={rows.map((row) => ({
          key: row.id,
          cells: [
            { key: 'at', content: format.time(row.at) },
            { key: 'rule', content: row.rule },
            { key: 'place', content: row.place ?? '—' },
            {
              key: 'outcome',
              content:
                row.fallback && row.outcome === 'applied' ? (
                  <Lozenge appearance="moved">{t('components.auditTable.appliedByApp')}</Lozenge>
                ) : (
                  <Lozenge appearance={APPEARANCE[row.outcome] ?? 'default'}>
                    {outcomeText(t, row.outcome)}
                  </Lozenge>
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
            {t('components.auditTable.showOlder')}
          </Button>
        </Inline>
      )}
    </>
  );
}
