import type { DATE_OPERATORS } from '../../shared/validator-config';
import { SYSTEM_DATE_FIELDS } from '../../shared/validator-config';
import { issueField } from './literal';

/**
 * A date or date-time field as Jira expressions read it (https://developer.atlassian.com/cloud/jira/platform/jira-expressions-type-reference/#issue):
 * `dueDate` is a CalendarDate, `created` and `updated` are Dates; a custom field keeps its REST value, a String
 * ("2026-12-01" for a date, "2026-12-01T10:00:00.000+0000" for a date-time), turned into a CalendarDate or a Date
 * with the documented constructors `new CalendarDate(String)` and `new Date(String)`
 * (https://developer.atlassian.com/cloud/jira/platform/jira-expressions-types/).
 */
export type DateKind = 'date' | 'datetime';

export interface DateField {
  id: string;
  name: string;
  kind: DateKind;
}

export type DateOperator = (typeof DATE_OPERATORS)[number];

export interface DateComparison {
  field: DateField;
  operator: DateOperator;
  /** The other side: the moment of the transition, or another field. */
  against: { kind: 'now' } | { kind: 'field'; field: DateField };
  /** Days added to the other side (negative: before it). */
  offsetDays: number;
  /** An empty field (either side) blocks, or lets the transition through. */
  whenEmpty: 'block' | 'allow';
}

function value(field: DateField): string {
  const system = (SYSTEM_DATE_FIELDS as Record<string, { property: string }>)[field.id];
  if (system) return `issue.${system.property}`;
  const f = issueField('issue', field.id);
  return `(${f} == null ? null : new ${field.kind === 'date' ? 'CalendarDate' : 'Date'}(${f}))`;
}

/** Compared by day when either side is a date without a time: a date-time is then taken as its day. */
const byDay = (c: DateComparison) =>
  c.field.kind === 'date' || (c.against.kind === 'field' && c.against.field.kind === 'date');

function side(field: DateField, day: boolean): string {
  return day && field.kind === 'datetime' ? `(${value(field)})?.toCalendarDate()` : value(field);
}

/**
 * `field <op> other ± days`. `toCalendarDate()` gives a Date's day in the user's time zone and `new CalendarDate()`
 * today's date (same pages; FIDELITY.md, "Previous status and date comparison"). `issue` includes what the
 * transition screen changed (https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-workflow-validator/#context-variables).
 */
export function buildDateComparisonExpression(c: DateComparison): string {
  const day = byDay(c);
  const other =
    c.against.kind === 'now' ? (day ? 'new CalendarDate()' : 'new Date()') : side(c.against.field, day);
  const shift =
    c.offsetDays > 0 ? `.plusDays(${c.offsetDays})` : c.offsetDays < 0 ? `.minusDays(${-c.offsetDays})` : '';
  const op = c.operator === '=' ? '==' : c.operator;
  const empty = c.whenEmpty === 'allow' ? 'true' : 'false';
  const otherEmpty = c.against.kind === 'field' ? ' || other == null' : '';
  return `let value = ${side(c.field, day)}; let other = ${other}; value == null${otherEmpty} ? ${empty} : value ${op} other${shift}`;
}

const OPERATOR_WORDS: Readonly<Record<DateOperator, string>> = {
  '<': 'before',
  '<=': 'on or before',
  '=': 'on',
  '>=': 'on or after',
  '>': 'after',
};

/** The comparison in words, e.g. `"Due date" must be on or after today + 2 days`. */
export function describeDateComparison(c: DateComparison): string {
  const base = c.against.kind === 'now' ? (byDay(c) ? 'today' : 'now') : `"${c.against.field.name}"`;
  const n = Math.abs(c.offsetDays);
  const offset = n === 0 ? '' : ` ${c.offsetDays > 0 ? '+' : '−'} ${n} day${n === 1 ? '' : 's'}`;
  return `"${c.field.name}" must be ${OPERATOR_WORDS[c.operator]} ${base}${offset}`;
}

/** The fields the comparison reads, for what an empty one does. */
export const comparedFields = (c: DateComparison): DateField[] =>
  c.against.kind === 'field' ? [c.field, c.against.field] : [c.field];
