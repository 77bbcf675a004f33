import { useCallback, useEffect, useState } from 'react';
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import { Label } from '@atlaskit/form';
import Lozenge, { type ThemeAppearance } from '@atlaskit/lozenge';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import { token } from '@atlaskit/tokens';
import { ruleCatalog } from '@backend/rules/catalog';
import type { AuditEntryView, ExecutionsView } from '@backend/shared/admin-page';
import { ErrorMessage } from '../../components/ErrorMessage';
import { adminApi, formatTime, type ExecutionFilter } from './api';
import { Code } from './Code';

interface Choice {
  label: string;
  value: string;
}

const ANY: Choice = { label: 'Any', value: '' };
const RULES: Choice[] = [
  ANY,
  ...ruleCatalog.map((r) => ({ label: r.title, value: r.key })),
  { label: 'Admin page changes', value: 'admin-page' },
];
const OUTCOMES: Choice[] = [
  ANY,
  ...['failed', 'blocked', 'allowed', 'applied', 'skipped', 'retrying', 'changed'].map((o) => ({
    label: o.charAt(0).toUpperCase() + o.slice(1),
    value: o,
  })),
];
const ACTORS: Choice[] = [
  ANY,
  { label: 'The app’s bot user', value: 'app' },
  { label: 'A user offline (impersonated)', value: 'impersonated' },
  { label: 'The signed-in user', value: 'user' },
  { label: 'Nobody (nothing done in Jira)', value: 'none' },
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

function Counter({ label, value }: { label: string; value: number }) {
  return (
    <Box
      padding="space.200"
      backgroundColor={value ? 'color.background.danger' : 'color.background.neutral.subtle'}
      style={{ border: `1px solid ${token('color.border')}`, borderRadius: 4, minWidth: 200 }}
    >
      <Stack space="space.050">
        <Text size="small" color="color.text.subtle">
          {label}
        </Text>
        <Text size="large" weight="bold" color={value ? 'color.text.danger' : 'color.text'}>
          {String(value)}
        </Text>
      </Stack>
    </Box>
  );
}

function Details({ entry }: { entry: AuditEntryView }) {
  return (
    <Stack space="space.050">
      <Text>{entry.summary}</Text>
      {entry.error && (
        <>
          <Text color="color.text.danger">{entry.error.message}</Text>
          <Text size="small">{entry.error.explanation}</Text>
        </>
      )}
      {entry.calls.map((call, index) => (
        <Text key={index} size="small" color="color.text.subtle">
          <Code>{`${call.method} ${call.pathTemplate}`}</Code> → {call.status ?? 'no answer'}
          {call.attempts > 1 ? ` after ${call.attempts} attempts` : ''} as {call.actor}
          {call.scopes.length ? `, scope ${call.scopes.join(', ')}` : ''}
          {call.explanation ? `. ${call.explanation}` : ''}
        </Text>
      ))}
    </Stack>
  );
}

const choice = (choices: Choice[], value: string | undefined) =>
  choices.find((c) => c.value === (value ?? ''));

/** Section 4: what the app did, newest first, with failure counters for the last day and week. */
export function ExecutionsPanel() {
  const [draft, setDraft] = useState<ExecutionFilter>({});
  const [filter, setFilter] = useState<ExecutionFilter>({});
  const [view, setView] = useState<ExecutionsView>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();

  const load = useCallback(async (applied: ExecutionFilter, cursor?: string) => {
    setLoading(true);
    setError(undefined);
    try {
      const page = await adminApi.executions(applied, cursor);
      setView((previous) => ({
        ...page,
        entries: [...(cursor ? (previous?.entries ?? []) : []), ...page.entries],
      }));
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    void load(filter);
  }, [load, filter]);

  const set = (key: keyof ExecutionFilter, value: string) =>
    setDraft((d) => {
      const next = { ...d };
      if (value) next[key] = value;
      else delete next[key];
      return next;
    });

  return (
    <Stack space="space.200">
      <h2>Executions</h2>
      <Text as="p" color="color.text.subtle">
        Every validator and post-function run and every settings change, newest first. Entries are kept for 90
        days.
      </Text>
      {view && (
        <Inline space="space.200" testId="failure-counters">
          <Counter label="Failures in the last 24 hours" value={view.failures.last24Hours} />
          <Counter label="Failures in the last 7 days" value={view.failures.last7Days} />
        </Inline>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setFilter(draft);
        }}
      >
        <Inline space="space.200" alignBlock="end" shouldWrap>
          <Stack space="space.050">
            <Label htmlFor="filter-project">Project key</Label>
            <Textfield
              id="filter-project"
              width="small"
              placeholder="e.g. OPS"
              value={draft.projectKey ?? ''}
              onChange={(e) => set('projectKey', e.currentTarget.value.trim().toUpperCase())}
            />
          </Stack>
          {(
            [
              ['rule', 'Rule', RULES],
              ['outcome', 'Outcome', OUTCOMES],
              ['actorKind', 'Acted as', ACTORS],
            ] as const
          ).map(([key, label, choices]) => (
            <Stack space="space.050" key={key}>
              <Label htmlFor={`filter-${key}`}>{label}</Label>
              <Select<Choice>
                inputId={`filter-${key}`}
                options={choices}
                value={choice(choices, draft[key])}
                onChange={(c) => set(key, c?.value ?? '')}
                styles={{ container: (base: object) => ({ ...base, minWidth: 200 }) }}
              />
            </Stack>
          ))}
          <Button type="submit" appearance="primary">
            Apply filters
          </Button>
        </Inline>
      </form>
      {error !== undefined && <ErrorMessage title="Could not load the audit log" error={error} />}
      <DynamicTable
        testId="executions"
        isLoading={loading}
        head={{
          cells: [
            { key: 'at', content: 'When', width: 13 },
            { key: 'rule', content: 'Rule', width: 13 },
            { key: 'where', content: 'Where', width: 9 },
            { key: 'outcome', content: 'Outcome', width: 9 },
            { key: 'as', content: 'Acted as', width: 14 },
            { key: 'what', content: 'What happened', width: 42 },
          ],
        }}
        rows={(view?.entries ?? []).map((entry) => ({
          key: entry.id,
          cells: [
            { key: 'at', content: formatTime(entry.at) },
            { key: 'rule', content: entry.ruleTitle },
            { key: 'where', content: entry.issueKey ?? entry.projectKey ?? '—' },
            {
              key: 'outcome',
              content: <Lozenge appearance={APPEARANCE[entry.outcome] ?? 'default'}>{entry.outcome}</Lozenge>,
            },
            { key: 'as', content: entry.actor },
            { key: 'what', content: <Details entry={entry} /> },
          ],
        }))}
        emptyView={
          <Text>Nothing recorded{Object.keys(filter).length ? ' that matches these filters' : ' yet'}.</Text>
        }
      />
      {view?.cursor && (
        <Inline>
          <Button onClick={() => void load(filter, view.cursor)} isDisabled={loading}>
            Show older entries
          </Button>
        </Inline>
      )}
    </Stack>
  );
}
