import { invalidInput } from '../../access/failures';
import { text, type Text } from '../../access/texts';
import type { AccessSession } from '../../access/session';
import {
  buildDateComparisonExpression,
  comparedFields,
  describeDateComparison,
  type DateComparison,
  type DateField,
} from '../expression-builders/date-compare';
import type { FieldRef } from '../expression-builders/field-test';
import { dateKindOf } from '../../shared/validator-config';
import { readFields } from '../validator-config/jira-catalog';
import { parseConfiguration, type Prepared } from '../validator-config/prepare';
import { DateCompareConfig } from './configuration';

/** A refusal said beside the field at `path` of the configuration. */
const refuse = (path: string, message: Text) =>
  invalidInput(text('errors.notSaved.atPath', { path, problem: message }), {
    fieldTexts: { [path]: message },
  });

/**
 * A date or date-time field compared with now or with another date field, the other side moved by whole days. Both
 * fields are looked up in Jira as the admin (one read of the fields): only date and date-time fields are accepted,
 * and their kind decides how the expression reads them.
 */
export async function prepareDateCompare(raw: unknown, session: AccessSession): Promise<Prepared> {
  const config = parseConfiguration(DateCompareConfig, raw);
  if (config.against === 'field' && !config.otherField)
    throw refuse('otherField', text('errors.config.otherFieldMissing'));
  if (config.against === 'field' && config.otherField?.id === config.field.id)
    throw refuse('otherField', text('errors.config.sameField', { field: config.field.name }));
  const known = await readFields(session);
  const lookUp = (ref: FieldRef, path: string): DateField => {
    const field = known.find((f) => f.id === ref.id);
    if (!field) throw refuse(path, text('errors.config.unknownNamedField', { name: ref.name, id: ref.id }));
    const kind = dateKindOf(field);
    if (!kind) throw refuse(path, text('errors.config.notDateField', { field: field.name }));
    return { id: field.id, name: field.name, kind };
  };
  const field = lookUp(config.field, 'field');
  const comparison: DateComparison = {
    field,
    operator: config.operator,
    against:
      config.against === 'field' && config.otherField
        ? { kind: 'field', field: lookUp(config.otherField, 'otherField') }
        : { kind: 'now' },
    offsetDays: config.offsetDays,
    whenEmpty: config.whenEmpty,
  };
  return completeDateCompare(config, comparison);
}

/** The configuration completed with the fields' kinds as Jira described them and the expression built from them. */
export function completeDateCompare(config: DateCompareConfig, comparison: DateComparison): Prepared {
  const expression = buildDateComparisonExpression(comparison);
  const condition = describeDateComparison(comparison);
  const quoted = comparedFields(comparison).map((f) => `"${f.name}"`);
  const names = quoted.join(' and ');
  const empty =
    config.whenEmpty === 'block'
      ? `An empty ${quoted.join(' or ')} blocks the transition.`
      : `While ${quoted.join(' or ')} is empty, the rule lets the transition through.`;
  return {
    saved: {
      field: comparison.field,
      operator: config.operator,
      against: config.against,
      ...(comparison.against.kind === 'field' ? { otherField: comparison.against.field } : {}),
      offsetDays: config.offsetDays,
      whenEmpty: config.whenEmpty,
      message: config.message || `${condition}${config.whenEmpty === 'block' ? `; fill in ${names}` : ''}.`,
      expression,
    },
    description: `${condition}. ${empty}`,
    expression: { text: expression, what: 'the generated expression' },
  };
}
