import { HelperMessage, Label } from '@atlaskit/form';
import Select from '@atlaskit/select';
import { Box } from '@atlaskit/primitives/compiled';
import type { PageProps } from '../../router/routes';
import { useT } from '../../i18n';
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

const PEOPLE: readonly Person[] = ['assignee', 'reporter'];

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
  const t = useT();
  const condition = isConditionScreen(context);
  const kind = condition ? 'whoMayTransitionCondition' : 'whoMayTransition';
  const people = PEOPLE.map((value) => ({ label: t(`rules.whoMayTransition.people.${value}`), value }));
  return (
    <ValidatorScreen<Draft>
      context={context}
      rule={condition ? 'who-may-transition-condition' : 'who-may-transition'}
      title={t(`rules.${kind}.title`)}
      description={t(`rules.${kind}.description`)}
      toDraft={toDraft}
      toConfig={condition ? toConditionConfig : toConfig}
      form={(draft, setDraft) => (
        <Fields>
          <NamesInput
            id="groups"
            label={t('rules.whoMayTransition.groups')}
            help={t('rules.whoMayTransition.groupsHelp')}
            value={draft.groups}
            onChange={(groups) => setDraft({ ...draft, groups })}
          />
          <NamesInput
            id="projectRoles"
            label={t('rules.whoMayTransition.projectRoles')}
            help={t('rules.whoMayTransition.projectRolesHelp')}
            value={draft.projectRoles}
            onChange={(projectRoles) => setDraft({ ...draft, projectRoles })}
          />
          <Box>
            <Label htmlFor="people">{t('rules.whoMayTransition.alsoAllow')}</Label>
            <Select<(typeof people)[number], true>
              inputId="people"
              isMulti
              options={people}
              value={people.filter((p) => draft[p.value])}
              onChange={(chosen) =>
                setDraft({
                  ...draft,
                  assignee: chosen.some((p) => p.value === 'assignee'),
                  reporter: chosen.some((p) => p.value === 'reporter'),
                })
              }
              menuPosition="fixed"
            />
            <HelperMessage>{t('rules.whoMayTransition.alsoAllowHelp')}</HelperMessage>
          </Box>
          <FieldsSelect
            id="userFields"
            label={t('rules.whoMayTransition.userFields')}
            help={t('rules.whoMayTransition.userFieldsHelp')}
            value={draft.userFields}
            only={holdsPeople}
            onChange={(userFields) => setDraft({ ...draft, userFields })}
          />
          {!condition && (
            <TextInput
              id="message"
              path="message"
              label={t('rules.whoMayTransition.message')}
              help={t('rules.whoMayTransition.messageHelp')}
              value={draft.message}
              onChange={(message) => setDraft({ ...draft, message })}
            />
          )}
        </Fields>
      )}
    />
  );
}
