import type { PageProps } from '../../router/routes';
import { AssignConfig } from '@backend/rules/assign/configuration';
import type { RoleOption } from '@backend/shared/post-function-config';
import type { FieldOption } from '@backend/shared/validator-config';
import { text } from '../stored';
import { ChoiceInput, type Choice } from './fields';
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

const TARGETS: Choice<Target>[] = [
  { label: 'The reporter', value: 'reporter' },
  { label: 'The user in a field', value: 'user-field' },
  { label: 'A member of a project role', value: 'role' },
  { label: 'The previous assignee', value: 'previous-assignee' },
  { label: 'Nobody (unassign)', value: 'unassign' },
];
const STRATEGIES: Choice<Draft['roleStrategy']>[] = [
  { label: 'The first member who can be assigned (by name)', value: 'first' },
  { label: 'Members in turn (round robin)', value: 'round-robin' },
];

const toDraft = (stored: Record<string, unknown>): Draft => ({
  target: TARGETS.some((t) => t.value === stored.target) ? (stored.target as Target) : 'reporter',
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

const describe = (draft: Draft): string => {
  switch (draft.target) {
    case 'reporter':
      return 'Assigns the issue to its reporter.';
    case 'user-field':
      return `Assigns the issue to the user in ${draft.fieldName || draft.fieldId}.`;
    case 'role':
      return `Assigns the issue to ${draft.roleStrategy === 'round-robin' ? 'members of' : 'the first assignable member of'} ${draft.roleName || 'a project role'}${draft.roleStrategy === 'round-robin' ? ' in turn' : ''}.`;
    case 'previous-assignee':
      return 'Gives the issue back to its previous assignee.';
    case 'unassign':
      return 'Unassigns the issue.';
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
        label="Assign to"
        value={draft.target}
        choices={TARGETS}
        help="Before assigning, Jira is asked whether that person may be assigned the issue; if not, the audit log says why."
        onChange={(target) => setDraft({ ...draft, target })}
      />
      {draft.target === 'user-field' && (
        <PickerInput
          id="fieldId"
          label="User field"
          what="Jira's user fields"
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
            label="Project role"
            what="Jira's project roles"
            value={draft.roleId}
            savedLabel={draft.roleName}
            options={roles.options}
            loadError={roles.error}
            error={errors.roleId}
            help="Its members in the project of the transitioned issue; groups in the role are not used."
            onChange={(o) => setDraft({ ...draft, roleId: o.value, roleName: o.label })}
          />
          <ChoiceInput
            id="roleStrategy"
            label="Which member"
            value={draft.roleStrategy}
            choices={STRATEGIES}
            onChange={(roleStrategy) => setDraft({ ...draft, roleStrategy })}
          />
        </>
      )}
    </>
  );
}

/** jira:workflowPostFunction `assign`: create, edit and view. */
export default function AssignScreen({ context }: PageProps) {
  return (
    <RuleScreen<Draft>
      context={context}
      title="Assign"
      description="assigns the issue after the transition, only to someone Jira lets be assigned it."
      schema={AssignConfig}
      toDraft={toDraft}
      toConfig={toConfig}
      summary={describe}
      permissionHelp="Assign issues, or Edit issues to unassign"
      form={(draft, setDraft, errors) => <Form draft={draft} setDraft={setDraft} errors={errors} />}
    />
  );
}
