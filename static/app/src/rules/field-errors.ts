import type { z } from 'zod';
import { echoInput, issueFieldTexts } from '@backend/shared/issue-texts';
import { render } from '@backend/shared/text-format';
import type { Translate } from '../i18n';

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

const TYPES = new Set(['string', 'number', 'int', 'boolean', 'object', 'array', 'record', 'null']);
const MAX_KEYS = 5;

/**
 * zod's error map for the configuration screens: what zod says itself (a missing value, a wrong type, a length),
 * as one sentence beside the field in the viewer's language. What it leaves (undefined) keeps zod's own message.
 */
function builtIn(issue: z.core.$ZodRawIssue, { t, locale }: ScreenWords): string | undefined {
  const number = (value: number) => new Intl.NumberFormat(locale).format(value);
  const type = (expected: unknown) =>
    TYPES.has(String(expected))
      ? t(`rules.common.errors.types.${String(expected)}`)
      : t('rules.common.errors.types.other', { name: echoInput(String(expected)) });
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'nonoptional' || issue.input === undefined
        ? t('rules.common.errors.required')
        : t('rules.common.errors.mustBe', { type: type(issue.expected) });
    case 'unrecognized_keys': {
      const keys = issue.keys
        .slice(0, MAX_KEYS)
        .map((key) => `"${echoInput(key)}"`)
        .join(', ');
      const more = issue.keys.length - MAX_KEYS;
      return more > 0
        ? t('rules.common.errors.unknownKeysMore', { keys, more: number(more) })
        : t('rules.common.errors.unknownKeys', { count: issue.keys.length, keys });
    }
    case 'invalid_union': {
      // A plain union of types; a discriminated union names its discriminator and options itself.
      if (issue.discriminator !== undefined) return undefined;
      const types = issue.errors.map((branch) =>
        branch.length === 1 && branch[0]?.code === 'invalid_type' && branch[0].path.length === 0
          ? type(branch[0].expected)
          : undefined,
      );
      return types.every((name) => name !== undefined)
        ? t('rules.common.errors.mustBe', {
            type: new Intl.ListFormat(locale, { type: 'disjunction' }).format([...new Set(types)]),
          })
        : t('rules.common.errors.noForm');
    }
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const bound = Number(small ? issue.minimum : issue.maximum);
      const inclusive = issue.inclusive !== false;
      const values = { count: bound, n: number(bound) };
      if (issue.origin === 'string' || issue.origin === 'array' || issue.origin === 'set') {
        if (!inclusive) return undefined;
        if (issue.origin === 'string' && small && bound === 1) return t('rules.common.errors.notEmpty');
        const unit = issue.origin === 'string' ? 'Length' : 'Items';
        return t(`rules.common.errors.${small ? 'min' : 'max'}${unit}`, values);
      }
      const limit = small ? (inclusive ? 'atLeast' : 'moreThan') : inclusive ? 'atMost' : 'lessThan';
      return t(`rules.common.errors.${limit}`, values);
    }
    default:
      return undefined;
  }
}

const where = (path: readonly PropertyKey[] | undefined, code: string) =>
  `${JSON.stringify((path ?? []).map(String))}${code}`;

/**
 * Checks a configuration with its schema and says what is wrong beside each field, keyed by the field's path
 * (`operations.1.field`), one sentence per field, as the backend's `issueFieldTexts` picks them: zod's own issues in
 * the viewer's language (the error map above), the schema's worded ones in the screen's words (`own`), and any the
 * screen does not word as the backend says them (in the schema's English where the schema words them). Undefined when the configuration is valid.
 */
export function screenErrors(
  schema: z.ZodType,
  value: unknown,
  words: ScreenWords,
): Record<string, string> | undefined {
  const mapped = new Set<string>();
  const parsed = schema.safeParse(value, {
    error: (issue) => {
      const message = builtIn(issue, words);
      if (message !== undefined) mapped.add(where(issue.path, issue.code));
      return message;
    },
  });
  if (parsed.success) return undefined;
  const backend = issueFieldTexts(parsed.error);
  // Of a value with the wrong type, only that is said (as fieldMessages does).
  const mistyped = new Set(
    parsed.error.issues.filter((i) => i.code === 'invalid_type').map((i) => where(i.path, '')),
  );
  const messages: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    if (issue.code !== 'invalid_type' && mistyped.has(where(issue.path, ''))) continue;
    const path = issue.path.map((segment) => echoInput(String(segment))).join('.') || 'configuration';
    const own = words.own?.[path]?.[issue.code];
    messages[path] ??=
      (typeof own === 'function' ? own(issue) : own) ??
      (mapped.has(where(issue.path, issue.code))
        ? issue.message
        : backend[path] && render(words.t, [backend[path]])) ??
      issue.message;
  }
  return messages;
}
