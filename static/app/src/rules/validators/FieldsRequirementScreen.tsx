import Button from '@atlaskit/button/new';
import { HelperMessage, Label } from '@atlaskit/form';
import Select from '@atlaskit/select';
import { Box, Inline, Stack } from '@atlaskit/primitives/compiled';
import type { PageProps } from '../../router/routes';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ChoiceInput, Fields, TextInput, type Choice } from '../post-functions/fields';
import { FailurePolicyInput, failurePolicyOf, type FailurePolicy } from './FailurePolicyInput';
import { text, type Stored } from '../stored';
import { ValidatorScreen } from './ValidatorScreen';
import { useFieldOptions } from './FieldPickers';

type Condition = 'not-empty' | 'matches';
interface Row {
  fieldId: string;
  fieldName: string;
  condition: Condition;
  pattern: string;
  message: string;
}
interface Draft {
  failurePolicy: FailurePolicy;
  requirements: Row[];
}

const CONDITIONS: Choice<Condition>[] = [
  { label: 'is filled in', value: 'not-empty' },
  { label: 'matches a pattern', value: 'matches' },
];
const emptyRow = (): Row => ({
  fieldId: '',
  fieldName: '',
  condition: 'not-empty',
  pattern: '',
  message: '',
});

function toDraft(stored: Stored): Draft {
  const rows = Array.isArray(stored.requirements) ? (stored.requirements as Stored[]) : [];
  return {
    failurePolicy: failurePolicyOf(stored.failurePolicy),
    requirements: rows.length
      ? rows.map((r) => ({
          fieldId: text(r.fieldId),
          fieldName: text(r.fieldName),
          condition: r.condition === 'matches' ? 'matches' : 'not-empty',
          pattern: text(r.pattern),
          message: text(r.message),
        }))
      : [emptyRow()],
  };
}

const toConfig = (draft: Draft): Stored => ({
  failurePolicy: draft.failurePolicy,
  requirements: draft.requirements.map((r) => ({
    fieldId: r.fieldId,
    fieldName: r.fieldName || r.fieldId,
    condition: r.condition,
    ...(r.condition === 'matches' ? { pattern: r.pattern } : {}),
    ...(r.message.trim() ? { message: r.message } : {}),
  })),
});

function RequirementRows({ draft, setDraft }: { draft: Draft; setDraft: (draft: Draft) => void }) {
  const { fields, error } = useFieldOptions();
  const options = (fields ?? []).map((f) => ({ label: `${f.name} (${f.id})`, value: f.id, name: f.name }));
  const update = (index: number, change: Partial<Row>) =>
    setDraft({
      ...draft,
      requirements: draft.requirements.map((r, i) => (i === index ? { ...r, ...change } : r)),
    });
  return (
    <Stack space="space.300">
      {error !== undefined && <ErrorMessage title="Could not load Jira's fields" error={error} />}
      {draft.requirements.map((row, index) => (
        <Box key={index} testId={`requirement-${index}`}>
          <Stack space="space.100">
            <Box>
              <Label htmlFor={`field-${index}`}>Field {index + 1}</Label>
              <Select
                inputId={`field-${index}`}
                isLoading={fields === undefined && error === undefined}
                options={options}
                value={
                  options.find((o) => o.value === row.fieldId) ??
                  (row.fieldId
                    ? {
                        label: `${row.fieldName || row.fieldId} (${row.fieldId})`,
                        value: row.fieldId,
                        name: row.fieldName,
                      }
                    : null)
                }
                onChange={(option) =>
                  option && update(index, { fieldId: option.value, fieldName: option.name })
                }
                placeholder="Choose a field"
                menuPosition="fixed"
              />
              <HelperMessage>
                Values entered on the transition screen count; others are read from the issue.
              </HelperMessage>
            </Box>
            <ChoiceInput
              id={`condition-${index}`}
              label="Requirement"
              value={row.condition}
              choices={CONDITIONS}
              onChange={(condition) => update(index, { condition })}
            />
            {row.condition === 'matches' && (
              <TextInput
                id={`pattern-${index}`}
                label="Pattern (regular expression)"
                help="For example ^[A-Z]+-\d+$ for an issue key."
                value={row.pattern}
                onChange={(pattern) => update(index, { pattern })}
              />
            )}
            <TextInput
              id={`message-${index}`}
              label="Message when not met (optional)"
              help="Leave empty for: Fill in “field” before making this transition."
              value={row.message}
              onChange={(message) => update(index, { message })}
            />
            {draft.requirements.length > 1 && (
              <Inline>
                <Button
                  appearance="subtle"
                  onClick={() =>
                    setDraft({ ...draft, requirements: draft.requirements.filter((_, i) => i !== index) })
                  }
                >
                  Remove field {index + 1}
                </Button>
              </Inline>
            )}
          </Stack>
        </Box>
      ))}
      <Inline>
        <Button onClick={() => setDraft({ ...draft, requirements: [...draft.requirements, emptyRow()] })}>
          Add a field
        </Button>
      </Inline>
    </Stack>
  );
}

/** jira:workflowValidator `fields-requirement`: create, edit and view. */
export default function FieldsRequirementScreen({ context }: PageProps) {
  return (
    <ValidatorScreen<Draft>
      context={context}
      rule="fields-requirement"
      title="Fields requirement"
      description="blocks the transition until the fields you choose are filled in or match a pattern."
      toDraft={toDraft}
      toConfig={toConfig}
      form={(draft, setDraft) => (
        <Fields>
          <RequirementRows draft={draft} setDraft={setDraft} />
          <FailurePolicyInput
            value={draft.failurePolicy}
            onChange={(failurePolicy) => setDraft({ ...draft, failurePolicy })}
          />
        </Fields>
      )}
    />
  );
}
