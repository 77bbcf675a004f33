import { useState } from 'react';
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import { Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import type { HealthReportView, HealthRunView, ShapeReportView } from '@backend/shared/health';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatTime } from '../../format';
import { HealthProblems, HealthVerdict } from '../../health/HealthProblems';
import { adminApi } from './api';
import { Section } from './Section';
import { useLoad } from './useLoad';

function LastRun({ run }: { run: HealthRunView }) {
  return (
    <Text testId="health-last-run">
      Last checked {formatTime(run.at)} ({run.trigger === 'scheduled' ? 'daily check' : 'run from this page'}
      ): {run.rules} {run.rules === 1 ? 'rule' : 'rules'} in {run.workflows} workflows, {run.jiraCalls} Jira
      calls
      {run.workflowsReread === 0
        ? '; no workflow changed since the run before'
        : run.workflowsReread < run.workflows
          ? `; ${run.workflowsReread} changed ${run.workflowsReread === 1 ? 'workflow' : 'workflows'} read again`
          : ''}
      .
    </Text>
  );
}

/** What the platform sent each kind of module after this version was installed, against what the app reads. */
function Shapes({ shapes }: { shapes: ShapeReportView[] }) {
  if (!shapes.length) return null;
  return (
    <Stack space="space.100">
      <h3>What this site’s platform sends</h3>
      <Text as="p" color="color.text.subtle">
        The first run of each kind of module after an install or upgrade records the names and types of what
        Jira sent (never a value). Fields the app does not read are listed for information.
      </Text>
      <DynamicTable
        testId="platform-shapes"
        head={{
          cells: [
            { key: 'module', content: 'Module', width: 25 },
            { key: 'recorded', content: 'Recorded', width: 20 },
            { key: 'differences', content: 'Compared with what the app reads', width: 55 },
          ],
        }}
        rows={shapes.map((shape, index) => ({
          key: `${shape.module}-${index}`,
          cells: [
            { key: 'module', content: shape.module },
            { key: 'recorded', content: formatTime(shape.recordedAt) },
            {
              key: 'differences',
              content: shape.differences.length
                ? shape.differences
                    .map((d) =>
                      d.kind === 'missing'
                        ? `${d.path} is missing`
                        : d.kind === 'unexpected-type'
                          ? `${d.path} is ${d.received ?? '?'}, not ${d.expected ?? '?'}`
                          : `${d.path} (not read)`,
                    )
                    .join('; ')
                : 'As expected.',
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
  return (
    <Section
      title="Health check"
      intro="Finds rules whose fields, groups, project roles, link types, transitions, connections or permissions changed since they were saved, before people run into them. It runs every day by itself."
      loading={loaded.loading}
      error={loaded.error}
      errorTitle="Could not read the health check"
    >
      {report && (
        <Stack space="space.200">
          <Inline space="space.200" alignBlock="center">
            {report.lastRun ? <LastRun run={report.lastRun} /> : <Text>Not run yet.</Text>}
            <Button appearance="primary" isLoading={running} onClick={checkNow}>
              Check now
            </Button>
          </Inline>
          {runError !== undefined && <ErrorMessage title="The check could not run" error={runError} />}
          <HealthVerdict problems={report.problems} ran={report.lastRun !== undefined} />
          <HealthProblems problems={report.problems} />
          <Shapes shapes={report.shapes} />
        </Stack>
      )}
    </Section>
  );
}
