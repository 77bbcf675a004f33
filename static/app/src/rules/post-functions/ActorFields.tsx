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

const PROJECT_DEFAULT = 'Use the project’s default';

const ACTORS: Choice<ActorDraft['actor']>[] = [
  { label: PROJECT_DEFAULT, value: '' },
  { label: 'The app’s bot user', value: 'app' },
  { label: 'The user who made the transition', value: 'transitioning-user' },
];
const FALLBACKS: Choice<ActorDraft['fallback']>[] = [
  { label: 'Fail, and record why', value: 'fail' },
  { label: 'Act as the app instead, and say so', value: 'act-as-app' },
];
const REPORTING: Choice<ActorDraft['reportFailureOnIssue']>[] = [
  { label: PROJECT_DEFAULT, value: '' },
  { label: 'Yes, the app adds a comment saying what failed', value: 'yes' },
  { label: 'No, only the audit log records it', value: 'no' },
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
      ? 'Acts as the app'
      : draft.actor === 'transitioning-user'
        ? `Acts as the user who made the transition; without the permission it ${draft.fallback === 'act-as-app' ? 'acts as the app' : 'fails'}`
        : draft.actor === 'field-user'
          ? t(draft.fallback === 'act-as-app' ? 'fieldUser.summary.actAsApp' : 'fieldUser.summary.fail', {
              field: draft.fieldName || draft.fieldId || t('fieldUser.someField'),
            })
          : 'Acts as the project’s default';
  const report =
    draft.reportFailureOnIssue === 'yes'
      ? 'failures are reported on the issue'
      : draft.reportFailureOnIssue === 'no'
        ? 'failures are only in the audit log'
        : 'failure reporting follows the project';
  return `${who}; ${report}.`;
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
        label="Act as"
        value={draft.actor}
        choices={[...ACTORS, { label: t('fieldUser.choice'), value: 'field-user' }]}
        onChange={(actor) => onChange({ ...draft, actor })}
        help={`Acting as the user means Jira checks their permissions (${permissionHelp}) and records them as the author.`}
      />
      {draft.actor === 'field-user' && <ActorFieldPicker draft={draft} onChange={onChange} />}
      {draft.actor !== 'app' && (
        <ChoiceInput
          id="fallback"
          path="fallback"
          label={
            draft.actor === 'field-user' ? t('fieldUser.fallbackLabel') : 'When the user lacks the permission'
          }
          value={draft.fallback}
          choices={FALLBACKS}
          onChange={(fallback) => onChange({ ...draft, fallback })}
          help="Acting as the app is recorded in the audit log; a project can forbid it in its settings."
        />
      )}
      <ChoiceInput
        id="report"
        path="reportFailureOnIssue"
        label="Report failures on the issue"
        value={draft.reportFailureOnIssue}
        choices={REPORTING}
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
