import { useState } from 'react';
import { Label } from '@atlaskit/form';
import Select from '@atlaskit/select';
import { Inline, Stack } from '@atlaskit/primitives/compiled';
import { AuditTable } from '../../components/AuditTable';
import { useCursorPages } from '../../components/useCursorPages';
import type { RuleSwitchView } from '@backend/shared/project-settings';
import { projectSettingsApi } from './api';
import type { Choice } from './choices';

const FILTERS: Choice<boolean>[] = [
  { label: 'All executions and changes', value: false },
  { label: 'Failures only', value: true },
];

/** The project's slice of the audit log, newest first, a page at a time. */
export function ActivityPanel({ rules }: { rules: RuleSwitchView[] }) {
  const [onlyFailures, setOnlyFailures] = useState(false);
  const { view, loading, error, more } = useCursorPages(projectSettingsApi.activity, onlyFailures);
  const title = (key: string) =>
    key === 'project-settings' ? 'Project settings' : (rules.find((r) => r.key === key)?.title ?? key);

  return (
    <Stack space="space.200">
      <Inline space="space.100" alignBlock="center">
        <Label htmlFor="activity-filter">Show</Label>
        <Select<Choice<boolean>>
          inputId="activity-filter"
          options={FILTERS}
          value={FILTERS.find((f) => f.value === onlyFailures)}
          onChange={(choice) => choice && setOnlyFailures(choice.value)}
          spacing="compact"
        />
      </Inline>
      <AuditTable
        placeLabel="Issue"
        rows={(view?.entries ?? []).map((entry) => ({
          ...entry,
          rule: title(entry.rule),
          place: entry.issueKey,
        }))}
        empty={
          onlyFailures ? 'No failures recorded in this project.' : 'Nothing recorded in this project yet.'
        }
        loading={loading}
        error={error}
        errorTitle="Could not load the activity"
        onMore={more}
      />
    </Stack>
  );
}
