import { z } from 'zod';
import { invalidInput } from '../../access/failures';
import { text, type Text } from '../../access/texts';
import type { AccessSession } from '../../access/session';
import type { FieldOption } from '../../shared/validator-config';
import { hasControlCharacter } from '../validator-config/control-characters';
import { readFields } from '../validator-config/jira-catalog';
import { expressionString, FIELD_ID, issueField } from './literal';

/**
 * How a field's value looks in a Jira expression
 * (https://developer.atlassian.com/cloud/jira/platform/jira-expressions-type-reference/#issue): `summary` is a
 * String, `description` RichText, `labels` a List of Strings, `assignee`/`reporter` Users; custom fields keep the
 * REST API's JSON shape (an option is `{value}`, a multi-select a List of them), except users, which are Users.
 */
export type FieldKind = 'text' | 'rich-text' | 'number' | 'option' | 'labels' | 'options' | 'user' | 'users';

const SYSTEM_FIELD_KINDS: Readonly<Record<string, FieldKind>> = {
  summary: 'text',
  description: 'rich-text',
  labels: 'labels',
  assignee: 'user',
  reporter: 'user',
};

/** The kind of a field as GET /rest/api/3/field describes it, or undefined when no rule can test it. */
export function fieldKind(field: FieldOption): FieldKind | undefined {
  if (!field.custom) return SYSTEM_FIELD_KINDS[field.id];
  const { type, items } = field.schema ?? {};
  if (type === 'string') return 'text';
  if (type === 'number') return 'number';
  if (type === 'option') return 'option';
  if (type === 'user') return 'user';
  if (type === 'array' && items === 'string') return 'labels';
  if (type === 'array' && items === 'option') return 'options';
  if (type === 'array' && items === 'user') return 'users';
  return undefined;
}

export const FIELD_OPERATORS = [
  'empty',
  'not-empty',
  'equals',
  'not-equals',
  'contains',
  'greater',
  'less',
] as const;
export type FieldOperator = (typeof FIELD_OPERATORS)[number];

/** Which operators make sense for each kind (a user is tested for presence only: names are not identities). */
const OPERATORS_BY_KIND: Readonly<Record<FieldKind, readonly FieldOperator[]>> = {
  text: ['empty', 'not-empty', 'equals', 'not-equals', 'contains'],
  'rich-text': ['empty', 'not-empty', 'contains'],
  number: ['empty', 'not-empty', 'equals', 'not-equals', 'greater', 'less'],
  option: ['empty', 'not-empty', 'equals', 'not-equals'],
  labels: ['empty', 'not-empty', 'contains'],
  options: ['empty', 'not-empty', 'contains'],
  user: ['empty', 'not-empty'],
  users: ['empty', 'not-empty'],
};

const Text = (what: string) =>
  z
    .string()
    .trim()
    .max(255)
    .refine((t) => !hasControlCharacter(t), `${what} must not contain line breaks or control characters`);

export const FieldRef = z.strictObject({
  id: z.string().regex(FIELD_ID, 'is not a Jira field id'),
  /** The name shown to people (messages, summaries); the id is what the expression reads. */
  name: Text('a field name').pipe(z.string().min(1, 'a field name cannot be empty')),
});
export type FieldRef = z.infer<typeof FieldRef>;

/** A test on one field, as a screen sends it: the kind is looked up in Jira, never taken from the screen. */
export const FieldTestInput = z.strictObject({
  field: FieldRef,
  operator: z.enum(FIELD_OPERATORS),
  /** The value compared with; unused by empty / not-empty. */
  value: Text('a value').optional(),
});
export type FieldTestInput = z.infer<typeof FieldTestInput>;

export type FieldTest = FieldTestInput & { kind: FieldKind };
export type KindedField = FieldRef & { kind: FieldKind };

const NEEDS_VALUE = (operator: FieldOperator) => operator !== 'empty' && operator !== 'not-empty';

/** Looks the fields up in Jira (one call, as the configuring admin) and refuses any no rule can test. */
export async function kindsOfFields(
  session: AccessSession,
  fields: readonly FieldRef[],
  where: string,
): Promise<KindedField[]> {
  if (!fields.length) return [];
  const known = await readFields(session);
  return fields.map((ref, index) => {
    const field = known.find((f) => f.id === ref.id);
    if (!field) {
      throw invalidInput(
        text('errors.fieldTest.unknownField', { path: `${where}.${index}`, name: ref.name, id: ref.id }),
      );
    }
    const kind = fieldKind(field);
    if (!kind) {
      throw invalidInput(
        text('errors.fieldTest.untestableField', { path: `${where}.${index}`, field: field.name }),
      );
    }
    return { id: field.id, name: field.name, kind };
  });
}

/** Completes a field test with its field's kind and checks its operator and value for that kind. */
export async function kindedFieldTest(
  session: AccessSession,
  test: FieldTestInput,
  where: string,
): Promise<FieldTest> {
  const [field] = await kindsOfFields(session, [test.field], where);
  if (!field) throw invalidInput(text('errors.fieldTest.chooseField', { path: where }));
  if (!OPERATORS_BY_KIND[field.kind].includes(test.operator)) {
    throw invalidInput(
      text('errors.fieldTest.wrongOperator', {
        path: where,
        field: field.name,
        operator: operatorWords(test.operator),
        operators: OPERATORS_BY_KIND[field.kind].map(operatorWords),
      }),
    );
  }
  const value = test.value ?? '';
  if (NEEDS_VALUE(test.operator) && !value) {
    throw invalidInput(text('errors.fieldTest.valueMissing', { path: `${where}.value`, field: field.name }));
  }
  if (NEEDS_VALUE(test.operator) && field.kind === 'number' && !Number.isFinite(Number(value))) {
    throw invalidInput(
      text('errors.fieldTest.notANumber', { path: `${where}.value`, field: field.name, value }),
    );
  }
  return {
    field: { id: field.id, name: field.name },
    operator: test.operator,
    kind: field.kind,
    ...(NEEDS_VALUE(test.operator) ? { value } : {}),
  };
}

/** The expression that is true when the field of `variable` is empty (no value, blank text, an empty list). */
export function fieldEmptyExpression(variable: string, field: KindedField): string {
  const f = issueField(variable, field.id);
  switch (field.kind) {
    case 'text':
      return `(${f} == null || ${f}.trim() == "")`;
    case 'rich-text':
      return `(${f} == null || ${f}.plainText.trim() == "")`;
    case 'labels':
    case 'options':
    case 'users':
      return `(${f} == null || ${f}.length == 0)`;
    default:
      return `(${f} == null)`;
  }
}

/** The expression that is true when the field test holds for the issue in `variable`. */
export function fieldTestExpression(variable: string, test: FieldTest): string {
  const f = issueField(variable, test.field.id);
  const field = { ...test.field, kind: test.kind };
  const value = test.value ?? '';
  const literal = test.kind === 'number' ? String(Number(value)) : expressionString(value);
  switch (test.operator) {
    case 'empty':
      return fieldEmptyExpression(variable, field);
    case 'not-empty':
      return `!${fieldEmptyExpression(variable, field)}`;
    case 'equals':
      return test.kind === 'option' ? `(${f} != null && ${f}.value == ${literal})` : `${f} == ${literal}`;
    case 'not-equals':
      return test.kind === 'option' ? `(${f} == null || ${f}.value != ${literal})` : `${f} != ${literal}`;
    case 'contains':
      if (test.kind === 'options') return `(${f} != null && ${f}.some(option => option.value == ${literal}))`;
      if (test.kind === 'rich-text') return `(${f} != null && ${f}.plainText.includes(${literal}))`;
      return `(${f} != null && ${f}.includes(${literal}))`;
    case 'greater':
      return `(${f} != null && ${f} > ${literal})`;
    case 'less':
      return `(${f} != null && ${f} < ${literal})`;
  }
}

export const OPERATOR_WORDS: Readonly<Record<FieldOperator, string>> = {
  empty: 'is empty',
  'not-empty': 'is not empty',
  equals: 'is',
  'not-equals': 'is not',
  contains: 'contains',
  greater: 'is greater than',
  less: 'is less than',
};

/** An operator in quotes as the configuration screens name it (rules.fieldTest.operators), for a refusal. */
const operatorWords = (operator: FieldOperator): Text =>
  text('errors.quoted', {
    words: text(`rules.fieldTest.operators.${operator.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}`),
  });

/** The test in words, e.g. `"Severity" is "High"`. */
export function describeFieldTest(test: FieldTestInput): string {
  const value = NEEDS_VALUE(test.operator) ? ` "${test.value ?? ''}"` : '';
  return `"${test.field.name}" ${OPERATOR_WORDS[test.operator]}${value}`;
}
