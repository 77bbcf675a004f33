import type { PageProps } from '../../router/routes';
import { AssignConfig } from '@backend/rules/assign/configuration';
import type { RoleOption } from '@backend/shared/post-function-config';
import type { FieldOption } from '@backend/shared/validator-config';
import { useT, type Translate } from '../../i18n';
import { keyOf } from '../keys';
import { text } from '../stored';
import { ChoiceInput } from './fields';
import { PickerInput, useJiraOptions } from './pickers';
import { RuleScreen } from './RuleScreen';

type Target = 'reporter' | 'user-field' | 'role' | 'previous-assignee' | 'unassign';
interface Draft {
  target: Target;
  fieldId: string;
  fieldName: string;
  roleId: string;
  roleName: string;
  roleStrategy: 'first' | 'round-robin';
}

const TARGETS: readonly Target[] = ['reporter', 'user-field', 'role', 'previous-assignee', 'unassign'];
const STRATEGIES: readonly Draft['roleStrategy'][] = ['first', 'round-robin'];

const toDraft = (stored: Record<string, unknown>): Draft => ({
  target: TARGETS.find((target) => target === stored.target) ?? 'reporter',
  fieldId: text(stored.fieldId),
  fieldName: text(stored.fieldName),
  roleId: text(stored.roleId),
  roleName: text(stored.roleName),
  roleStrategy: stored.roleStrategy === 'round-robin' ? 'round-robin' : 'first',
});

const toConfig = (draft: Draft): Record<string, unknown> => ({
  target: draft.target,
  ...(draft.target === 'user-field'
    ? { fieldId: draft.fieldId || undefined, fieldName: draft.fieldName || undefined }
    : {}),
  ...(draft.target === 'role'
    ? {
        roleId: draft.roleId || undefined,
        roleName: draft.roleName || undefined,
        roleStrategy: draft.roleStrategy,
      }
    : {}),
});

const describe = (t: Translate, draft: Draft): string => {
  switch (draft.target) {
    case 'user-field':
      return t('rules.assign.summary.userField', { field: draft.fieldName || draft.fieldId });
    case 'role': {
      const strategy = keyOf(draft.roleStrategy);
      return draft.roleName
        ? t(`rules.assign.summary.role.${strategy}`, { role: draft.roleName })
        : t(`rules.assign.summary.anyRole.${strategy}`);
    }
    default:
      return t(`rules.assign.summary.${keyOf(draft.target)}`);
  }
};

function Form({
  draft,
  setDraft,
  errors,
}: {
  draft: Draft;
  setDraft: (draft: Draft) => void;
  errors: Record<string, string>;
}) {
  const t = useT();
  const fields = useJiraOptions<FieldOption>(
    'listUserFields',
    draft.target === 'user-field' ? {} : undefined,
    (f) => ({ value: f.id, label: f.name }),
  );
  const roles = useJiraOptions<RoleOption>('listRoles', draft.target === 'role' ? {} : undefined, (r) => ({
    value: r.id,
    label: r.name,
  }));
  return (
    <>
      <ChoiceInput
        id="target"
        label={t('rules.assign.target')}
        value={draft.target}
        choices={TARGETS.map((target) => ({
          label: t(`rules.assign.targets.${keyOf(target)}`),
          value: target,
        }))}
        help={t('rules.assign.targetHelp')}
        onChange={(target) => setDraft({ ...draft, target })}
      />
      {draft.target === 'user-field' && (
        <PickerInput
          id="fieldId"
          label={t('rules.assign.userField')}
          what={t('rules.assign.userFields')}
          value={draft.fieldId}
          savedLabel={draft.fieldName}
          options={fields.options}
          loadError={fields.error}
          error={errors.fieldId}
          onChange={(o) => setDraft({ ...draft, fieldId: o.value, fieldName: o.label })}
        />
      )}
      {draft.target === 'role' && (
        <>
          <PickerInput
            id="roleId"
            label={t('rules.assign.role')}
            what={t('rules.assign.roles')}
            value={draft.roleId}
            savedLabel={draft.roleName}
            options={roles.options}
            loadError={roles.error}
            error={errors.roleId}
            help={t('rules.assign.roleHelp')}
            onChange={(o) => setDraft({ ...draft, roleId: o.value, roleName: o.label })}
          />
          <ChoiceInput
            id="roleStrategy"
            label={t('rules.assign.strategy')}
            value={draft.roleStrategy}
            choices={STRATEGIES.map((strategy) => ({
              label: t(`rules.assign.strategies.${keyOf(strategy)}`),
              value: strategy,
            }))}
            onChange={(roleStrategy) => setDraft({ ...draft, roleStrategy })}
          />
        </>
      )}
    </>
  );
}

/** jira:workflowPostFunction `assign`: create, edit and view. */
export default function AssignScreen({ context }: PageProps) {
  const t = useT();
  return (
    <RuleScreen<Draft>
      context={context}
      title={t('rules.assign.title')}
      description={t('rules.assign.description')}
      schema={AssignConfig}
      ownWords={{
        fieldId: {
          invalid_format: t('rules.common.pickFieldFromList'),
          custom: t('rules.assign.errors.pickField'),
        },
        roleId: {
          invalid_format: t('rules.assign.errors.roleFromList'),
          custom: t('rules.assign.errors.pickRole'),
        },
      }}
      toDraft={toDraft}
      toConfig={toConfig}
      summary={(draft) => describe(t, draft)}
      permissionHelp={t('rules.assign.permissions')}
      form={(draft, setDraft, errors) => <Form draft={draft} setDraft={setDraft} errors={errors} />}
    />
  );
}
