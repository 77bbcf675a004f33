import { useState } from 'react';
import { Label } from '@atlaskit/form';
import Select from '@atlaskit/select';
import { Inline, Stack } from '@atlaskit/primitives/compiled';
import { AuditTable } from '../../components/AuditTable';
import { useCursorPages } from '../../components/useCursorPages';
import { ruleTitle, say } from '../../components/texts';
import type { RuleSwitchView } from '@backend/shared/project-settings';
import { projectSettingsApi } from './api';
import { useT } from '../../i18n';
import type { Choice } from './choices';

/** The project's slice of the audit log, newest first, a page at a time. */
export function ActivityPanel({ rules }: { rules: RuleSwitchView[] }) {
  const [onlyFailures, setOnlyFailures] = useState(false);
  const { view, loading, error, more } = useCursorPages(projectSettingsApi.activity, onlyFailures);
  const t = useT();
  const filters: Choice<boolean>[] = [
    { label: t('project.activity.all'), value: false },
    { label: t('project.activity.failuresOnly'), value: true },
  ];
  const title = (key: string) =>
    key === 'project-settings'
      ? t('project.activity.projectSettings')
      : ruleTitle(t, key, rules.find((r) => r.key === key)?.title ?? key);

  return (
    <Stack space="space.200">
      <Inline space="space.100" alignBlock="center">
        <Label htmlFor="activity-filter">{t('project.activity.show')}</Label>
        <Select<Choice<boolean>>
          inputId="activity-filter"
          options={filters}
          value={filters.find((f) => f.value === onlyFailures)}
          onChange={(choice) => choice && setOnlyFailures(choice.value)}
          spacing="compact"
        />
      </Inline>
      <AuditTable
        placeLabel={t('project.activity.issue')}
        rows={(view?.entries ?? []).map((entry) => ({
          ...entry,
          rule: entry.rule !== 'project-settings' && entry.said ? say(t, entry.said.rule) : title(entry.rule),
          place: entry.issueKey,
          ...(entry.said ? { actedAs: say(t, entry.said.actedAs) } : {}),
          reduced: entry.said?.reduced ?? false,
        }))}
        empty={t(onlyFailures ? 'project.activity.emptyFailures' : 'project.activity.empty')}
        loading={loading}
        error={error}
        errorTitle={t('project.activity.errorTitle')}
        onMore={more}
      />
    </Stack>
  );
}
