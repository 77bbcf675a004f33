import { useState } from 'react';
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import { Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import type { HealthReportView, HealthRunView, ShapeReportView } from '@backend/shared/health';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useFormat } from '../../format';
import { useT } from '../../i18n';
import { HealthProblems, HealthVerdict } from '../../health/HealthProblems';
import { adminApi } from './api';
import { Section } from './Section';
import { useLoad } from './useLoad';

function LastRun({ run }: { run: HealthRunView }) {
  const t = useT();
  const format = useFormat();
  const counted = (key: string, count: number) => t(key, { count, number: format.number(count) });
  return (
    <Text testId="health-last-run">
      {t('admin.health.lastRun', {
        time: format.time(run.at),
        trigger: t(
          run.trigger === 'scheduled' ? 'admin.health.trigger.scheduled' : 'admin.health.trigger.page',
        ),
        rules: counted('admin.health.rules', run.rules),
        workflows: counted('admin.health.workflows', run.workflows),
        calls: counted('admin.health.calls', run.jiraCalls),
        reread:
          run.workflowsReread === 0
            ? t('admin.health.reread.none')
            : run.workflowsReread < run.workflows
              ? counted('admin.health.reread.some', run.workflowsReread)
              : '',
      })}
    </Text>
  );
}

/** What the platform sent each kind of module after this version was installed, against what the app reads. */
function Shapes({ shapes }: { shapes: ShapeReportView[] }) {
  const t = useT();
  const format = useFormat();
  if (!shapes.length) return null;
  return (
    <Stack space="space.100">
      <h3>{t('admin.health.shapes.title')}</h3>
      <Text as="p" color="color.text.subtle">
        {t('admin.health.shapes.intro')}
      </Text>
      <DynamicTable
        testId="platform-shapes"
        head={{
          cells: [
            { key: 'module', content: t('admin.health.shapes.module'), width: 25 },
            { key: 'recorded', content: t('admin.health.shapes.recorded'), width: 20 },
            { key: 'differences', content: t('admin.health.shapes.differences'), width: 55 },
          ],
        }}
        rows={shapes.map((shape, index) => ({
          key: `${shape.module}-${index}`,
          cells: [
            { key: 'module', content: shape.module },
            { key: 'recorded', content: format.time(shape.recordedAt) },
            {
              key: 'differences',
              content: shape.differences.length
                ? shape.differences
                    .map((d) =>
                      d.kind === 'missing'
                        ? t('admin.health.shapes.missing', { path: d.path })
                        : d.kind === 'unexpected-type'
                          ? t('admin.health.shapes.unexpectedType', {
                              path: d.path,
                              received: d.received ?? '?',
                              expected: d.expected ?? '?',
                            })
                          : t('admin.health.shapes.notRead', { path: d.path }),
                    )
                    .join('; ')
                : t('admin.health.shapes.asExpected'),
            },
          ],
        }))}
      />
    </Stack>
  );
}

/**
 * Health: rules whose references broke since they were saved (a deleted field, a renamed group, a removed link type,
 * a lost permission…), each with its fix. The daily check keeps it current; "Check now" runs it at once.
 */
export function HealthPanel() {
  const loaded = useLoad(adminApi.health);
  const [running, setRunning] = useState(false);
  const [runError, setRunError] = useState<unknown>();
  const checkNow = () => {
    setRunning(true);
    setRunError(undefined);
    adminApi.runHealthCheck().then(
      (report: HealthReportView) => {
        loaded.set(report);
        setRunning(false);
      },
      (error: unknown) => {
        setRunError(error);
        setRunning(false);
      },
    );
  };
  const report = loaded.data;
  const t = useT();
  return (
    <Section
      title={t('admin.health.title')}
      intro={t('admin.health.intro')}
      loading={loaded.loading}
      error={loaded.error}
      errorTitle={t('admin.health.errorTitle')}
    >
      {report && (
        <Stack space="space.200">
          <Inline space="space.200" alignBlock="center">
            {report.lastRun ? <LastRun run={report.lastRun} /> : <Text>{t('admin.health.notRun')}</Text>}
            <Button appearance="primary" isLoading={running} onClick={checkNow}>
              {t('admin.health.checkNow')}
            </Button>
          </Inline>
          {runError !== undefined && <ErrorMessage title={t('admin.health.runError')} error={runError} />}
          <HealthVerdict problems={report.problems} ran={report.lastRun !== undefined} />
          <HealthProblems problems={report.problems} />
          <Shapes shapes={report.shapes} />
        </Stack>
      )}
    </Section>
  );
}
