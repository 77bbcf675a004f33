import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { Label } from '@atlaskit/form';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import { token } from '@atlaskit/tokens';
import { ruleCatalog } from '@backend/rules/catalog';
import { AuditTable } from '../../components/AuditTable';
import { ruleTitle, say } from '../../components/texts';
import { useCursorPages } from '../../components/useCursorPages';
import { useFormat } from '../../format';
import { useT, type Translate } from '../../i18n';
import type { ExecutionsView } from '@backend/shared/admin-page';
import { adminApi, type ExecutionFilter } from './api';
import { AuditDetailSetting } from './AuditDetailSetting';

interface Choice {
  label: string;
  value: string;
}

const OUTCOME_TEXT = {
  failed: 'admin.executions.outcomes.failed',
  blocked: 'admin.executions.outcomes.blocked',
  allowed: 'admin.executions.outcomes.allowed',
  applied: 'admin.executions.outcomes.applied',
  skipped: 'admin.executions.outcomes.skipped',
  retrying: 'admin.executions.outcomes.retrying',
  changed: 'admin.executions.outcomes.changed',
};
const ACTOR_TEXT = {
  app: 'admin.executions.actors.app',
  impersonated: 'admin.executions.actors.impersonated',
  user: 'admin.executions.actors.user',
  none: 'admin.executions.actors.none',
};

/** The filters' choices in the viewer's language; "Any" (no filter) first. */
function filterChoices(t: Translate) {
  const any: Choice = { label: t('common.any'), value: '' };
  const translated = (texts: Record<string, string>): Choice[] =>
    Object.entries(texts).map(([value, key]) => ({ label: t(key), value }));
  return {
    rule: [
      any,
      ...ruleCatalog.map((r) => ({ label: ruleTitle(t, r.key, r.title), value: r.key })),
      { label: t('admin.executions.adminPageChanges'), value: 'admin-page' },
    ],
    outcome: [any, ...translated(OUTCOME_TEXT)],
    actorKind: [any, ...translated(ACTOR_TEXT)],
  };
}

function Counter({ label, value }: { label: string; value: number }) {
  const format = useFormat();
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
          {format.number(value)}
        </Text>
      </Stack>
    </Box>
  );
}

/** What the log keeps and for how long: the installation's cap, its retention, and what is kept now. */
function Retention({ storage }: { storage: ExecutionsView['storage'] }) {
  const t = useT();
  const format = useFormat();
  return (
    <Text as="p" color="color.text.subtle" testId="audit-retention">
      {t('admin.executions.retention', {
        count: storage.entries,
        maxEntries: format.number(storage.maxEntries),
        maxSize: format.size(storage.maxBytes),
        days: format.number(storage.retentionDays),
        entries: format.number(storage.entries),
        size: format.size(storage.bytes),
      })}
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
  const t = useT();
  const choices = filterChoices(t);

  const set = (key: keyof ExecutionFilter, value: string) =>
    setDraft((d) => {
      const next = { ...d };
      if (value) next[key] = value;
      else delete next[key];
      return next;
    });

  return (
    <Stack space="space.200">
      <h2>{t('admin.executions.title')}</h2>
      <Text as="p" color="color.text.subtle">
        {t('admin.executions.intro')}
      </Text>
      {view && <Retention storage={view.storage} />}
      <AuditDetailSetting />
      {view && (
        <Inline space="space.200" testId="failure-counters">
          <Counter label={t('admin.executions.failuresDay')} value={view.failures.last24Hours} />
          <Counter label={t('admin.executions.failuresWeek')} value={view.failures.last7Days} />
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
            <Label htmlFor="filter-project">{t('admin.executions.projectKey')}</Label>
            <Textfield
              id="filter-project"
              width="small"
              placeholder={t('admin.executions.projectKeyExample')}
              value={draft.projectKey ?? ''}
              onChange={(e) => set('projectKey', e.currentTarget.value.trim().toUpperCase())}
            />
          </Stack>
          {(
            [
              ['rule', t('common.rule')],
              ['outcome', t('common.outcome')],
              ['actorKind', t('common.actedAs')],
            ] as const
          ).map(([key, label]) => (
            <Stack space="space.050" key={key}>
              <Label htmlFor={`filter-${key}`}>{label}</Label>
              <Select<Choice>
                inputId={`filter-${key}`}
                options={choices[key]}
                value={choice(choices[key], draft[key])}
                onChange={(c) => set(key, c?.value ?? '')}
                styles={{ container: (base: object) => ({ ...base, minWidth: 200 }) }}
              />
            </Stack>
          ))}
          <Button type="submit" appearance="primary">
            {t('admin.executions.apply')}
          </Button>
        </Inline>
      </form>
      <AuditTable
        testId="executions"
        placeLabel={t('admin.executions.where')}
        rows={(view?.entries ?? []).map((entry) => ({
          ...entry,
          rule: entry.said ? say(t, entry.said.rule) : entry.ruleTitle,
          place: entry.issueKey ?? entry.projectKey,
          actedAs: entry.said ? say(t, entry.said.actor) : entry.actor,
          ...(entry.error && entry.said?.explanation
            ? { error: { ...entry.error, explanation: say(t, entry.said.explanation) } }
            : {}),
          reduced: entry.said?.reduced ?? false,
        }))}
        empty={t(Object.keys(filter).length ? 'admin.executions.emptyFiltered' : 'admin.executions.empty')}
        loading={loading}
        error={error}
        errorTitle={t('admin.executions.errorTitle')}
        onMore={more}
      />
    </Stack>
  );
}
