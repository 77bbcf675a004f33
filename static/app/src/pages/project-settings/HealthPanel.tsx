import { useEffect, useState } from 'react';
import { Stack, Text } from '@atlaskit/primitives/compiled';
import type { HealthReportView } from '@backend/shared/health';
import { ErrorMessage } from '../../components/ErrorMessage';
import { LoadingState } from '../../components/LoadingState';
import { useFormat } from '../../format';
import { useT } from '../../i18n';
import { HealthProblems, HealthVerdict } from '../../health/HealthProblems';
import { projectSettingsApi } from './api';

/** The last health check's problems in rules that run in this project; most fixes are the Jira admin's. */
export function HealthPanel() {
  const [report, setReport] = useState<HealthReportView>();
  const [error, setError] = useState<unknown>();
  const t = useT();
  const format = useFormat();
  useEffect(() => {
    projectSettingsApi.health().then(setReport, setError);
  }, []);
  if (error !== undefined) return <ErrorMessage title={t('project.health.errorTitle')} error={error} />;
  if (!report) return <LoadingState label={t('project.health.loading')} />;
  return (
    <Stack space="space.200">
      <Text as="p" color="color.text.subtle">
        {report.lastRun
          ? t('project.health.introChecked', { time: format.time(report.lastRun.at) })
          : t('project.health.intro')}
      </Text>
      <HealthVerdict problems={report.problems} ran={report.lastRun !== undefined} />
      <HealthProblems problems={report.problems} />
    </Stack>
  );
}
