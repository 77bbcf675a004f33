import fc from 'fast-check';
import type { JiraSite } from '../emulator';
import type { KvsSnapshot } from '../harness';
import { endpointTable } from '../../src/permissions/endpoints';

/** Hostile inputs each entry point must refuse (issue #10); inputs it accepts run on top of these. */
export const RUNS = 1_000;

/** Fixed so that a failing run can be replayed (FUZZ_SEED overrides it); every fuzz run prints it. */
export const SEED = Number(process.env.FUZZ_SEED ?? 20_261_130);

/** Prints the seed of a fuzz suite, so that its run can be replayed. */
export function announceSeed(suite: string): void {
  process.stdout.write(`${suite}: fast-check seed ${SEED} (FUZZ_SEED=${SEED} replays it)\n`);
}

/** What the platform delivers: JSON text parsed again, as Forge hands a function its payload (never a live object). */
export function throughJson(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text === undefined ? null : (JSON.parse(text) as unknown);
}

/** Keys that reach an object's prototype when copied by assignment. */
const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
/** C0 and C1 controls and DEL; tab, line feed and carriage return are ordinary in multi-line text. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/**
 * The most configuration Jira keeps: "maximum length of configuration saved via the new editor is limited to
 * 32KB" (https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-workflow-post-function/),
 * so no string Jira delivers in one can be longer.
 */
const MAX_DELIVERABLE_BYTES = 32 * 1024;

/**
 * Why an input must be refused whatever the app's schemas say (an oracle of the test's own), or undefined: a
 * prototype key at any depth, a control character in any key or string, or a string longer than any configuration
 * Jira keeps (the field values of a transition screen excepted: only their keys count). A configuration delivered
 * as JSON text (or `{ value: <JSON text> }`) is read inside too.
 */
export function mustBeRefused(input: unknown): string | undefined {
  const seen: string[] = [];
  const walk = (value: unknown, path: string): void => {
    if (seen.length) return;
    if (typeof value === 'string') {
      // Field values people typed on the transition screen are the rules' to judge.
      if (path.startsWith('input.transition.modifiedFields.')) return;
      if (CONTROL.test(value)) seen.push(`a control character at ${path}`);
      else if (Buffer.byteLength(value) > MAX_DELIVERABLE_BYTES) seen.push(`an oversized string at ${path}`);
      else if (/^\s*[[{]/.test(value)) {
        try {
          walk(JSON.parse(value), `${path} (JSON)`);
        } catch {
          // Not JSON: an ordinary string.
        }
      }
      return;
    }
    if (value === null || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value)) {
      if (PROTOTYPE_KEYS.has(key)) seen.push(`the prototype key "${key}" at ${path}`);
      else if (CONTROL.test(key)) seen.push(`a control character in a key at ${path}`);
      else walk(child, `${path}.${key}`);
    }
  };
  walk(input, 'input');
  return seen[0];
}

/** The issues a rule may write to for an event on `issueKey`: the issue itself, or (`related`) its relatives too. */
export function writableIssues(site: JiraSite, issueKey: string, related: boolean): Set<string> {
  const own = site.findIssue(issueKey);
  if (!own) return new Set([issueKey]);
  const keys = new Set([issueKey, own.key]);
  if (!related) return keys;
  if (own.parentKey !== undefined) keys.add(own.parentKey);
  for (const issue of site.issues.values()) {
    if (issue.parentKey === own.key) keys.add(issue.key);
  }
  for (const link of site.links) {
    if (link.inwardKey === own.key) keys.add(link.outwardKey);
    if (link.outwardKey === own.key) keys.add(link.inwardKey);
  }
  return keys;
}

/** What issuesWritten says of an issue created, and of a link made (see linksMade for where links may go). */
export const NEW_ISSUE = 'a new issue';
export const NEW_LINK = 'a link';

/** The links made since the site held `before` links, as "outward -> inward" keys. */
export const linksMade = (site: JiraSite, before: number): Array<[string, string]> =>
  site.links.slice(before).map((link) => [link.outwardKey, link.inwardKey]);

/** The issues Jira calls since `since` changed, by key (paths may name an issue by key or by id). */
export function issuesWritten(site: JiraSite, since = 0): string[] {
  return site.calls
    .slice(since)
    .filter((call) => call.method !== 'GET' && !READ_ONLY_POSTS.has(call.operationId ?? ''))
    .map((call) => {
      // Writes that change no existing issue's own record: a new issue, or a link (its ends are checked apart).
      if (call.operationId === 'createIssue') return NEW_ISSUE;
      if (call.operationId === 'linkIssues') return NEW_LINK;
      const ref = /^\/rest\/api\/3\/issue\/([^/?]+)/.exec(call.path)?.[1];
      if (ref === undefined) return `not an issue: ${call.method} ${call.pathTemplate ?? call.path}`;
      const named = decodeURIComponent(ref);
      return site.findIssue(named)?.key ?? named;
    });
}

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
/**
 * The audit log's keys, and the record of what the platform sent that an environment's first execution of a module
 * kind writes whatever its input (src/execution/platform-shape.ts): neither is a change the input made.
 */
const isAudit = (key: string) => key.startsWith('audit') || key.startsWith('platform-shape:');

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
