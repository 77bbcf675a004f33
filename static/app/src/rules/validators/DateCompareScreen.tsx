import { dateKindOf, type FieldOption } from '@backend/shared/validator-config';
import type { PageProps } from '../../router/routes';
import { ChoiceInput, Fields, TextInput, type Choice } from '../post-functions/fields';
import { JiraFieldPicker } from '../pickers';
import { text, type Stored } from '../stored';
import { fieldRefOf, type FieldRef } from './FieldPickers';
import { ValidatorScreen } from './ValidatorScreen';

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

const OPERATORS: Choice<Operator>[] = [
  { label: 'is before (<)', value: '<' },
  { label: 'is on or before (<=)', value: '<=' },
  { label: 'is on (=)', value: '=' },
  { label: 'is on or after (>=)', value: '>=' },
  { label: 'is after (>)', value: '>' },
];
const AGAINST: Choice<Against>[] = [
  { label: 'Now (the day of the transition, for a date field)', value: 'now' },
  { label: 'Another date field', value: 'field' },
];
const WHEN_EMPTY: Choice<WhenEmpty>[] = [
  { label: 'Block the transition', value: 'block' },
  { label: 'Let the transition through', value: 'allow' },
];

/** Date pickers, date-time pickers, Due date, Created and Updated: the fields the rule can read. */
const isDate = (field: FieldOption) => dateKindOf(field) !== undefined;

/** A message the resolver generated (it states the comparison) is regenerated on save rather than kept. */
const generated = (stored: Stored) => text(stored.message).includes(' must be ');

/** jira:workflowValidator `date-compare`: create, edit and view. */
export default function DateCompareScreen({ context }: PageProps) {
  return (
    <ValidatorScreen<Draft>
      context={context}
      rule="date-compare"
      title="Date comparison"
      description="the transition goes ahead only when a date field compares as you choose with now or with another date field, moved by a number of days; a value set on the transition screen counts."
      toDraft={(stored) => {
        const field = fieldRefOf(stored.field);
        const otherField = fieldRefOf(stored.otherField);
        return {
          ...(field ? { field } : {}),
          ...(otherField ? { otherField } : {}),
          operator: OPERATORS.find((o) => o.value === stored.operator)?.value ?? '>=',
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
            label="Date field"
            path="field"
            required
            only={isDate}
            value={draft.field?.id ?? ''}
            {...(draft.field ? { storedName: draft.field.name } : {})}
            onChange={(id, name) => setDraft({ ...draft, field: { id, name } })}
          />
          <ChoiceInput
            id="operator"
            label="Test"
            path="operator"
            value={draft.operator}
            choices={OPERATORS}
            onChange={(operator) => setDraft({ ...draft, operator })}
          />
          <ChoiceInput
            id="against"
            label="Compared with"
            path="against"
            value={draft.against}
            choices={AGAINST}
            onChange={(against) => setDraft({ ...draft, against })}
          />
          {draft.against === 'field' && (
            <JiraFieldPicker
              id="otherField"
              label="Other date field"
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
            label="Offset in days"
            path="offsetDays"
            help="Added to what it is compared with; negative for days before. E.g. Due date is on or after now + 2 days."
            value={draft.offset}
            onChange={(offset) => setDraft({ ...draft, offset })}
          />
          <ChoiceInput
            id="whenEmpty"
            label="When a field is empty"
            path="whenEmpty"
            value={draft.whenEmpty}
            choices={WHEN_EMPTY}
            onChange={(whenEmpty) => setDraft({ ...draft, whenEmpty })}
          />
          <TextInput
            id="message"
            label="Message when it is blocked (optional)"
            help="Leave empty to state the comparison."
            value={draft.message}
            onChange={(message) => setDraft({ ...draft, message })}
          />
        </Fields>
      )}
    />
  );
}
