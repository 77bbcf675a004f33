import type { PageProps } from '../../router/routes';
import { Fields } from '../post-functions/fields';
import {
  FieldTestInput,
  fieldTestConfig,
  fieldTestDraftOf,
  type FieldTestDraft,
} from '../validators/FieldPickers';
import { ValidatorScreen } from '../validators/ValidatorScreen';

/** jira:workflowCondition `field-value-condition`: create, edit and view. */
export default function FieldValueScreen({ context }: PageProps) {
  return (
    <ValidatorScreen<FieldTestDraft>
      context={context}
      rule="field-value-condition"
      title="Field value (condition)"
      description="the transition is shown only when a field of the issue passes the test you set."
      toDraft={fieldTestDraftOf}
      toConfig={fieldTestConfig}
      form={(draft, setDraft) => (
        <Fields>
          <FieldTestInput id="test" label="Field" value={draft} onChange={setDraft} />
        </Fields>
      )}
    />
  );
}
