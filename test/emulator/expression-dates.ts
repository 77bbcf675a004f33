import { EvaluationFailure, JiraEntity, typeName, type JiraValue } from './expression-values';
import { jiraTime } from './state';

/**
 * Date and CalendarDate of Jira expressions, after the type reference
 * (https://developer.atlassian.com/cloud/jira/platform/jira-expressions-type-reference/) and its TypeScript types
 * (https://developer.atlassian.com/cloud/jira/platform/jira-expressions-types/): `new Date()` (now),
 * `new Date(Number)` (milliseconds), `new Date(String)`; `new CalendarDate()` (today), `new CalendarDate(String)`;
 * a Date has `toCalendarDate()`, `toCalendarDateUTC()`, `plusDays(n)`, `minusDays(n)`; a CalendarDate `plusDays(n)`,
 * `minusDays(n)`. Only these are modelled (what the app's generated expressions use); any other method is the
 * evaluator's UnsupportedExpressionError. Two Dates, or two CalendarDates, compare with `<` `>` `<=` `>=`, and `==`
 * by value. Time zones: the emulator's users are all in UTC (User.timeZone), so "the user's time zone" of
 * toCalendarDate and the current date of `new CalendarDate()` are UTC days (test/emulator/FIDELITY.md, "Previous
 * status and date comparison").
 */
const DAY_MS = 86_400_000;

/** ISO 8601 with a `Z` or an offset written `+hh:mm` or `+hhmm` (Jira's REST format, 2026-01-01T10:00:00.000+0000). */
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:?\d{2})$/;
const CALENDAR = /^(\d{4})-(\d{2})-(\d{2})$/;

function calendarMs(text: string): number | undefined {
  const m = CALENDAR.exec(text);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // 2026-02-30 is no day: Date.UTC would roll it into March.
  return new Date(ms).toISOString().startsWith(text) ? ms : undefined;
}

function dateTimeMs(text: string): number | undefined {
  const m = DATE_TIME.exec(text);
  if (!m) return undefined;
  const day = calendarMs(`${m[1]}-${m[2]}-${m[3]}`);
  if (day === undefined) return undefined;
  const zone = m[8] ?? 'Z';
  const offset =
    zone === 'Z'
      ? 0
      : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2))) * 60_000;
  const ms = Number((m[7] ?? '0').padEnd(3, '0'));
  return day + Number(m[4]) * 3_600_000 + Number(m[5]) * 60_000 + Number(m[6] ?? 0) * 1000 + ms - offset;
}

const dayText = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

function days(name: string, args: readonly JiraValue[]): number {
  const [n] = args;
  if (args.length !== 1 || typeof n !== 'number' || !Number.isInteger(n)) {
    throw new EvaluationFailure(
      `${name} expects (Number), got (${args.map(typeName).join(', ') || 'no arguments'})`,
    );
  }
  return n;
}

/** A CalendarDate: a day, no time of day and no time zone; equal to another by its day. */
export function calendarDate(ms: number): JiraEntity {
  const text = dayText(ms);
  return new JiraEntity('CalendarDate', text, {}, () => text, {
    plusDays: (args) => calendarDate(ms + days('plusDays', args) * DAY_MS),
    minusDays: (args) => calendarDate(ms - days('minusDays', args) * DAY_MS),
  });
}

/** A Date: an instant, in milliseconds; returned in Jira's REST format. */
export function jiraDate(ms: number): JiraEntity {
  return new JiraEntity('Date', String(ms), {}, () => jiraTime(ms), {
    plusDays: (args) => jiraDate(ms + days('plusDays', args) * DAY_MS),
    minusDays: (args) => jiraDate(ms - days('minusDays', args) * DAY_MS),
    // The user's time zone, which is UTC for every emulator user; toCalendarDateUTC is UTC by definition.
    toCalendarDate: () => calendarDate(Math.floor(ms / DAY_MS) * DAY_MS),
    toCalendarDateUTC: () => calendarDate(Math.floor(ms / DAY_MS) * DAY_MS),
  });
}

/** A Date from Jira's REST timestamp (issue created/updated, changelog created). */
export const dateOf = (text: string): JiraEntity => {
  const ms = dateTimeMs(text);
  if (ms === undefined) throw new Error(`"${text}" is not a Jira timestamp`);
  return jiraDate(ms);
};

/** A CalendarDate from a REST date ("2026-12-01"), or null for no value. */
export function calendarDateOrNull(raw: unknown): JiraValue {
  if (typeof raw !== 'string') return null;
  const ms = calendarMs(raw);
  if (ms === undefined) throw new Error(`"${raw}" is not a date`);
  return calendarDate(ms);
}

/** `new Date(...)` / `new CalendarDate(...)`; undefined for any other class. */
export function construct(className: string, args: readonly JiraValue[], now: number): JiraValue | undefined {
  const [arg] = args;
  if (className === 'Date') {
    if (args.length === 0) return jiraDate(now);
    if (args.length === 1 && typeof arg === 'number') return jiraDate(arg);
    if (args.length === 1 && typeof arg === 'string') {
      const ms = dateTimeMs(arg);
      if (ms === undefined) throw new EvaluationFailure(`"${arg}" is not a date and time Jira can read`);
      return jiraDate(ms);
    }
    throw new EvaluationFailure(
      `new Date expects (), (Number) or (String), got (${args.map(typeName).join(', ')})`,
    );
  }
  if (className === 'CalendarDate') {
    if (args.length === 0) return calendarDate(Math.floor(now / DAY_MS) * DAY_MS);
    if (args.length === 1 && typeof arg === 'string') {
      const ms = calendarMs(arg);
      if (ms === undefined) throw new EvaluationFailure(`"${arg}" is not a date (YYYY-MM-DD)`);
      return calendarDate(ms);
    }
    throw new EvaluationFailure(
      `new CalendarDate expects () or (String), got (${args.map(typeName).join(', ')})`,
    );
  }
  return undefined;
}

/** The order of two Dates or two CalendarDates, or undefined when the two are not such a pair. */
export function dateOrder(left: JiraValue, right: JiraValue): number | undefined {
  if (!(left instanceof JiraEntity) || !(right instanceof JiraEntity) || left.type !== right.type)
    return undefined;
  if (left.type === 'Date') return Number(left.identity) - Number(right.identity);
  if (left.type === 'CalendarDate')
    return left.identity < right.identity ? -1 : left.identity > right.identity ? 1 : 0;
  return undefined;
}
