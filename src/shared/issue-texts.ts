import type { z } from 'zod';
import { text, type Text } from './text-format';

/**
 * zod's issues as texts for people, kept as data (src/shared/text-format.ts) so each reader gets them in their own
 * language: the backend says them in English (logs, `message`), a page in its viewer's language. Shared with the
 * Custom UI, so it imports nothing from the Forge runtime.
 */

const MAX_ISSUES = 5;
const MAX_ECHO = 40;

/**
 * Text taken from the input (an unknown key, a path segment, a message that quotes the input) as it may appear in a
 * message: control characters become spaces, formatting characters (right-to-left overrides that would reorder the
 * message on screen, zero-width ones) go, and it is cut to `max` characters, so a hostile 40,000-character key
 * cannot become the message.
 */
export function echoInput(input: string, max = MAX_ECHO): string {
  const clean = [...input.replace(/[\p{Cc}\u2028\u2029]/gu, ' ').replace(/\p{Cf}/gu, '')];
  return clean.length > max ? `${clean.slice(0, max).join('')}…` : clean.join('');
}

const TYPES: ReadonlySet<string> = new Set([
  'string',
  'number',
  'int',
  'boolean',
  'object',
  'array',
  'record',
  'null',
]);
const typeName = (expected: unknown): Text =>
  TYPES.has(String(expected))
    ? text(`rules.common.errors.types.${String(expected)}`)
    : text('rules.common.errors.types.other', { name: echoInput(String(expected)) });

/** One type, or several as "a, b or c". */
const oneOf = (names: Text[]): Text =>
  names.length <= 1
    ? (names[0] ?? { verbatim: '' })
    : text('errors.issues.or', { some: names.slice(0, -1), last: names[names.length - 1] as Text });

/**
 * Texts said one after the other ("a; b; c"), as nested pairs so that a language chooses its own separator and
 * conjunction; undefined for none.
 */
export function oneAfterAnother(
  parts: readonly Text[],
  /** The pair's key: `{first}; {rest}`, or `errors.and` for "a and b". */
  pair = 'errors.issues.then',
): Text | undefined {
  const last = parts[parts.length - 1];
  return last && parts.slice(0, -1).reduceRight<Text>((rest, first) => text(pair, { first, rest }), last);
}

/**
 * A refinement's own words as texts, given to zod as the issue's `params` (`ruleSays(…)`): `clause` follows the
 * field's path in a sentence naming several fields, `sentence` is said beside the field. The issue's `message` stays
 * the clause in English.
 */
export interface RuleSays {
  clause: Text;
  sentence: Text;
}
export const ruleSays = (said: RuleSays): { said: RuleSays } => ({ said });

const isText = (value: unknown): value is Text =>
  typeof value === 'object' && value !== null && ('key' in value || 'verbatim' in value);
const saidBy = (issue: Issue): RuleSays | undefined => {
  const said =
    issue.code === 'custom' ? (issue.params as { said?: Partial<RuleSays> } | undefined)?.said : undefined;
  return said && isText(said.clause) && isText(said.sentence)
    ? { clause: said.clause, sentence: said.sentence }
    : undefined;
};

type Issue = z.core.$ZodIssue;
type Limit = 'atLeast' | 'atMost' | 'moreThan' | 'lessThan';

/** What an issue says about its field, before it is worded for a banner or beside the field. */
type Said =
  | { kind: 'required' | 'noForm' | 'notEmpty' }
  | { kind: 'mustBe'; type: Text }
  | { kind: 'unknownKeys'; keys: string; count: number; more: number }
  | { kind: 'length' | 'items' | 'number'; limit: Limit; n: number }
  /** A refinement that gave its words as texts (`ruleSays`). */
  | { kind: 'rule'; said: RuleSays }
  /** A message the schema set itself (a refinement, a format, an enum): in its own words. */
  | { kind: 'other'; message: string };

/**
 * Zod's own wording where it speaks about the input rather than the rule ("expected string, received undefined",
 * "expected nonoptional", "Invalid input" for a union, the received type read from the value's own `constructor`),
 * said for people. Messages the schemas set themselves (refinements, formats, enums) are kept.
 */
function phrase(issue: Issue): Said {
  const said = saidBy(issue);
  if (said) return { kind: 'rule', said };
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'nonoptional' || /received undefined$/.test(issue.message)
        ? { kind: 'required' }
        : { kind: 'mustBe', type: typeName(issue.expected) };
    case 'unrecognized_keys': {
      const shown = issue.keys.slice(0, MAX_ISSUES).map((key) => `"${echoInput(key)}"`);
      return {
        kind: 'unknownKeys',
        keys: shown.join(', '),
        count: issue.keys.length,
        more: issue.keys.length - shown.length,
      };
    }
    case 'invalid_union': {
      // A plain union of types (a discriminated union names its discriminator and options itself).
      if (issue.discriminator !== undefined || issue.message !== 'Invalid input') break;
      // An object and a record are both "an object": said once.
      const types = issue.errors.map((branch) =>
        branch.length === 1 && branch[0]?.code === 'invalid_type' && branch[0].path.length === 0
          ? String(branch[0].expected).replace(/^record$/, 'object')
          : undefined,
      );
      return types.every((t) => t !== undefined)
        ? { kind: 'mustBe', type: oneOf([...new Set(types)].map(typeName)) }
        : { kind: 'noForm' };
    }
    case 'too_small':
    case 'too_big': {
      if (!/^Too (small|big):/.test(issue.message)) break;
      const small = issue.code === 'too_small';
      const n = Number(small ? issue.minimum : issue.maximum);
      const inclusive = issue.inclusive !== false;
      const limit: Limit = small ? (inclusive ? 'atLeast' : 'moreThan') : inclusive ? 'atMost' : 'lessThan';
      if (issue.origin === 'string')
        return small && n === 1 ? { kind: 'notEmpty' } : { kind: 'length', limit, n };
      if (issue.origin === 'array' || issue.origin === 'set') return { kind: 'items', limit, n };
      return { kind: 'number', limit, n };
    }
    default:
      break;
  }
  return { kind: 'other', message: echoInput(issue.message, 300) };
}

/** An issue after a field's path, in a sentence that names several fields ("priority: is required"). */
function afterPath(path: string, said: Said): Text {
  switch (said.kind) {
    case 'required':
    case 'noForm':
    case 'notEmpty':
      return text(`errors.issues.${said.kind}`, { path });
    case 'mustBe':
      return text('errors.issues.mustBe', { path, type: said.type });
    case 'unknownKeys':
      return said.more > 0
        ? text('errors.issues.unknownKeysMore', { path, keys: said.keys, more: said.more })
        : text('errors.issues.unknownKeys', { path, keys: said.keys, count: said.count });
    case 'length':
      return text('errors.issues.length', {
        path,
        limit: text(`errors.issues.limit.${said.limit}`),
        n: said.n,
      });
    case 'items':
      return text('errors.issues.items', {
        path,
        limit: text(`errors.issues.limit.${said.limit}`),
        count: said.n,
      });
    case 'number':
      return text(`errors.issues.number.${said.limit}`, { path, n: said.n });
    case 'rule':
      return text('errors.issues.other', { path, message: said.said.clause });
    case 'other':
      return text('errors.issues.other', { path, message: said.message });
  }
}

/** A schema's own message as a sentence said beside its field ("must match…" becomes "This field must match…."). */
function besideFieldVerbatim(said: string): string {
  const sentence = /^(is|must|matches) /.test(said) ? `This field ${said}` : said;
  const capitalised = sentence.charAt(0).toUpperCase() + sentence.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

/** An issue as one sentence beside its field ("This field is required."), in the configuration screens' words. */
function besideField(said: Said): Text {
  switch (said.kind) {
    case 'required':
    case 'noForm':
    case 'notEmpty':
      return text(`rules.common.errors.${said.kind}`);
    case 'mustBe':
      return text('rules.common.errors.mustBe', { type: said.type });
    case 'unknownKeys':
      return said.more > 0
        ? text('rules.common.errors.unknownKeysMore', { keys: said.keys, more: said.more })
        : text('rules.common.errors.unknownKeys', { keys: said.keys, count: said.count });
    case 'length':
    case 'items': {
      const unit = said.kind === 'length' ? 'Length' : 'Items';
      // The screens' words have inclusive bounds only; a strict one has its own.
      return said.limit === 'atLeast' || said.limit === 'atMost'
        ? text(`rules.common.errors.${said.limit === 'atLeast' ? 'min' : 'max'}${unit}`, {
            count: said.n,
            n: said.n,
          })
        : text(
            `errors.field.${said.kind}.${said.limit}`,
            said.kind === 'items' ? { count: said.n, n: said.n } : { n: said.n },
          );
    }
    case 'number':
      return text(`rules.common.errors.${said.limit}`, { n: said.n });
    case 'rule':
      return said.said.sentence;
    case 'other':
      return { verbatim: besideFieldVerbatim(said.message) };
  }
}

const pathOf = (issue: Issue) => issue.path.map((segment) => echoInput(String(segment)));

/** Of a value with the wrong type, only that is said (zod also checks a string's length against a list's limit). */
export function worthSaying(issues: readonly Issue[]): Issue[] {
  const where = (issue: Issue) => JSON.stringify(issue.path.map(String));
  const mistyped = new Set(issues.filter((issue) => issue.code === 'invalid_type').map(where));
  return issues.filter((issue) => issue.code === 'invalid_type' || !mistyped.has(where(issue)));
}

/**
 * Zod issues as one sentence naming each field ("a: is required; b: must be a number"), for people rather than
 * developers: `root` names the whole value when the issue is about it (a rule's `configuration`, a resolver's
 * `payload`). Nothing from the input is repeated but short, cleaned keys.
 */
export function issuesText(error: z.ZodError, root = 'configuration'): Text {
  const issues = worthSaying(error.issues);
  const said = issues.slice(0, MAX_ISSUES).map((issue) => {
    const path = pathOf(issue)
      .map((segment) => segment || '""')
      .join('.');
    return afterPath(path || root, phrase(issue));
  });
  const more = issues.length - said.length;
  const parts = [...said, ...(more > 0 ? [text('errors.issues.more', { count: more })] : [])];
  return oneAfterAnother(parts) ?? { verbatim: root };
}

/**
 * The same issues for a configuration screen: one plain sentence per field, keyed by the field's path
 * (`requirements.0.pattern`), so each is said beside its field rather than as a path in a banner. `root` keys an
 * issue about the whole value.
 */
export function issueFieldTexts(error: z.ZodError, root = 'configuration'): Record<string, Text> {
  const texts: Record<string, Text> = {};
  for (const issue of worthSaying(error.issues))
    texts[pathOf(issue).join('.') || root] ??= besideField(phrase(issue));
  return texts;
}
