import { HelperMessage, Label } from '@atlaskit/form';
import Select from '@atlaskit/select';
import { Box } from '@atlaskit/primitives/compiled';
import type { PageProps } from '../../router/routes';
import { Fields, TextInput } from '../post-functions/fields';
import { NamesInput } from './NamesInput';
import { text, type Stored } from '../stored';
import { strings, ValidatorScreen } from './ValidatorScreen';

interface Draft {
  groups: string[];
  projectRoles: string[];
  assignee: boolean;
  reporter: boolean;
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
  // A message equal to the generated description was not written by the admin: regenerate it on save.
  message: text(stored.message) === text(stored.description) ? '' : text(stored.message),
});

/** Only choices go to the resolver; it builds the Jira expression itself, escaping every name. */
const toConfig = (draft: Draft): Stored => ({
  groups: draft.groups,
  projectRoles: draft.projectRoles,
  assignee: draft.assignee,
  reporter: draft.reporter,
  ...(draft.message.trim() ? { message: draft.message } : {}),
});

/** jira:workflowValidator `who-may-transition`: create, edit and view. */
export default function WhoMayTransitionScreen({ context }: PageProps) {
  return (
    <ValidatorScreen<Draft>
      context={context}
      rule="who-may-transition"
      title="Who may transition"
      description="only the people you choose may make this transition. Jira checks it itself, knowing who is transitioning."
      toDraft={toDraft}
      toConfig={toConfig}
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
          <TextInput
            id="message"
            path="message"
            label="Message for everyone else (optional)"
            help="Leave empty to say who may make the transition."
            value={draft.message}
            onChange={(message) => setDraft({ ...draft, message })}
          />
        </Fields>
      )}
    />
  );
}
