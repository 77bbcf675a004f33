import type { PageProps } from '../../router/routes';
import { useT } from '../../i18n';
import { Fields, TextInput } from '../post-functions/fields';
import { text, type Stored } from '../stored';
import { fieldRefsOf, FieldsSelect, type FieldRef } from './FieldPickers';
import { ValidatorScreen } from './ValidatorScreen';

interface Draft {
  fields: FieldRef[];
  message: string;
}

/** A message the resolver generated (it names the fields) is regenerated on save rather than kept. */
const generated = (stored: Stored) => text(stored.message).startsWith('Change "');

/** jira:workflowValidator `field-changed`: create, edit and view. */
export default function FieldChangedScreen({ context }: PageProps) {
  const t = useT();
  return (
    <ValidatorScreen<Draft>
      context={context}
      rule="field-changed"
      title={t('rules.fieldChanged.title')}
      description={t('rules.fieldChanged.description')}
      toDraft={(stored) => ({
        fields: fieldRefsOf(stored.fields),
        message: generated(stored) ? '' : text(stored.message),
      })}
      toConfig={(draft) => ({
        fields: draft.fields,
        ...(draft.message.trim() ? { message: draft.message } : {}),
      })}
      form={(draft, setDraft) => (
        <Fields>
          <FieldsSelect
            id="fields"
            label={t('rules.fieldChanged.fields')}
            help={t('rules.fieldChanged.fieldsHelp')}
            value={draft.fields}
            onChange={(fields) => setDraft({ ...draft, fields })}
          />
          <TextInput
            id="message"
            label={t('rules.fieldChanged.message')}
            help={t('rules.fieldChanged.messageHelp')}
            value={draft.message}
            onChange={(message) => setDraft({ ...draft, message })}
          />
        </Fields>
      )}
    />
  );
}
