import type { PageProps } from '../../router/routes';
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
  return (
    <ValidatorScreen<Draft>
      context={context}
      rule="field-changed"
      title="Field changed"
      description="the transition goes ahead only when every field you choose was changed on the transition screen."
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
            label="Fields that must change"
            help="Put them on the transition's screen so people can change them."
            value={draft.fields}
            onChange={(fields) => setDraft({ ...draft, fields })}
          />
          <TextInput
            id="message"
            label="Message when they did not change (optional)"
            help="Leave empty to name the fields."
            value={draft.message}
            onChange={(message) => setDraft({ ...draft, message })}
          />
        </Fields>
      )}
    />
  );
}
