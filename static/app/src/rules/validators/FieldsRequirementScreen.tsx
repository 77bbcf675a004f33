import Button from '@atlaskit/button/new';
import { Box, Inline, Stack } from '@atlaskit/primitives/compiled';
import type { PageProps } from '../../router/routes';
import { useT } from '../../i18n';
import { keyOf } from '../keys';
import { codeParts, Sentence } from '../Sentence';
import { ChoiceInput, Fields, TextInput } from '../post-functions/fields';
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

const CONDITIONS: readonly Condition[] = ['not-empty', 'matches'];
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
  const t = useT();
  const conditions = CONDITIONS.map((condition) => ({
    label: t(`rules.fieldsRequirement.conditions.${keyOf(condition)}`),
    value: condition,
  }));
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
              label={t('rules.fieldsRequirement.field', { number: index + 1 })}
              required
              help={t('rules.fieldsRequirement.fieldHelp')}
              value={row.fieldId}
              storedName={row.fieldName}
              onChange={(fieldId, fieldName) => update(index, { fieldId, fieldName })}
            />
            <ChoiceInput
              id={`condition-${index}`}
              path={`requirements.${index}.condition`}
              label={t('rules.fieldsRequirement.requirement')}
              value={row.condition}
              choices={conditions}
              onChange={(condition) => update(index, { condition })}
            />
            {row.condition === 'matches' && (
              <>
                <TextInput
                  id={`pattern-${index}`}
                  path={`requirements.${index}.pattern`}
                  required
                  label={t('rules.fieldsRequirement.pattern')}
                  help={
                    <Sentence
                      text={t('rules.fieldsRequirement.patternHelp')}
                      parts={codeParts({ example: '^[A-Z]+-\\d+$' })}
                    />
                  }
                  value={row.pattern}
                  onChange={(pattern) => update(index, { pattern })}
                />
                <TextInput
                  id={`hint-${index}`}
                  path={`requirements.${index}.hint`}
                  label={t('rules.fieldsRequirement.hint')}
                  placeholder={t('rules.fieldsRequirement.hintPlaceholder')}
                  help={t('rules.fieldsRequirement.hintHelp')}
                  value={row.hint}
                  onChange={(hint) => update(index, { hint })}
                />
              </>
            )}
            <TextInput
              id={`message-${index}`}
              path={`requirements.${index}.message`}
              label={t('rules.fieldsRequirement.message')}
              help={t('rules.fieldsRequirement.messageHelp')}
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
                  {t('rules.fieldsRequirement.remove', { number: index + 1 })}
                </Button>
              </Inline>
            )}
          </Stack>
        </Box>
      ))}
      <Inline>
        <Button onClick={() => setDraft({ ...draft, requirements: [...draft.requirements, emptyRow()] })}>
          {t('rules.fieldsRequirement.add')}
        </Button>
      </Inline>
    </Stack>
  );
}

/** jira:workflowValidator `fields-requirement`: create, edit and view. */
export default function FieldsRequirementScreen({ context }: PageProps) {
  const t = useT();
  return (
    <ValidatorScreen<Draft>
      context={context}
      rule="fields-requirement"
      title={t('rules.fieldsRequirement.title')}
      description={t('rules.fieldsRequirement.description')}
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
