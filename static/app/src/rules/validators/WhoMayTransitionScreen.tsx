import { HelperMessage, Label } from '@atlaskit/form';
import Select from '@atlaskit/select';
import { Box } from '@atlaskit/primitives/compiled';
import type { PageProps } from '../../router/routes';
import { Fields, TextInput } from '../post-functions/fields';
import { NamesInput } from './NamesInput';
import { text, type Stored } from '../stored';
import { isConditionScreen, strings, ValidatorScreen } from './ValidatorScreen';
import { fieldRefsOf, FieldsSelect, holdsPeople, type FieldRef } from './FieldPickers';

interface Draft {
  groups: string[];
  projectRoles: string[];
  assignee: boolean;
  reporter: boolean;
  userFields: FieldRef[];
  message: string;
}
type Person = 'assignee' | 'reporter';

const PEOPLE: { label: string; value: Person }[] = [
  { label: 'The assignee', value: 'assignee' },
  { label: 'The reporter', value: 'reporter' },
];

const toDraft = (stored: Stored): Draft => ({
  groups: strings(stored.groups),
  projectRoles: strings(stored.projectRoles),
  assignee: stored.assignee === true,
  reporter: stored.reporter === true,
  userFields: fieldRefsOf(stored.userFields),
  // A message equal to the generated description was not written by the admin: regenerate it on save.
  message: text(stored.message) === text(stored.description) ? '' : text(stored.message),
});

/** Only choices go to the resolver; it builds the Jira expression itself, escaping every name. */
const toConfig = (draft: Draft): Stored => ({
  groups: draft.groups,
  projectRoles: draft.projectRoles,
  assignee: draft.assignee,
  reporter: draft.reporter,
  userFields: draft.userFields,
  ...(draft.message.trim() ? { message: draft.message } : {}),
});

/** A condition has no message: it hides the transition instead of explaining a refusal. */
const toConditionConfig = ({ message: _unused, ...draft }: Draft): Stored => {
  void _unused;
  return { ...draft };
};

/** jira:workflowValidator `who-may-transition` and jira:workflowCondition `who-may-transition-condition`. */
export default function WhoMayTransitionScreen({ context }: PageProps) {
  const condition = isConditionScreen(context);
  return (
    <ValidatorScreen<Draft>
      context={context}
      rule={condition ? 'who-may-transition-condition' : 'who-may-transition'}
      title={condition ? 'Who may transition (condition)' : 'Who may transition'}
      description={
        condition
          ? 'only the people you choose see this transition; Jira hides it from everyone else.'
          : 'only the people you choose may make this transition. Jira checks it itself, knowing who is transitioning.'
      }
      toDraft={toDraft}
      toConfig={condition ? toConditionConfig : toConfig}
      form={(draft, setDraft) => (
        <Fields>
          <NamesInput
            id="groups"
            label="Members of these groups"
            help="Group names exactly as in Jira settings › User management › Groups."
            value={draft.groups}
            onChange={(groups) => setDraft({ ...draft, groups })}
          />
          <NamesInput
            id="projectRoles"
            label="People with these project roles (in the issue's project)"
            help="Role names exactly as in Jira settings › System › Project roles, for example Developers."
            value={draft.projectRoles}
            onChange={(projectRoles) => setDraft({ ...draft, projectRoles })}
          />
          <Box>
            <Label htmlFor="people">Also allow</Label>
            <Select<(typeof PEOPLE)[number], true>
              inputId="people"
              isMulti
              options={PEOPLE}
              value={PEOPLE.filter((p) => draft[p.value])}
              onChange={(chosen) =>
                setDraft({
                  ...draft,
                  assignee: chosen.some((p) => p.value === 'assignee'),
                  reporter: chosen.some((p) => p.value === 'reporter'),
                })
              }
              menuPosition="fixed"
            />
            <HelperMessage>Anyone matching at least one choice may make the transition.</HelperMessage>
          </Box>
          <FieldsSelect
            id="userFields"
            label="People in these user fields"
            help="User picker fields of the issue, for example Approver."
            value={draft.userFields}
            only={holdsPeople}
            onChange={(userFields) => setDraft({ ...draft, userFields })}
          />
          {!condition && (
            <TextInput
              id="message"
              path="message"
              label="Message for everyone else (optional)"
              help="Leave empty to say who may make the transition."
              value={draft.message}
              onChange={(message) => setDraft({ ...draft, message })}
            />
          )}
        </Fields>
      )}
    />
  );
}
