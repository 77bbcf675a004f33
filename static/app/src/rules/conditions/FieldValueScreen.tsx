import type { PageProps } from '../../router/routes';
import { useT } from '../../i18n';
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
  const t = useT();
  return (
    <ValidatorScreen<FieldTestDraft>
      context={context}
      rule="field-value-condition"
      title={t('rules.fieldValueCondition.title')}
      description={t('rules.fieldValueCondition.description')}
      toDraft={fieldTestDraftOf}
      toConfig={fieldTestConfig}
      form={(draft, setDraft) => (
        <Fields>
          <FieldTestInput
            id="test"
            label={t('rules.fieldValueCondition.field')}
            value={draft}
            onChange={setDraft}
          />
        </Fields>
      )}
    />
  );
}
