import { useEffect, useState, type ReactNode } from 'react';
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import { sendsDataOutside } from '@backend/permissions/declared-permissions';
import type { DataOverviewView } from '@backend/shared/admin-page';
import { useLocale, useT } from '../../i18n';
import { adminApi } from './api';
import { PrivacyStatement } from './PrivacyStatement';
import { Section } from './Section';
import { useLoad } from './useLoad';

const message = (reason: unknown): string => (reason instanceof Error ? reason.message : String(reason));

type Step =
  | { kind: 'idle' }
  | { kind: 'confirm' }
  | { kind: 'working'; count: number }
  | { kind: 'error'; text: string };

/** A destructive action in two steps: the button, then a warning that says what goes, with the real button. */
function Removal({
  testId,
  label,
  warning,
  confirm,
  run,
}: {
  testId: string;
  label: string;
  warning: ReactNode;
  confirm: string;
  run: (progress: (count: number) => void) => Promise<void>;
}) {
  const t = useT();
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const start = () => {
    setStep({ kind: 'working', count: 0 });
    run((count) => setStep({ kind: 'working', count })).then(
      () => setStep({ kind: 'idle' }),
      (reason: unknown) => setStep({ kind: 'error', text: message(reason) }),
    );
  };
  return (
    <Stack space="space.100" testId={testId}>
      {step.kind === 'confirm' ? (
        <SectionMessage appearance="warning" title={label}>
          <Stack space="space.100">
            <Text as="p">{warning}</Text>
            <Inline space="space.100">
              <Button appearance="danger" onClick={start}>
                {confirm}
              </Button>
              <Button appearance="subtle" onClick={() => setStep({ kind: 'idle' })}>
                {t('lifecycle.cancel')}
              </Button>
            </Inline>
          </Stack>
        </SectionMessage>
      ) : (
        <Inline>
          <Button
            appearance="default"
            isDisabled={step.kind === 'working'}
            onClick={() => setStep({ kind: 'confirm' })}
          >
            {label}
          </Button>
        </Inline>
      )}
      {step.kind === 'working' && <Text role="status">{t('lifecycle.working', { count: step.count })}</Text>}
      {step.kind === 'error' && (
        <SectionMessage appearance="error" title={t('lifecycle.failed')}>
          <Text as="p">{step.text}</Text>
        </SectionMessage>
      )}
    </Stack>
  );
}

/** Reads the whole log, part by part, then offers the file: the download is its own click (Custom UI iframes allow
 * downloads started by a user gesture: https://developer.atlassian.com/platform/forge/custom-ui/iframe/). */
function AuditExport() {
  const t = useT();
  const [state, setState] = useState<
    | { kind: 'idle' }
    | { kind: 'reading'; entries: number }
    | { kind: 'ready'; url: string; file: string; entries: number }
    | { kind: 'error'; text: string }
  >({ kind: 'idle' });
  const url = state.kind === 'ready' ? state.url : undefined;
  useEffect(
    () => () => {
      if (url) URL.revokeObjectURL(url);
    },
    [url],
  );

  const read = async () => {
    const parts: string[] = [];
    let entries = 0;
    let cursor: string | undefined;
    setState({ kind: 'reading', entries });
    do {
      const part = await adminApi.exportAuditLog(cursor);
      parts.push(part.csv);
      entries += part.entries;
      cursor = part.cursor;
      setState({ kind: 'reading', entries });
    } while (cursor);
    const file = `workflow-guard-audit-${new Date().toISOString().slice(0, 10)}.csv`;
    // The byte order mark makes spreadsheets read the file as UTF-8 (names and summaries are not ASCII).
    const blob = new Blob(['\ufeff', ...parts], { type: 'text/csv;charset=utf-8' });
    setState({ kind: 'ready', url: URL.createObjectURL(blob), file, entries });
  };

  return (
    <Stack space="space.100" testId="audit-export">
      <Inline space="space.100" alignBlock="center">
        <Button
          isDisabled={state.kind === 'reading'}
          onClick={() =>
            void read().catch((reason: unknown) => setState({ kind: 'error', text: message(reason) }))
          }
        >
          {t('lifecycle.export.button')}
        </Button>
        {state.kind === 'reading' && (
          <Text role="status">{t('lifecycle.export.reading', { count: state.entries })}</Text>
        )}
        {state.kind === 'ready' && (
          <a href={state.url} download={state.file} data-testid="audit-export-download">
            {t('lifecycle.export.download', { file: state.file, count: state.entries })}
          </a>
        )}
      </Inline>
      {state.kind === 'error' && (
        <SectionMessage appearance="error" title={t('lifecycle.export.failed')}>
          <Text as="p">{state.text}</Text>
        </SectionMessage>
      )}
    </Stack>
  );
}

/** What the app keeps on this site, how to take it out, how to remove it, and the privacy statement in short. */
export function DataPanel() {
  const t = useT();
  const locale = useLocale();
  const overview = useLoad(adminApi.dataOverview);
  const [done, setDone] = useState<string>();
  const size = (bytes: number) => {
    const [unit, divisor] =
      bytes < 1024
        ? (['byte', 1] as const)
        : bytes < 1024 ** 2
          ? (['kilobyte', 1024] as const)
          : (['megabyte', 1024 ** 2] as const);
    return new Intl.NumberFormat(locale, {
      style: 'unit',
      unit,
      unitDisplay: 'short',
      maximumFractionDigits: 1,
    }).format(bytes / divisor);
  };
  const data: DataOverviewView | undefined = overview.data;

  const purge = async (progress: (count: number) => void) => {
    setDone(undefined);
    let step = await adminApi.purgeAuditLog();
    let removed = step.removed;
    progress(removed);
    while (!step.done) {
      step = await adminApi.purgeAuditLog(step.before);
      removed += step.removed;
      progress(removed);
    }
    setDone(t('lifecycle.purge.done', { count: removed }));
    overview.reload();
  };
  const removeConnections = async () => {
    setDone(undefined);
    const removed = await adminApi.deleteAllConnections();
    setDone(t('lifecycle.connections.done', { count: removed.connections }));
    overview.reload();
  };

  return (
    <Section
      title={t('lifecycle.title')}
      intro={t('lifecycle.intro')}
      loading={overview.loading && !data}
      error={overview.error}
      errorTitle={t('lifecycle.loadFailed')}
    >
      {data && (
        <Stack space="space.300">
          <Stack space="space.100" testId="data-kept">
            <h3>{t('lifecycle.kept.title')}</h3>
            <Text as="p">
              {t('lifecycle.kept.audit', {
                count: data.audit.entries,
                size: size(data.audit.bytes),
                days: data.audit.retentionDays,
                max: new Intl.NumberFormat(locale).format(data.audit.maxEntries),
              })}
            </Text>
            {data.connections && (
              <Text as="p">
                {t('lifecycle.kept.connections', {
                  count: data.connections.count,
                  secrets: data.connections.secretsSet,
                })}
              </Text>
            )}
            <Text as="p">{t('lifecycle.kept.other')}</Text>
            <Text as="p">{t('lifecycle.kept.where')}</Text>
            <Text as="p">{t('lifecycle.kept.uninstall')}</Text>
          </Stack>

          <Stack space="space.100">
            <h3>{t('lifecycle.export.title')}</h3>
            <Text as="p" color="color.text.subtle">
              {t('lifecycle.export.intro')}
            </Text>
            <AuditExport />
          </Stack>

          <Stack space="space.100">
            <h3>{t('lifecycle.remove.title')}</h3>
            <Removal
              testId="audit-purge"
              label={t('lifecycle.purge.button')}
              warning={t('lifecycle.purge.warning', { count: data.audit.entries })}
              confirm={t('lifecycle.purge.confirm')}
              run={purge}
            />
            {sendsDataOutside() && data.connections && (
              <Removal
                testId="connections-removal"
                label={t('lifecycle.connections.button')}
                warning={t('lifecycle.connections.warning', { count: data.connections.count })}
                confirm={t('lifecycle.connections.confirm')}
                run={removeConnections}
              />
            )}
            {done && (
              <SectionMessage appearance="success">
                <Text as="p">{done}</Text>
              </SectionMessage>
            )}
          </Stack>

          <Stack space="space.100" testId="privacy">
            <h3>{t('lifecycle.privacy.title')}</h3>
            <Text as="p">{t('lifecycle.privacy.where')}</Text>
            <Text as="p">
              {sendsDataOutside() ? t('lifecycle.privacy.egress') : t('lifecycle.privacy.noEgress')}
            </Text>
            <Text as="p">{t('lifecycle.privacy.personal')}</Text>
            <Text as="p">{t('lifecycle.privacy.report')}</Text>
            <PrivacyStatement />
          </Stack>
        </Stack>
      )}
    </Section>
  );
}
