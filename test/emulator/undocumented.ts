/**
 * The process-wide record of requests that used what the Jira OpenAPI description does not define for the
 * operation: a path no operation matches, a deprecated operation, a query parameter, an `expand` value, an enum
 * value or a request-body property it does not define, or a body that breaks the request schema.
 *
 * The record lives on globalThis (not in this module's state), so every copy of this module in a test file (for
 * example after jest.resetModules or isolateModules) writes to the same list, and `run-check.ts` fails the test
 * (afterEach) or the file (afterAll) that left anything in it. A test that makes such a call on purpose takes
 * exactly that use back with `takeUndocumentedUse`.
 */
export type UndocumentedKind =
  | 'unknown-operation'
  | 'deprecated-operation'
  | 'query-parameter'
  | 'query-value'
  | 'expand-value'
  | 'body-property'
  | 'read-only-property'
  | 'body-schema'
  /** Not the caller's doing: the emulator answered outside the spec. Recorded as well as thrown, so a caller that
   *  catches the error (the app retries failed calls) cannot hide it. */
  | 'emulator-bug';

export interface UndocumentedUse {
  kind: UndocumentedKind;
  method: string;
  path: string;
  operationId?: string;
  /** The parameter, property path (`/fields/summary`) or expand value concerned. */
  name?: string;
  /** What the spec defines instead, said for a person fixing the call. */
  detail: string;
}

export interface UseMatch {
  kind?: UndocumentedKind;
  operationId?: string;
  name?: string;
}

const KEY = Symbol.for('workflow-guard.jira-emulator.undocumented-use');
type Global = typeof globalThis & { [KEY]?: UndocumentedUse[] };

function registry(): UndocumentedUse[] {
  const g = globalThis as Global;
  g[KEY] ??= [];
  return g[KEY];
}

export function recordUndocumentedUse(use: UndocumentedUse): void {
  registry().push(use);
  // Outside jest (npm start, the bench) nothing fails a run: say it where the person running it looks.
  if (process.env.JEST_WORKER_ID === undefined)
    console.warn(`Jira emulator: undocumented use of the Jira REST API: ${describeUse(use)}`);
}

/** Everything recorded and not taken back yet. */
export function undocumentedUses(): readonly UndocumentedUse[] {
  return [...registry()];
}

/** Empties the record and returns what was in it (the run check uses this to report each use once). */
export function drainUndocumentedUses(): UndocumentedUse[] {
  return registry().splice(0);
}

/**
 * For tests that make an undocumented call on purpose: removes exactly one recorded use matching `match` and
 * returns it. Throws when none matches, so the opt-out cannot outlive the call it was written for.
 */
export function takeUndocumentedUse(match: UseMatch): UndocumentedUse {
  const list = registry();
  const index = list.findIndex(
    (u) =>
      (match.kind === undefined || u.kind === match.kind) &&
      (match.operationId === undefined || u.operationId === match.operationId) &&
      (match.name === undefined || u.name === match.name),
  );
  const use = list[index];
  if (!use) {
    throw new Error(
      `No undocumented Jira use matching ${JSON.stringify(match)} was recorded. Recorded: ${describeUses(list) || 'none'}`,
    );
  }
  list.splice(index, 1);
  return use;
}

export function describeUse(use: UndocumentedUse): string {
  return `${use.method} ${use.path}${use.operationId ? ` (${use.operationId})` : ''}: ${use.detail}`;
}

export function describeUses(uses: readonly UndocumentedUse[]): string {
  return uses.map((u) => `\n  - ${describeUse(u)}`).join('');
}
