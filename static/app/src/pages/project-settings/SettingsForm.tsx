import { useState } from 'react';
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import { HelperMessage, Label } from '@atlaskit/form';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import Select from '@atlaskit/select';
import { Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ResolverError } from '../../bridge/invoke';
import type { ProjectSettingsData, ProjectSettingsView } from '@backend/shared/project-settings';
import { formatTime } from '../../format';
import { ACTORS, FALLBACK, ON_OFF, pick, REPORTING, type Choice } from './choices';

export interface SettingsFormProps {
  view: ProjectSettingsView;
  /** The view is the answer to this page's own save (the form is remounted per revision, so the parent knows). */
  justSaved: boolean;
  onSave: (settings: ProjectSettingsData) => Promise<void>;
  onReload: () => void;
}

const same = (a: ProjectSettingsData, b: ProjectSettingsData): boolean =>
  JSON.stringify(a) === JSON.stringify(b);

function lastChange(view: ProjectSettingsView): string {
  if (view.revision === 0 || !view.updatedAt)
    return 'Not saved yet: every rule is on and the defaults above apply.';
  const who = view.updatedBy === view.viewerAccountId ? 'you' : (view.updatedByName ?? 'another user');
  return `Last changed by ${who} at ${formatTime(view.updatedAt)} (revision ${view.revision}).`;
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
  validator: 'Validator',
  condition: 'Condition',
  'post-function': 'Post-function',
} as const;

/** The editable part: which rules run here, and the defaults post-functions use. */
export function SettingsForm({ view, justSaved, onSave, onReload }: SettingsFormProps) {
  const [draft, setDraft] = useState<ProjectSettingsData>(view.settings);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  const changed = !same(draft, view.settings);
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

  const connectionChoices: Choice<string>[] = view.connections.map((c) => ({
    value: c.id,
    label: c.configured ? `${c.name} (${c.id})` : `${c.id} (no longer set up)`,
  }));

  return (
    <Stack space="space.400">
      <Stack space="space.100">
        <h2>Rules in this project</h2>
        <Text color="color.text.subtle">
          A rule that is off lets transitions through (validators) or does nothing (post-functions); the
          activity log records each time. Rules this project’s workflows use come first. Rules built on a Jira
          expression (conditions and some validators) are evaluated by Jira itself without calling the app, so
          they cannot be turned off here: remove them from the workflow instead.
        </Text>
        {view.rulesInUseProblem !== undefined && (
          <SectionMessage appearance="warning" title="Which rules this project uses is unknown">
            <Text as="p">{view.rulesInUseProblem}</Text>
          </SectionMessage>
        )}
        <DynamicTable
          testId="project-rules"
          head={{
            cells: [
              { key: 'rule', content: 'Rule' },
              { key: 'kind', content: 'Type' },
              { key: 'used', content: 'In this project’s workflows' },
              { key: 'state', content: 'In this project' },
            ],
          }}
          rows={view.rules.map((rule) => ({
            key: rule.key,
            cells: [
              { key: 'rule', content: rule.title },
              { key: 'kind', content: KIND_NAMES[rule.kind] },
              {
                key: 'used',
                content: rule.usedOn.length
                  ? `Used on ${rule.usedOn.join(', ')}`
                  : view.rulesInUseProblem === undefined
                    ? 'Not used'
                    : 'Unknown',
              },
              {
                key: 'state',
                content: !rule.switchable ? (
                  <Text testId={`rule-${rule.key}-always-on`}>Always on (Jira evaluates it)</Text>
                ) : (
                  <Select<Choice<boolean>>
                    aria-label={`${rule.title} in this project`}
                    inputId={`rule-${rule.key}`}
                    options={ON_OFF}
                    value={pick(ON_OFF, !draft.disabledRules.includes(rule.key))}
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
        <h2>Defaults for post-functions</h2>
        <Text color="color.text.subtle">Used when a rule’s own configuration does not say otherwise.</Text>
        <ChoiceField
          id="default-actor"
          label="Act as"
          choices={ACTORS}
          value={draft.defaults.actor}
          onChange={(value) => setDefault('actor', value)}
          help="Who makes the change in Jira: it shows as the author of comments and edits."
        />
        <ChoiceField
          id="app-fallback"
          label="Falling back to the app"
          choices={FALLBACK}
          value={draft.defaults.allowAppFallback}
          onChange={(value) => setDefault('allowAppFallback', value)}
          help="When the user who transitioned lacks a permission, a rule may act as the app instead. “Never” makes those rules fail here, whatever they say."
        />
        <ChoiceField
          id="report-failures"
          label="Report failures on the issue"
          choices={REPORTING}
          value={draft.defaults.reportFailureOnIssue}
          onChange={(value) => setDefault('reportFailureOnIssue', value)}
          help="A failed post-function adds a comment saying what went wrong and how to fix it."
        />
        <Stack space="space.050">
          <Label htmlFor="connections">External connections this project may use</Label>
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
            placeholder={
              view.connections.length ? 'None allowed' : 'Your Jira admin has not set up any connection'
            }
            noOptionsMessage={() => 'No other connections are set up'}
          />
          <HelperMessage>
            Notify rules in this project can only send to these. Your Jira admin sets connections up on the
            Workflow Guard admin page.
          </HelperMessage>
        </Stack>
      </Stack>

      <Stack space="space.150">
        {justSaved && !changed && (
          <SectionMessage appearance="success" title="Settings saved">
            <Text as="p">Rules in this project use them from their next run.</Text>
          </SectionMessage>
        )}
        {failure !== undefined &&
          (failure instanceof ResolverError && failure.code === 'CONFLICT' ? (
            <SectionMessage
              appearance="warning"
              title="Someone else changed these settings"
              actions={
                <SectionMessageAction onClick={onReload}>Load the latest settings</SectionMessageAction>
              }
            >
              <Text as="p">{failure.message}</Text>
            </SectionMessage>
          ) : (
            <ErrorMessage title="Could not save the settings" error={failure} />
          ))}
        <Text color="color.text.subtlest" testId="last-change">
          {lastChange(view)}
        </Text>
        <Inline space="space.100">
          <Button appearance="primary" onClick={() => void save()} isLoading={saving} isDisabled={!changed}>
            Save
          </Button>
          <Button onClick={() => setDraft(view.settings)} isDisabled={!changed || saving}>
            Discard changes
          </Button>
        </Inline>
      </Stack>
    </Stack>
  );
}
