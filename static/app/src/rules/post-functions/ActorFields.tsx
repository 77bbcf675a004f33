import type { FieldOption } from '@backend/shared/validator-config';
import { ACTORS as ACTOR_KEYS } from '@backend/shared/post-function-settings';
import { useT, type Translate } from '../../i18n';
import { useFieldError } from '../ConfigFrame';
import { text } from '../stored';
import { ChoiceInput, type Choice } from './fields';
import { PickerInput, useJiraOptions } from './pickers';

type Default = '';
export type ActorDraft = {
  actor: (typeof ACTOR_KEYS)[number] | Default;
  /** For `field-user`: the user field picked from Jira's list (id and name as Jira gives them). */
  fieldId: string;
  fieldName: string;
  fallback: 'fail' | 'act-as-app';
  reportFailureOnIssue: 'yes' | 'no' | Default;
};

const actors = (t: Translate): Choice<ActorDraft['actor']>[] => [
  { label: t('rules.actor.projectDefault'), value: '' },
  { label: t('rules.actor.app'), value: 'app' },
  { label: t('rules.actor.transitioningUser'), value: 'transitioning-user' },
  { label: t('fieldUser.choice'), value: 'field-user' },
];
const fallbacks = (t: Translate): Choice<ActorDraft['fallback']>[] => [
  { label: t('rules.actor.fallbackFail'), value: 'fail' },
  { label: t('rules.actor.fallbackApp'), value: 'act-as-app' },
];
const reporting = (t: Translate): Choice<ActorDraft['reportFailureOnIssue']>[] => [
  { label: t('rules.actor.projectDefault'), value: '' },
  { label: t('rules.actor.reportYes'), value: 'yes' },
  { label: t('rules.actor.reportNo'), value: 'no' },
];

/** The stored keys of the actor settings; absent keys fall back to the project's defaults. */
export function actorDraft(stored: Record<string, unknown>): ActorDraft {
  const field = (stored.actorField ?? {}) as Record<string, unknown>;
  return {
    actor: ACTOR_KEYS.find((actor) => actor === stored.actor) ?? '',
    fieldId: text(field.id),
    fieldName: text(field.name),
    fallback: stored.fallback === 'act-as-app' ? 'act-as-app' : 'fail',
    reportFailureOnIssue:
      stored.reportFailureOnIssue === true ? 'yes' : stored.reportFailureOnIssue === false ? 'no' : '',
  };
}

export function actorConfig(draft: ActorDraft): Record<string, unknown> {
  return {
    actor: draft.actor || undefined,
    // Kept only while acting as the user in a field; the schema asks for it then.
    actorField:
      draft.actor === 'field-user' && draft.fieldId
        ? { id: draft.fieldId, name: draft.fieldName || draft.fieldId }
        : undefined,
    fallback: draft.fallback,
    reportFailureOnIssue:
      draft.reportFailureOnIssue === '' ? undefined : draft.reportFailureOnIssue === 'yes',
  };
}

export function describeActor(draft: ActorDraft, t: Translate): string {
  const who =
    draft.actor === 'app'
      ? t('rules.actor.summary.app')
      : draft.actor === 'transitioning-user'
        ? t(
            draft.fallback === 'act-as-app'
              ? 'rules.actor.summary.userOrApp'
              : 'rules.actor.summary.userOrFail',
          )
        : draft.actor === 'field-user'
          ? t(draft.fallback === 'act-as-app' ? 'fieldUser.summary.actAsApp' : 'fieldUser.summary.fail', {
              field: draft.fieldName || draft.fieldId || t('fieldUser.someField'),
            })
          : t('rules.actor.summary.projectDefault');
  const report =
    draft.reportFailureOnIssue === 'yes'
      ? t('rules.actor.summary.reportOnIssue')
      : draft.reportFailureOnIssue === 'no'
        ? t('rules.actor.summary.reportInAudit')
        : t('rules.actor.summary.reportAsProject');
  return t('rules.actor.summary.sentence', { who, report });
}

/** Who acts, what happens when that user may not, and whether failures show on the issue. */
export function ActorFields({
  draft,
  onChange,
  permissionHelp,
}: {
  draft: ActorDraft;
  onChange: (draft: ActorDraft) => void;
  permissionHelp: string;
}) {
  const t = useT();
  return (
    <>
      <ChoiceInput
        id="actor"
        path="actor"
        label={t('rules.actor.label')}
        value={draft.actor}
        choices={actors(t)}
        onChange={(actor) => onChange({ ...draft, actor })}
        help={t('rules.actor.help', { permissions: permissionHelp })}
      />
      {draft.actor === 'field-user' && <ActorFieldPicker draft={draft} onChange={onChange} />}
      {draft.actor !== 'app' && (
        <ChoiceInput
          id="fallback"
          path="fallback"
          label={draft.actor === 'field-user' ? t('fieldUser.fallbackLabel') : t('rules.actor.fallbackLabel')}
          value={draft.fallback}
          choices={fallbacks(t)}
          onChange={(fallback) => onChange({ ...draft, fallback })}
          help={t('rules.actor.fallbackHelp')}
        />
      )}
      <ChoiceInput
        id="report"
        path="reportFailureOnIssue"
        label={t('rules.actor.reportLabel')}
        value={draft.reportFailureOnIssue}
        choices={reporting(t)}
        onChange={(reportFailureOnIssue) => onChange({ ...draft, reportFailureOnIssue })}
      />
    </>
  );
}

/** The user field to act as, picked from Jira's fields holding one user: never an id typed by hand. */
function ActorFieldPicker({ draft, onChange }: { draft: ActorDraft; onChange: (draft: ActorDraft) => void }) {
  const t = useT();
  const fields = useJiraOptions<FieldOption>('listUserFields', {}, (f) => ({ value: f.id, label: f.name }));
  const error = useFieldError('actorField');
  return (
    <PickerInput
      id="actorField"
      label={t('fieldUser.pickerLabel')}
      what={t('fieldUser.pickerWhat')}
      value={draft.fieldId}
      savedLabel={draft.fieldName}
      options={fields.options}
      loadError={fields.error}
      error={error}
      help={t('fieldUser.pickerHelp')}
      onChange={(option) => onChange({ ...draft, fieldId: option.value, fieldName: option.label })}
    />
  );
}
