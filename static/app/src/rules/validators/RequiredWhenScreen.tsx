import type { PageProps } from '../../router/routes';
import { useT } from '../../i18n';
import { Fields, TextInput } from '../post-functions/fields';
import { text, type Stored } from '../stored';
import {
  fieldRefsOf,
  FieldsSelect,
  FieldTestInput,
  fieldTestConfig,
  fieldTestDraftOf,
  type FieldRef,
  type FieldTestDraft,
} from './FieldPickers';
import { ValidatorScreen } from './ValidatorScreen';

interface Draft {
  when: FieldTestDraft;
  required: FieldRef[];
  message: string;
}

const generated = (stored: Stored) => text(stored.message).startsWith('Fill in "');

/** jira:workflowValidator `required-when`: create, edit and view. */
export default function RequiredWhenScreen({ context }: PageProps) {
  const t = useT();
  return (
    <ValidatorScreen<Draft>
      context={context}
      rule="required-when"
      title={t('rules.requiredWhen.title')}
      description={t('rules.requiredWhen.description')}
      toDraft={(stored) => ({
        when: fieldTestDraftOf(stored.when),
        required: fieldRefsOf(stored.required),
        message: generated(stored) ? '' : text(stored.message),
      })}
      toConfig={(draft) => ({
        when: fieldTestConfig(draft.when),
        required: draft.required,
        ...(draft.message.trim() ? { message: draft.message } : {}),
      })}
      form={(draft, setDraft) => (
        <Fields>
          <FieldTestInput
            id="when"
            label={t('rules.requiredWhen.when')}
            value={draft.when}
            onChange={(when) => setDraft({ ...draft, when })}
          />
          <FieldsSelect
            id="required"
            label={t('rules.requiredWhen.required')}
            value={draft.required}
            onChange={(required) => setDraft({ ...draft, required })}
          />
          <TextInput
            id="message"
            label={t('rules.requiredWhen.message')}
            help={t('rules.requiredWhen.messageHelp')}
            value={draft.message}
            onChange={(message) => setDraft({ ...draft, message })}
          />
        </Fields>
      )}
    />
  );
}
