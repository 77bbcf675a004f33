import type { z } from 'zod';
// Relative, not @backend: test/i18n/screen-errors.test.ts loads this file under Node's own paths.
import { echoInput, issueFieldTexts, worthSaying } from '../../../../src/shared/issue-texts';
import { render, type Text, type Translate } from '../../../../src/shared/text-format';

type IssueCode = z.core.$ZodIssue['code'];

/** The words for one rejection, or how to say it from the issue (its bound, say). */
export type OwnWord = string | ((issue: z.core.$ZodIssue) => string);

/**
 * A screen's words for the rejections its schema words itself (a refinement's message, `.min(1, '…')`): by field
 * path, then by zod issue code. The schema's words are English (the backend says them too); these replace them.
 */
export type OwnWords = Readonly<Record<string, Readonly<Partial<Record<IssueCode, OwnWord>>>>>;

export interface ScreenWords {
  t: Translate;
  /** The viewer's locale (the context's), for numbers and lists. */
  locale?: string;
  own?: OwnWords;
}

/** A size limit's bound (too small or too big), as a number in the viewer's locale. */
export const bound = (issue: z.core.$ZodIssue, locale: string | undefined): string =>
  new Intl.NumberFormat(locale).format(
    Number(issue.code === 'too_small' ? issue.minimum : issue.code === 'too_big' ? issue.maximum : NaN),
  );

/**
 * A backend text with its numbers (a bound, how many more) written as the viewer's locale writes them; `count`
 * stays a number, since it picks the plural form.
 */
function localNumbers(said: Text, locale: string | undefined): Text {
  if (!('key' in said) || !said.values) return said;
  const numbers = new Intl.NumberFormat(locale);
  const values = Object.fromEntries(
    Object.entries(said.values).map(([name, value]) => [
      name,
      typeof value === 'number'
        ? name === 'count'
          ? value
          : numbers.format(value)
        : typeof value === 'string'
          ? value
          : Array.isArray(value)
            ? value.map((v) => localNumbers(v, locale))
            : localNumbers(value, locale),
    ]),
  );
  return { key: said.key, values };
}

/**
 * Checks a configuration with its schema and says what is wrong beside each field, keyed by the field's path
 * (`operations.1.field`), one sentence per field: in the screen's words where it has them (`own`), else as the
 * backend says it (`issueFieldTexts`, the same texts a resolver sends), in the viewer's language. Undefined when the
 * configuration is valid.
 */
export function screenErrors(
  schema: z.ZodType,
  value: unknown,
  words: ScreenWords,
): Record<string, string> | undefined {
  const parsed = schema.safeParse(value);
  if (parsed.success) return undefined;
  const backend = issueFieldTexts(parsed.error);
  const messages: Record<string, string> = {};
  for (const issue of worthSaying(parsed.error.issues)) {
    const path = issue.path.map((segment) => echoInput(String(segment))).join('.') || 'configuration';
    const own = words.own?.[path]?.[issue.code];
    const said = backend[path];
    messages[path] ??=
      (typeof own === 'function' ? own(issue) : own) ??
      (said ? render(words.t, [localNumbers(said, words.locale)]) : issue.message);
  }
  return messages;
}
