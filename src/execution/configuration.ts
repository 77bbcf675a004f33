import type { z } from 'zod';
import { unsafeInput } from './input-safety';

/**
 * Jira hands a rule the string its configuration screen returned from `workflowRules.onConfigure`; depending on
 * the editor it arrives as that JSON string, as `{ value: string }`, or already parsed. All three are read here,
 * then checked against the rule's schema, so a rule never sees unvalidated configuration.
 */
export function readConfiguration<T>(
  schema: z.ZodType<T>,
  raw: unknown,
  /** Values for fields the configuration leaves out (project defaults); the configuration's own values win. */
  defaults: Record<string, unknown> = {},
): { ok: true; value: T } | { ok: false; message: string } {
  let candidate: unknown = raw;
  // Jira keeps at most 32 KB of configuration: longer text is refused as delivered, before it is parsed (its parsed
  // strings may each be shorter, escapes taken out).
  const text =
    typeof raw === 'string'
      ? raw
      : typeof (raw as { value?: unknown } | null)?.value === 'string'
        ? (raw as { value: string }).value
        : undefined;
  const tooLong = text === undefined ? undefined : unsafeInput(text);
  if (tooLong) {
    return {
      ok: false,
      message: `The rule configuration is invalid: ${tooLong.replace('the input', 'it')}. Edit the rule in the workflow editor and save it again.`,
    };
  }
  try {
    if (typeof raw === 'string') candidate = JSON.parse(raw);
    else if (
      raw &&
      typeof raw === 'object' &&
      Object.keys(raw).length === 1 &&
      typeof (raw as { value?: unknown }).value === 'string'
    ) {
      candidate = JSON.parse((raw as { value: string }).value);
    }
  } catch {
    return {
      ok: false,
      message:
        'The rule configuration is not valid JSON. Edit the rule in the workflow editor and save it again.',
    };
  }
  const unsafe = unsafeInput(candidate);
  if (unsafe) {
    return {
      ok: false,
      message: `The rule configuration is invalid: ${unsafe.replace('the input', 'it')}. Edit the rule in the workflow editor and save it again.`,
    };
  }
  const isObject = candidate !== null && typeof candidate === 'object' && !Array.isArray(candidate);
  const parsed = schema.safeParse(isObject ? { ...defaults, ...(candidate as object) } : candidate);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    message: `The rule configuration is invalid: ${describeIssues(parsed.error)}. Edit the rule in the workflow editor and save it again.`,
  };
}

const MAX_ISSUES = 5;
const MAX_ECHO = 40;

/**
 * Text taken from the input (an unknown key, a path segment, a message that quotes the input) as it may appear in a
 * message: control characters become spaces, formatting characters (right-to-left overrides that would reorder the
 * message on screen, zero-width ones) go, and it is cut to `max` characters, so a hostile 40,000-character key
 * cannot become the message.
 */
export function echoInput(text: string, max = MAX_ECHO): string {
  const clean = [...text.replace(/[\p{Cc}\u2028\u2029]/gu, ' ').replace(/\p{Cf}/gu, '')];
  return clean.length > max ? `${clean.slice(0, max).join('')}…` : clean.join('');
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  record: 'an object',
  null: 'null',
};
const typeName = (expected: unknown): string =>
  TYPE_NAMES[String(expected)] ?? `of type ${echoInput(String(expected))}`;

const oneOf = (names: string[]): string =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;

type Issue = z.core.$ZodIssue;

/**
 * Zod's own wording where it speaks about the input rather than the rule ("expected string, received undefined",
 * "expected nonoptional", "Invalid input" for a union, the received type read from the value's own `constructor`),
 * said for people. Messages the schemas set themselves (refinements, formats, enums) are kept.
 */
function phrase(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'nonoptional' || /received undefined$/.test(issue.message)
        ? 'is required'
        : `must be ${typeName(issue.expected)}`;
    case 'unrecognized_keys': {
      const shown = issue.keys.slice(0, MAX_ISSUES).map((key) => `"${echoInput(key)}"`);
      const more = issue.keys.length - shown.length;
      return `Unrecognized key${issue.keys.length === 1 ? '' : 's'}: ${shown.join(', ')}${more ? ` and ${more} more` : ''}`;
    }
    case 'invalid_union': {
      // A plain union of types (a discriminated union names its discriminator and options itself).
      if (issue.discriminator !== undefined || issue.message !== 'Invalid input') break;
      const types = issue.errors.map((branch) =>
        branch.length === 1 && branch[0]?.code === 'invalid_type' && branch[0].path.length === 0
          ? typeName(branch[0].expected)
          : undefined,
      );
      return types.every((t) => t !== undefined)
        ? `must be ${oneOf([...new Set(types)])}`
        : 'matches none of the forms allowed here';
    }
    case 'too_small':
    case 'too_big': {
      if (!/^Too (small|big):/.test(issue.message)) break;
      const bound = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      const inclusive = issue.inclusive !== false;
      const limit =
        issue.code === 'too_small'
          ? inclusive
            ? 'at least'
            : 'more than'
          : inclusive
            ? 'at most'
            : 'less than';
      if (issue.origin === 'string')
        return issue.code === 'too_small' && bound === 1
          ? 'must not be empty'
          : `must be ${limit} ${bound} characters long`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `must have ${limit} ${bound} item${bound === 1 ? '' : 's'}`;
      return `must be ${limit} ${bound}`;
    }
    default:
      break;
  }
  return echoInput(issue.message, 300);
}

/**
 * Zod issues as one sentence naming each field, for people rather than developers: `root` names the whole value
 * when the issue is about it (a rule's `configuration`, a resolver's `payload`). Nothing from the input is repeated
 * but short, cleaned keys.
 */
export function describeIssues(error: z.ZodError, root = 'configuration'): string {
  // Of a value with the wrong type, only that is said (zod also checks a string's length against a list's limit).
  const where = (issue: Issue) => JSON.stringify(issue.path.map(String));
  const mistyped = new Set(error.issues.filter((issue) => issue.code === 'invalid_type').map(where));
  const issues = error.issues.filter((issue) => issue.code === 'invalid_type' || !mistyped.has(where(issue)));
  const described = issues.slice(0, MAX_ISSUES).map((issue) => {
    const path = issue.path.map((segment) => echoInput(String(segment)) || '""').join('.');
    return `${path || root}: ${phrase(issue)}`;
  });
  const more = issues.length - described.length;
  return [...described, ...(more > 0 ? [`and ${more} more`] : [])].join('; ');
}

/** A phrase about a field ("is required", "must be a number") as a sentence said beside that field. */
function besideField(said: string): string {
  const sentence = /^(is|must|matches) /.test(said) ? `This field ${said}` : said;
  const capitalised = sentence.charAt(0).toUpperCase() + sentence.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

/**
 * The same issues as `describeIssues`, for a configuration screen: one plain sentence per field, keyed by the field's
 * path (`requirements.0.pattern`), so each is said beside its field rather than as a path in a banner. `root` keys
 * an issue about the whole value.
 */
export function fieldMessages(error: z.ZodError, root = 'configuration'): Record<string, string> {
  const where = (issue: Issue) => JSON.stringify(issue.path.map(String));
  const mistyped = new Set(error.issues.filter((issue) => issue.code === 'invalid_type').map(where));
  const messages: Record<string, string> = {};
  for (const issue of error.issues) {
    if (issue.code !== 'invalid_type' && mistyped.has(where(issue))) continue;
    const path = issue.path.map((segment) => echoInput(String(segment))).join('.') || root;
    messages[path] ??= besideField(phrase(issue));
  }
  return messages;
}
