import { useEffect, useState } from 'react';
import { Stack, Text } from '@atlaskit/primitives/compiled';
import type { HealthReportView } from '@backend/shared/health';
import { ErrorMessage } from '../../components/ErrorMessage';
import { LoadingState } from '../../components/LoadingState';
import { formatTime } from '../../format';
import { HealthProblems, HealthVerdict } from '../../health/HealthProblems';
import { projectSettingsApi } from './api';

/** The last health check's problems in rules that run in this project; most fixes are the Jira admin's. */
export function HealthPanel() {
  const [report, setReport] = useState<HealthReportView>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    projectSettingsApi.health().then(setReport, setError);
  }, []);
  if (error !== undefined) return <ErrorMessage title="Could not read the health check" error={error} />;
  if (!report) return <LoadingState label="Loading the health check" />;
  return (
    <Stack space="space.200">
      <Text as="p" color="color.text.subtle">
        Problems the daily health check found in Workflow Guard rules that run in this project.{' '}
        {report.lastRun ? `Last checked ${formatTime(report.lastRun.at)}.` : ''} Most fixes need a Jira admin:
        send them this list.
      </Text>
      <HealthVerdict problems={report.problems} ran={report.lastRun !== undefined} />
      <HealthProblems problems={report.problems} />
    </Stack>
  );
}
