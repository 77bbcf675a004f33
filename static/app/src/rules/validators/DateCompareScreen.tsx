import { dateKindOf, type FieldOption } from '@backend/shared/validator-config';
import type { PageProps } from '../../router/routes';
import { ChoiceInput, Fields, TextInput, type Choice } from '../post-functions/fields';
import { JiraFieldPicker } from '../pickers';
import { text, type Stored } from '../stored';
import { fieldRefOf, type FieldRef } from './FieldPickers';
import { ValidatorScreen } from './ValidatorScreen';
import { useT } from '../../i18n';

type Operator = '<' | '<=' | '=' | '>=' | '>';
type Against = 'now' | 'field';
type WhenEmpty = 'block' | 'allow';

interface Draft {
  field?: FieldRef;
  operator: Operator;
  against: Against;
  otherField?: FieldRef;
  offset: string;
  whenEmpty: WhenEmpty;
  message: string;
}

const OPERATORS: ReadonlyArray<[Operator, string]> = [
  ['<', 'before'],
  ['<=', 'onOrBefore'],
  ['=', 'on'],
  ['>=', 'onOrAfter'],
  ['>', 'after'],
];

/** Date pickers, date-time pickers, Due date, Created and Updated: the fields the rule can read. */
const isDate = (field: FieldOption) => dateKindOf(field) !== undefined;

/** A message the resolver generated (it states the comparison) is regenerated on save rather than kept. */
const generated = (stored: Stored) => text(stored.message).includes(' must be ');

/** jira:workflowValidator `date-compare`: create, edit and view. */
export default function DateCompareScreen({ context }: PageProps) {
  const t = useT();
  const operators: Choice<Operator>[] = OPERATORS.map(([value, key]) => ({
    label: t(`rules.dateCompare.operator.${key}`),
    value,
  }));
  const against: Choice<Against>[] = [
    { label: t('rules.dateCompare.against.now'), value: 'now' },
    { label: t('rules.dateCompare.against.field'), value: 'field' },
  ];
  const whenEmpty: Choice<WhenEmpty>[] = [
    { label: t('rules.dateCompare.whenEmpty.block'), value: 'block' },
    { label: t('rules.dateCompare.whenEmpty.allow'), value: 'allow' },
  ];
  return (
    <ValidatorScreen<Draft>
      context={context}
      rule="date-compare"
      title={t('rules.dateCompare.title')}
      description={t('rules.dateCompare.description')}
      toDraft={(stored) => {
        const field = fieldRefOf(stored.field);
        const otherField = fieldRefOf(stored.otherField);
        return {
          ...(field ? { field } : {}),
          ...(otherField ? { otherField } : {}),
          operator: OPERATORS.find(([o]) => o === stored.operator)?.[0] ?? '>=',
          against: stored.against === 'field' ? 'field' : 'now',
          offset: typeof stored.offsetDays === 'number' ? String(stored.offsetDays) : '0',
          whenEmpty: stored.whenEmpty === 'allow' ? 'allow' : 'block',
          message: generated(stored) ? '' : text(stored.message),
        };
      }}
      toConfig={(draft) => ({
        field: draft.field ?? { id: '', name: '' },
        operator: draft.operator,
        against: draft.against,
        ...(draft.against === 'field' && draft.otherField ? { otherField: draft.otherField } : {}),
        // A number the resolver checks (whole days); anything else is refused beside the field.
        offsetDays: draft.offset.trim() === '' ? 0 : Number(draft.offset),
        whenEmpty: draft.whenEmpty,
        ...(draft.message.trim() ? { message: draft.message } : {}),
      })}
      form={(draft, setDraft) => (
        <Fields>
          <JiraFieldPicker
            id="field"
            label={t('rules.dateCompare.field.label')}
            path="field"
            required
            only={isDate}
            value={draft.field?.id ?? ''}
            {...(draft.field ? { storedName: draft.field.name } : {})}
            onChange={(id, name) => setDraft({ ...draft, field: { id, name } })}
          />
          <ChoiceInput
            id="operator"
            label={t('rules.dateCompare.operator.label')}
            path="operator"
            value={draft.operator}
            choices={operators}
            onChange={(operator) => setDraft({ ...draft, operator })}
          />
          <ChoiceInput
            id="against"
            label={t('rules.dateCompare.against.label')}
            path="against"
            value={draft.against}
            choices={against}
            onChange={(against) => setDraft({ ...draft, against })}
          />
          {draft.against === 'field' && (
            <JiraFieldPicker
              id="otherField"
              label={t('rules.dateCompare.otherField.label')}
              path="otherField"
              required
              only={isDate}
              value={draft.otherField?.id ?? ''}
              {...(draft.otherField ? { storedName: draft.otherField.name } : {})}
              onChange={(id, name) => setDraft({ ...draft, otherField: { id, name } })}
            />
          )}
          <TextInput
            id="offsetDays"
            label={t('rules.dateCompare.offset.label')}
            path="offsetDays"
            help={t('rules.dateCompare.offset.help')}
            value={draft.offset}
            onChange={(offset) => setDraft({ ...draft, offset })}
          />
          <ChoiceInput
            id="whenEmpty"
            label={t('rules.dateCompare.whenEmpty.label')}
            path="whenEmpty"
            value={draft.whenEmpty}
            choices={whenEmpty}
            onChange={(whenEmpty) => setDraft({ ...draft, whenEmpty })}
          />
          <TextInput
            id="message"
            label={t('rules.dateCompare.message.label')}
            help={t('rules.dateCompare.message.help')}
            value={draft.message}
            onChange={(message) => setDraft({ ...draft, message })}
          />
        </Fields>
      )}
    />
  );
}
