import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { Label } from '@atlaskit/form';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import { token } from '@atlaskit/tokens';
import { ruleCatalog } from '@backend/rules/catalog';
import { AuditTable } from '../../components/AuditTable';
import { useCursorPages } from '../../components/useCursorPages';
import type { ExecutionsView } from '@backend/shared/admin-page';
import { adminApi, type ExecutionFilter } from './api';
import { AuditDetailSetting } from './AuditDetailSetting';

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

const count = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const size = (bytes: number): string =>
  bytes < 1024 * 1024
    ? `${Math.ceil(bytes / 1024)} KB`
    : `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;

/** What the log keeps and for how long: the installation's cap, its retention, and what is kept now. */
function Retention({ storage }: { storage: ExecutionsView['storage'] }) {
  return (
    <Text as="p" color="color.text.subtle" testId="audit-retention">
      Workflow Guard keeps the newest {count(storage.maxEntries)} entries, up to {size(storage.maxBytes)}, for
      at most {storage.retentionDays} days: older entries are removed automatically, oldest first. Kept now:{' '}
      {count(storage.entries)} {storage.entries === 1 ? 'entry' : 'entries'} ({size(storage.bytes)}).
    </Text>
  );
}

const choice = (choices: Choice[], value: string | undefined) =>
  choices.find((c) => c.value === (value ?? ''));

/** Section 4: what the app did, newest first, with failure counters for the last day and week. */
export function ExecutionsPanel() {
  const [draft, setDraft] = useState<ExecutionFilter>({});
  const [filter, setFilter] = useState<ExecutionFilter>({});
  const { view, loading, error, more } = useCursorPages(adminApi.executions, filter);

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
        Every validator and post-function run and every settings change, newest first.
      </Text>
      {view && <Retention storage={view.storage} />}
      <AuditDetailSetting />
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
      <AuditTable
        testId="executions"
        placeLabel="Where"
        rows={(view?.entries ?? []).map((entry) => ({
          ...entry,
          rule: entry.ruleTitle,
          place: entry.issueKey ?? entry.projectKey,
          actedAs: entry.actor,
        }))}
        empty={`Nothing recorded${Object.keys(filter).length ? ' that matches these filters' : ' yet'}.`}
        loading={loading}
        error={error}
        errorTitle="Could not load the audit log"
        onMore={more}
      />
    </Stack>
  );
}
