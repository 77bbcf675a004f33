import { useCallback, useEffect, useState } from 'react';
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import { Label } from '@atlaskit/form';
import Lozenge, { type ThemeAppearance } from '@atlaskit/lozenge';
import Select from '@atlaskit/select';
import { Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import { ErrorMessage } from '../../components/ErrorMessage';
import type { ActivityEntryView, RuleSwitchView } from '@backend/shared/project-settings';
import { projectSettingsApi } from './api';
import { formatTime, type Choice } from './choices';

const FILTERS: Choice<boolean>[] = [
  { label: 'All executions and changes', value: false },
  { label: 'Failures only', value: true },
];

const APPEARANCE: Readonly<Record<string, ThemeAppearance>> = {
  allowed: 'success',
  applied: 'success',
  blocked: 'moved',
  skipped: 'default',
  retrying: 'inprogress',
  failed: 'removed',
  changed: 'new',
};

interface Loaded {
  entries: ActivityEntryView[];
  cursor?: string;
}

/** The project's slice of the audit log, newest first, a page at a time. */
export function ActivityPanel({ rules }: { rules: RuleSwitchView[] }) {
  const [onlyFailures, setOnlyFailures] = useState(false);
  const [loaded, setLoaded] = useState<Loaded>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const title = (key: string) =>
    key === 'project-settings' ? 'Project settings' : (rules.find((r) => r.key === key)?.title ?? key);

  const load = useCallback(async (failures: boolean, cursor?: string) => {
    setLoading(true);
    setError(undefined);
    try {
      const page = await projectSettingsApi.activity(failures, cursor);
      setLoaded((previous) => ({
        entries: [...(cursor ? (previous?.entries ?? []) : []), ...page.entries],
        ...(page.cursor ? { cursor: page.cursor } : {}),
      }));
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    void load(onlyFailures);
  }, [load, onlyFailures]);

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
      {error !== undefined && <ErrorMessage title="Could not load the activity" error={error} />}
      <DynamicTable
        isLoading={loading}
        head={{
          cells: [
            { key: 'at', content: 'When', width: 12 },
            { key: 'rule', content: 'Rule', width: 14 },
            { key: 'issue', content: 'Issue', width: 9 },
            { key: 'outcome', content: 'Outcome', width: 9 },
            { key: 'as', content: 'Acted as', width: 14 },
            { key: 'what', content: 'What happened', width: 42 },
          ],
        }}
        rows={(loaded?.entries ?? []).map((entry) => ({
          key: entry.id,
          cells: [
            { key: 'at', content: formatTime(entry.at) },
            { key: 'rule', content: title(entry.rule) },
            { key: 'issue', content: entry.issueKey ?? '—' },
            {
              key: 'outcome',
              content: <Lozenge appearance={APPEARANCE[entry.outcome] ?? 'default'}>{entry.outcome}</Lozenge>,
            },
            { key: 'as', content: entry.actedAs },
            {
              key: 'what',
              content: (
                <Stack space="space.050">
                  <Text>{entry.summary}</Text>
                  {entry.error && <Text color="color.text.danger">{entry.error.message}</Text>}
                </Stack>
              ),
            },
          ],
        }))}
        emptyView={
          <Text>
            {onlyFailures ? 'No failures recorded in this project.' : 'Nothing recorded in this project yet.'}
          </Text>
        }
      />
      {loaded?.cursor && (
        <Button onClick={() => void load(onlyFailures, loaded.cursor)} isDisabled={loading}>
          Show older entries
        </Button>
      )}
    </Stack>
  );
}
