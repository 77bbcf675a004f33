import Button from '@atlaskit/button/new';
import { Box, Inline, Stack } from '@atlaskit/primitives/compiled';
import type { PageProps } from '../../router/routes';
import { ChoiceInput, Fields, TextInput, type Choice } from '../post-functions/fields';
import { JiraFieldPicker } from '../pickers';
import { FailurePolicyInput, failurePolicyOf, type FailurePolicy } from './FailurePolicyInput';
import { text, type Stored } from '../stored';
import { ValidatorScreen } from './ValidatorScreen';

type Condition = 'not-empty' | 'matches';
interface Row {
  fieldId: string;
  fieldName: string;
  condition: Condition;
  pattern: string;
  hint: string;
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
  hint: '',
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
          hint: text(r.hint),
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
    ...(r.condition === 'matches' && r.hint.trim() ? { hint: r.hint } : {}),
    ...(r.message.trim() ? { message: r.message } : {}),
  })),
});

function RequirementRows({ draft, setDraft }: { draft: Draft; setDraft: (draft: Draft) => void }) {
  const update = (index: number, change: Partial<Row>) =>
    setDraft({
      ...draft,
      requirements: draft.requirements.map((r, i) => (i === index ? { ...r, ...change } : r)),
    });
  return (
    <Stack space="space.300">
      {draft.requirements.map((row, index) => (
        <Box key={index} testId={`requirement-${index}`}>
          <Stack space="space.100">
            <JiraFieldPicker
              id={`field-${index}`}
              path={[`requirements.${index}.fieldId`, `requirements.${index}.fieldName`]}
              label={`Field ${index + 1}`}
              required
              help="Values entered on the transition screen count; others are read from the issue."
              value={row.fieldId}
              storedName={row.fieldName}
              onChange={(fieldId, fieldName) => update(index, { fieldId, fieldName })}
            />
            <ChoiceInput
              id={`condition-${index}`}
              path={`requirements.${index}.condition`}
              label="Requirement"
              value={row.condition}
              choices={CONDITIONS}
              onChange={(condition) => update(index, { condition })}
            />
            {row.condition === 'matches' && (
              <>
                <TextInput
                  id={`pattern-${index}`}
                  path={`requirements.${index}.pattern`}
                  required
                  label="Pattern (regular expression)"
                  help="For example ^[A-Z]+-\d+$ for an issue key."
                  value={row.pattern}
                  onChange={(pattern) => update(index, { pattern })}
                />
                <TextInput
                  id={`hint-${index}`}
                  path={`requirements.${index}.hint`}
                  label="What a valid value looks like (shown to people)"
                  placeholder="an issue key such as OPS-12"
                  help="People whose value does not match read: “Field” does not have the expected format: your words. Correct it before making this transition."
                  value={row.hint}
                  onChange={(hint) => update(index, { hint })}
                />
              </>
            )}
            <TextInput
              id={`message-${index}`}
              path={`requirements.${index}.message`}
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
