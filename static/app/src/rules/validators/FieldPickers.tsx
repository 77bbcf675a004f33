import { HelperMessage, Label } from '@atlaskit/form';
import Select from '@atlaskit/select';
import { Box, Stack } from '@atlaskit/primitives/compiled';
import type { FieldOption } from '@backend/shared/validator-config';
import { fieldOption, useJiraFields, type PickerOption } from '../pickers';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useT } from '../../i18n';
import { keyOf } from '../keys';
import { ChoiceInput, TextInput } from '../post-functions/fields';
import { text, type Stored } from '../stored';

/** A field as a rule's configuration names it: the id the expression reads and the name people read. */
export interface FieldRef {
  id: string;
  name: string;
}

export const fieldRefOf = (value: unknown): FieldRef | undefined => {
  const stored = (value ?? {}) as Stored;
  return text(stored.id) ? { id: text(stored.id), name: text(stored.name) || text(stored.id) } : undefined;
};
export const fieldRefsOf = (value: unknown): FieldRef[] =>
  (Array.isArray(value) ? value : []).flatMap((v) => fieldRefOf(v) ?? []);

/** People-holding fields (user pickers), as Jira's field schema says. */
export const holdsPeople = (f: FieldOption) =>
  f.schema?.type === 'user' || (f.schema?.type === 'array' && f.schema.items === 'user');

/** Chooses fields from Jira's list (several when `multiple`). */
export function FieldsSelect({
  id,
  label,
  help,
  value,
  onChange,
  only = () => true,
}: {
  id: string;
  label: string;
  help?: string;
  value: FieldRef[];
  onChange: (fields: FieldRef[]) => void;
  only?: (field: FieldOption) => boolean;
}) {
  const t = useT();
  const { list: fields, error } = useJiraFields();
  const options = (fields ?? []).filter(only).map(fieldOption);
  return (
    <Box>
      {error !== undefined && (
        <ErrorMessage
          title={t('rules.common.couldNotLoad', { what: t('rules.common.jiraFields') })}
          error={error}
        />
      )}
      <Label htmlFor={id}>{label}</Label>
      <Select<PickerOption, true>
        inputId={id}
        isMulti
        isLoading={fields === undefined && error === undefined}
        options={options}
        value={value.map((f) => options.find((o) => o.value === f.id) ?? fieldOption(f))}
        onChange={(chosen) => onChange(chosen.map((c) => ({ id: c.value, name: c.name })))}
        placeholder={t('rules.common.chooseFields')}
        menuPosition="fixed"
      />
      {help && <HelperMessage>{help}</HelperMessage>}
    </Box>
  );
}

export type Operator = 'empty' | 'not-empty' | 'equals' | 'not-equals' | 'contains' | 'greater' | 'less';
const OPERATORS: readonly Operator[] = [
  'equals',
  'not-equals',
  'contains',
  'greater',
  'less',
  'empty',
  'not-empty',
];

export interface FieldTestDraft {
  field?: FieldRef;
  operator: Operator;
  value: string;
}

export function fieldTestDraftOf(value: unknown): FieldTestDraft {
  const stored = (value ?? {}) as Stored;
  const operator = OPERATORS.find((o) => o === stored.operator) ?? 'equals';
  const field = fieldRefOf(stored.field);
  return { ...(field ? { field } : {}), operator, value: text(stored.value) };
}

/** What the resolver takes; it looks the field's kind up in Jira and checks the operator and value for it. */
export const fieldTestConfig = (draft: FieldTestDraft): Stored => ({
  field: draft.field ?? { id: '', name: '' },
  operator: draft.operator,
  ...(draft.operator === 'empty' || draft.operator === 'not-empty' ? {} : { value: draft.value }),
});

/** A test on one field: which field, how it is compared and with what. */
export function FieldTestInput({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: FieldTestDraft;
  onChange: (draft: FieldTestDraft) => void;
}) {
  const t = useT();
  const { list: fields, error } = useJiraFields();
  const options = (fields ?? []).map(fieldOption);
  return (
    <Stack space="space.100">
      {error !== undefined && (
        <ErrorMessage
          title={t('rules.common.couldNotLoad', { what: t('rules.common.jiraFields') })}
          error={error}
        />
      )}
      <Box>
        <Label htmlFor={`${id}-field`}>{label}</Label>
        <Select<PickerOption>
          inputId={`${id}-field`}
          isLoading={fields === undefined && error === undefined}
          options={options}
          value={
            value.field
              ? (options.find((o) => o.value === value.field?.id) ?? fieldOption(value.field))
              : null
          }
          onChange={(c) => c && onChange({ ...value, field: { id: c.value, name: c.name } })}
          placeholder={t('rules.common.chooseField')}
          menuPosition="fixed"
        />
      </Box>
      <ChoiceInput
        id={`${id}-operator`}
        label={t('rules.fieldTest.operator')}
        value={value.operator}
        choices={OPERATORS.map((operator) => ({
          label: t(`rules.fieldTest.operators.${keyOf(operator)}`),
          value: operator,
        }))}
        onChange={(operator) => onChange({ ...value, operator })}
      />
      {value.operator !== 'empty' && value.operator !== 'not-empty' && (
        <TextInput
          id={`${id}-value`}
          label={t('rules.fieldTest.value')}
          help={t('rules.fieldTest.valueHelp')}
          value={value.value}
          onChange={(v) => onChange({ ...value, value: v })}
        />
      )}
    </Stack>
  );
}
