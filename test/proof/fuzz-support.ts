import fc from 'fast-check';
import type { JiraSite } from '../emulator';
import type { KvsSnapshot } from '../harness';
import { endpointTable } from '../../src/permissions/endpoints';

/** Hostile inputs each entry point must refuse (issue #10); inputs it accepts run on top of these. */
export const RUNS = 1_000;

/**
 * Counts a run towards RUNS only when the entry point refused its input. The property has checked the run (an
 * accepted input too) before it calls this: fast-check skips the run, so an accepted input is tested but not counted.
 */
export function countRefusedOnly(refused: boolean): void {
  fc.pre(refused);
}

/** Reads Jira takes as POST (JQL search, expression analysis): the endpoint table knows them by their scopes. */
const READ_ONLY_POSTS: ReadonlySet<string> = new Set(
  endpointTable
    .filter((row) => row.method !== 'GET' && row.classicScopes.every((scope) => scope.startsWith('read:')))
    .map((row) => row.operationId),
);

/** Jira calls since `since` that change something on the site. */
export const jiraWrites = (site: JiraSite, since = 0): string[] =>
  site.calls
    .slice(since)
    .filter((call) => call.method !== 'GET' && !READ_ONLY_POSTS.has(call.operationId ?? ''))
    .map((call) => `${call.method} ${call.pathTemplate ?? call.path}`);

const EMPTY: KvsSnapshot = { kvs: {}, secrets: {}, entities: {} };
const isAudit = (key: string) => key.startsWith('audit');

/** Storage keys (KVS and secrets) added, changed or removed between two snapshots, other than the audit log's. */
export function storageChanges(before: KvsSnapshot | undefined, after: KvsSnapshot): string[] {
  const old = before ?? EMPTY;
  const changed = (area: 'kvs' | 'secrets') => {
    const keys = new Set([...Object.keys(old[area]), ...Object.keys(after[area])]);
    return [...keys].filter(
      (key) => !isAudit(key) && JSON.stringify(old[area][key]) !== JSON.stringify(after[area][key]),
    );
  };
  return [...changed('kvs'), ...changed('secrets').map((key) => `secret ${key}`)];
}

/** What gives away a crash or a developer's message: stack traces, error class names, raw JSON or Zod output. */
const CRASH_MARKERS: readonly RegExp[] = [
  /\bundefined\b/,
  /\bNaN\b/,
  /\[object \w+\]/,
  /\b(TypeError|ReferenceError|RangeError|SyntaxError)\b/,
  /Cannot read propert/,
  /\n\s+at /,
  /^\s*[[{]/,
  /"code"\s*:/,
  /\bZod/,
  /\bnonoptional\b/,
  /expected \w+, received/,
];

/** Why a message is not one a person can act on (empty, or a crash in disguise), or undefined when it is. */
export function unreadable(message: unknown): string | undefined {
  if (typeof message !== 'string') return `not a string: ${String(message)}`;
  if (message.trim().length < 15) return 'too short to say anything';
  const marker = CRASH_MARKERS.find((pattern) => pattern.test(message));
  return marker ? `reads like a crash or a raw dump (${String(marker)})` : undefined;
}

const MAX_REFUSAL_LENGTH = 1_500;

/**
 * Why the message answering a refused input is not clear, or undefined when it is: besides being readable, it is
 * short, and whatever it repeats from the input carries no control or direction-changing characters.
 */
export function unclearRefusal(message: unknown): string | undefined {
  const problem = unreadable(message);
  if (problem) return problem;
  const text = message as string;
  if (text.length > MAX_REFUSAL_LENGTH) return `${text.length} characters long`;
  if (/[\p{Cc}\p{Cf}]/u.test(text)) return 'carries control or formatting characters';
  return undefined;
}

/** Asserts a message, showing it when the assertion fails. */
export function expectMessage(message: unknown, check: (message: unknown) => string | undefined): void {
  expect({ message, problem: check(message) }).toEqual({ message, problem: undefined });
}
