import { useState } from 'react';
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import { ErrorMessage as FieldError, HelperMessage, Label } from '@atlaskit/form';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import { Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ruleTitle } from '../../components/texts';
import { ResolverError } from '../../bridge/invoke';
import type { ProjectSettingsData, ProjectSettingsView } from '@backend/shared/project-settings';
import { useFormat, type Formats } from '../../format';
import { useT, type Translate } from '../../i18n';
import { ACTORS, FALLBACK, ON_OFF, pick, REPORTING, translated, type Choice } from './choices';

export interface SettingsFormProps {
  view: ProjectSettingsView;
  /** The view is the answer to this page's own save (the form is remounted per revision, so the parent knows). */
  justSaved: boolean;
  onSave: (settings: ProjectSettingsData) => Promise<void>;
  onReload: () => void;
}

const same = (a: ProjectSettingsData, b: ProjectSettingsData): boolean =>
  JSON.stringify(a) === JSON.stringify(b);

function lastChange(t: Translate, format: Formats, view: ProjectSettingsView): string {
  if (view.revision === 0 || !view.updatedAt) return t('project.settings.notSaved');
  const who =
    view.updatedBy === view.viewerAccountId
      ? t('project.settings.you')
      : (view.updatedByName ?? t('project.settings.anotherUser'));
  return t('project.settings.lastChange', {
    who,
    time: format.time(view.updatedAt),
    revision: format.number(view.revision),
  });
}

/** One default: a label, a single choice, and what it means. */
function ChoiceField<T>({
  id,
  label,
  choices,
  value,
  onChange,
  help,
}: {
  id: string;
  label: string;
  choices: Choice<T>[];
  value: T;
  onChange: (value: T) => void;
  help: string;
}) {
  return (
    <Stack space="space.050">
      <Label htmlFor={id}>{label}</Label>
      <Select<Choice<T>>
        inputId={id}
        options={choices}
        value={pick(choices, value)}
        onChange={(choice) => choice && onChange(choice.value)}
      />
      <HelperMessage>{help}</HelperMessage>
    </Stack>
  );
}

const KIND_NAMES = {
  validator: 'project.settings.rules.kinds.validator',
  condition: 'project.settings.rules.kinds.condition',
  'post-function': 'project.settings.rules.kinds.postFunction',
} as const;

/** The editable part: which rules run here, and the defaults post-functions use. */
export function SettingsForm({ view, justSaved, onSave, onReload }: SettingsFormProps) {
  const [draft, setDraft] = useState<ProjectSettingsData>(view.settings);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const changed = !same(draft, view.settings);
  const t = useT();
  const format = useFormat();
  const onOff = translated(t, ON_OFF);
  const setDefault = <K extends keyof ProjectSettingsData['defaults']>(
    key: K,
    value: ProjectSettingsData['defaults'][K],
  ) => setDraft((d) => ({ ...d, defaults: { ...d.defaults, [key]: value } }));
  const setRule = (key: string, enabled: boolean) =>
    setDraft((d) => ({
      ...d,
      disabledRules: enabled ? d.disabledRules.filter((k) => k !== key) : [...d.disabledRules, key],
    }));

  async function save() {
    setSaving(true);
    setFailure(undefined);
    try {
      await onSave(draft);
    } catch (error) {
      setFailure(error);
      setSaving(false);
    }
  }

  // What the save said about the connections field (it changed since the page was opened), beside it.
  const connectionsError =
    failure instanceof ResolverError
      ? failure.saidBesideFields(t)?.['settings.defaults.connections']
      : undefined;

  const connectionChoices: Choice<string>[] = view.connections.map((c) => ({
    value: c.id,
    label: c.configured ? `${c.name} (${c.id})` : t('project.settings.defaults.connectionGone', { id: c.id }),
  }));

  return (
    <Stack space="space.400">
      <Stack space="space.100">
        <h2>{t('project.settings.rules.title')}</h2>
        <Text color="color.text.subtle">{t('project.settings.rules.intro')}</Text>
        {view.rulesInUseProblem !== undefined && (
          <SectionMessage appearance="warning" title={t('project.settings.rules.usageUnknown')}>
            <Text as="p">{view.rulesInUseProblem}</Text>
          </SectionMessage>
        )}
        <DynamicTable
          testId="project-rules"
          head={{
            cells: [
              { key: 'rule', content: t('common.rule') },
              { key: 'kind', content: t('project.settings.rules.type') },
              { key: 'used', content: t('project.settings.rules.inWorkflows') },
              { key: 'state', content: t('project.settings.rules.inProject') },
            ],
          }}
          rows={view.rules.map((rule) => ({
            key: rule.key,
            cells: [
              { key: 'rule', content: ruleTitle(t, rule.key, rule.title) },
              { key: 'kind', content: t(KIND_NAMES[rule.kind]) },
              {
                key: 'used',
                content: rule.usedOn.length
                  ? t('project.settings.rules.usedOn', { transitions: rule.usedOn.join(', ') })
                  : t(
                      view.rulesInUseProblem === undefined
                        ? 'project.settings.rules.notUsed'
                        : 'project.settings.rules.unknown',
                    ),
              },
              {
                key: 'state',
                content: !rule.switchable ? (
                  <Text testId={`rule-${rule.key}-always-on`}>{t('project.settings.rules.alwaysOn')}</Text>
                ) : (
                  <Select<Choice<boolean>>
                    aria-label={t('project.settings.rules.switchLabel', {
                      rule: ruleTitle(t, rule.key, rule.title),
                    })}
                    inputId={`rule-${rule.key}`}
                    options={onOff}
                    value={pick(onOff, !draft.disabledRules.includes(rule.key))}
                    onChange={(choice) => choice && setRule(rule.key, choice.value)}
                    spacing="compact"
                  />
                ),
              },
            ],
          }))}
        />
      </Stack>

      <Stack space="space.200">
        <h2>{t('project.settings.defaults.title')}</h2>
        <Text color="color.text.subtle">{t('project.settings.defaults.intro')}</Text>
        <ChoiceField
          id="default-actor"
          label={t('project.settings.defaults.actor')}
          choices={translated(t, ACTORS)}
          value={draft.defaults.actor}
          onChange={(value) => setDefault('actor', value)}
          help={t('project.settings.defaults.actorHelp')}
        />
        <ChoiceField
          id="app-fallback"
          label={t('project.settings.defaults.fallback')}
          choices={translated(t, FALLBACK)}
          value={draft.defaults.allowAppFallback}
          onChange={(value) => setDefault('allowAppFallback', value)}
          help={t('project.settings.defaults.fallbackHelp')}
        />
        <ChoiceField
          id="report-failures"
          label={t('project.settings.defaults.report')}
          choices={translated(t, REPORTING)}
          value={draft.defaults.reportFailureOnIssue}
          onChange={(value) => setDefault('reportFailureOnIssue', value)}
          help={t('project.settings.defaults.reportHelp')}
        />
        <Stack space="space.050">
          <Label htmlFor="connections">{t('project.settings.defaults.connections')}</Label>
          <Select<Choice<string>, true>
            inputId="connections"
            isMulti
            options={connectionChoices}
            value={connectionChoices.filter((c) => draft.defaults.connections.includes(c.value))}
            onChange={(choices) =>
              setDefault(
                'connections',
                choices.map((c) => c.value),
              )
            }
            placeholder={t(
              view.connections.length
                ? 'project.settings.defaults.noneAllowed'
                : 'project.settings.defaults.noConnections',
            )}
            noOptionsMessage={() => t('project.settings.defaults.noOtherConnections')}
          />
          <HelperMessage>{t('project.settings.defaults.connectionsHelp')}</HelperMessage>
          {connectionsError !== undefined && (
            <FieldError testId="connections-error">{connectionsError}</FieldError>
          )}
        </Stack>
      </Stack>

      <Stack space="space.150">
        {justSaved && !changed && (
          <SectionMessage appearance="success" title={t('project.settings.saved.title')}>
            <Text as="p">{t('project.settings.saved.body')}</Text>
          </SectionMessage>
        )}
        {failure !== undefined &&
          (failure instanceof ResolverError && failure.code === 'CONFLICT' ? (
            <SectionMessage
              appearance="warning"
              title={t('project.settings.conflict.title')}
              actions={
                <SectionMessageAction onClick={onReload}>
                  {t('project.settings.conflict.reload')}
                </SectionMessageAction>
              }
            >
              <Text as="p">{failure.said(t)}</Text>
            </SectionMessage>
          ) : (
            <ErrorMessage title={t('project.settings.saveError')} error={failure} />
          ))}
        <Text color="color.text.subtlest" testId="last-change">
          {lastChange(t, format, view)}
        </Text>
        <Inline space="space.100">
          <Button appearance="primary" onClick={() => void save()} isLoading={saving} isDisabled={!changed}>
            {t('common.save')}
          </Button>
          <Button onClick={() => setDraft(view.settings)} isDisabled={!changed || saving}>
            {t('project.settings.discard')}
          </Button>
        </Inline>
      </Stack>
    </Stack>
  );
}
