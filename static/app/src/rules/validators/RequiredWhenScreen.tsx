import type { PageProps } from '../../router/routes';
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
  return (
    <ValidatorScreen<Draft>
      context={context}
      rule="required-when"
      title="Fields required when"
      description="the fields you choose are required only while another field has the value you set; values on the transition screen count."
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
            label="When this field"
            value={draft.when}
            onChange={(when) => setDraft({ ...draft, when })}
          />
          <FieldsSelect
            id="required"
            label="These fields are required"
            value={draft.required}
            onChange={(required) => setDraft({ ...draft, required })}
          />
          <TextInput
            id="message"
            label="Message when one is empty (optional)"
            help="Leave empty to name the fields and the reason."
            value={draft.message}
            onChange={(message) => setDraft({ ...draft, message })}
          />
        </Fields>
      )}
    />
  );
}
