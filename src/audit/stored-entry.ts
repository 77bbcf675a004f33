import type { Actor } from '../access/actor';
import { endpointTable } from '../permissions/endpoints';
import type { AuditCall, AuditEntry, AuditModule, AuditOutcome } from './entry';

/**
 * Audit entries as stored. Version 1 (before project ids) had no `schemaVersion`; version 2 added it and the
 * project id; both are the entry's own field names, stored whole in every index. Version 3 is compact, because
 * Forge bills every byte written (https://developer.atlassian.com/platform/forge/forge-platform-pricing/): the
 * entry is stored once, under the log's own index, with one-letter field names, codes for the module, outcome and
 * actor, Jira endpoints by a short code, and its time and id only in its key; the other indexes hold only
 * a pointer (`0`) to it. Every version is read. An entry written by a newer version than this one is skipped
 * rather than shown half-understood; the fields every version wrote are checked, the rest are taken as they are.
 */
export const STORED_ENTRY_VERSION = 3;

/** How much of a successful execution is kept: failures are always kept in full. */
export type SuccessDetail = 'full' | 'summary';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const MODULES: Record<AuditModule, string> = {
  validator: 'v',
  condition: 'c',
  'post-function': 'p',
  'admin-page': 'a',
  'project-settings': 's',
  'health-check': 'h',
  lifecycle: 'l',
};
const OUTCOMES: Record<AuditOutcome, string> = {
  allowed: 'al',
  blocked: 'bl',
  applied: 'ap',
  skipped: 'sk',
  retrying: 're',
  failed: 'fa',
  changed: 'ch',
};
const decoder = <T extends string>(codes: Record<T, string>) =>
  new Map(Object.entries(codes).map(([name, code]) => [code as string, name as T]));
const MODULE_OF = decoder(MODULES);
const OUTCOME_OF = decoder(OUTCOMES);

/** FNV-1a: a short stable code for an endpoint ("METHOD template"), so a call record does not repeat its path. */
function endpointCode(method: string, pathTemplate: string): string {
  let hash = 0x811c9dc5;
  for (const char of `${method} ${pathTemplate}`) {
    hash ^= char.charCodeAt(0);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `#${hash.toString(36)}`;
}

/**
 * Every endpoint in the generated table, by code. A version that stops calling an endpoint must keep its row
 * readable here for the 90 days its entries live; a code no version knows reads as an unknown endpoint.
 */
const ENDPOINTS = new Map(
  endpointTable.map((row) => [endpointCode(row.method, row.pathTemplate), row] as const),
);
const scopesOf = (method: string, pathTemplate: string): string[] | undefined =>
  ENDPOINTS.get(endpointCode(method, pathTemplate))?.classicScopes;

type AnyActor = Actor | { kind: 'none' };

/** `n` nobody, `a` the app, `c` the current user, `t` the user who triggered it, `@<id>` another user. */
function actorCode(actor: AnyActor, triggeredBy: string | undefined): string {
  if (actor.kind === 'impersonated') return actor.accountId === triggeredBy ? 't' : `@${actor.accountId}`;
  return actor.kind === 'none' ? 'n' : actor.kind === 'app' ? 'a' : 'c';
}

function actorOf(code: unknown, triggeredBy: string | undefined): AnyActor | undefined {
  if (code === 'n') return { kind: 'none' };
  if (code === 'a') return { kind: 'app' };
  if (code === 'c') return { kind: 'user' };
  if (code === 't' && triggeredBy) return { kind: 'impersonated', accountId: triggeredBy };
  if (typeof code === 'string' && code.startsWith('@'))
    return { kind: 'impersonated', accountId: code.slice(1) };
  return undefined;
}

/** Successes worth keeping in full whatever the setting: anything that went wrong. */
export const alwaysInFull = (entry: AuditEntry): boolean =>
  entry.error !== undefined || entry.outcome === 'failed' || entry.outcome === 'retrying';

/**
 * A call as stored: [endpoint, status, attempts, ms], then only what differs from the usual: the count of
 * identical calls, the actor when it is not the entry's, the failure code, the scopes when the endpoint table
 * would not give them. The usual call (a known endpoint, answered at the first attempt, nothing else to say) is
 * one string, `"<endpoint code> <status> <ms>"`: five bytes fewer per call than the array, which is still read.
 */
function encodeCall(call: AuditCall, entry: AuditEntry): unknown {
  const known = scopesOf(call.method, call.pathTemplate);
  const extra: Record<string, unknown> = {
    ...(call.count ? { n: call.count } : {}),
    ...(actorCode(call.actor, entry.triggeredBy) !== actorCode(entry.actor, entry.triggeredBy)
      ? { a: actorCode(call.actor, entry.triggeredBy) }
      : {}),
    ...(call.failure ? { f: call.failure } : {}),
    ...(known && known.join() === call.scopes.join() ? {} : { s: call.scopes }),
  };
  const endpoint = known
    ? endpointCode(call.method, call.pathTemplate)
    : `${call.method} ${call.pathTemplate}`;
  if (known && call.attempts === 1 && Object.keys(extra).length === 0)
    return `${endpoint} ${call.status ?? ''} ${call.durationMs}`;
  const base = [endpoint, call.status, call.attempts, call.durationMs];
  return Object.keys(extra).length > 0 ? [...base, extra] : base;
}

/** The one-string form of the usual call as the array form: `[endpoint, status, 1, ms]`. */
function callParts(raw: unknown): unknown[] | undefined {
  if (Array.isArray(raw)) return raw as unknown[];
  const match = typeof raw === 'string' ? /^(#\S+) (\d*) (\d+(?:\.\d+)?)$/.exec(raw) : null;
  if (!match) return undefined;
  const [, endpoint, status, ms] = match;
  return [endpoint, status ? Number(status) : null, 1, Number(ms)];
}

function decodeCall(
  raw: unknown,
  entryActor: AnyActor,
  triggeredBy: string | undefined,
): AuditCall | undefined {
  const parts = callParts(raw);
  if (!parts || typeof parts[0] !== 'string') return undefined;
  const [endpoint, status, attempts, durationMs, extraRaw] = parts as [
    string,
    unknown,
    unknown,
    unknown,
    unknown,
  ];
  const extra = isRecord(extraRaw) ? extraRaw : {};
  const row = ENDPOINTS.get(endpoint);
  const split = endpoint.indexOf(' ');
  const [method, pathTemplate] = row
    ? [row.method, row.pathTemplate]
    : endpoint.startsWith('#')
      ? ['?', `an endpoint this version no longer calls (${endpoint})`]
      : [endpoint.slice(0, split), endpoint.slice(split + 1)];
  const actor = extra.a === undefined ? entryActor : actorOf(extra.a, triggeredBy);
  return {
    method,
    pathTemplate,
    status: typeof status === 'number' ? status : null,
    attempts: typeof attempts === 'number' ? attempts : 1,
    durationMs: typeof durationMs === 'number' ? durationMs : 0,
    scopes: Array.isArray(extra.s) ? (extra.s as string[]) : (row?.classicScopes ?? []),
    actor: actor && actor.kind !== 'none' ? actor : { kind: 'app' },
    ...(typeof extra.n === 'number' ? { count: extra.n } : {}),
    ...(typeof extra.f === 'string' ? { failure: extra.f as AuditCall['failure'] & string } : {}),
  };
}

/** The stored form (version 3) of an entry; without its calls when a success is kept as a summary. */
export function encodeEntry(entry: AuditEntry, detail: SuccessDetail): Record<string, unknown> {
  const full = detail === 'full' || alwaysInFull(entry);
  const calls = full ? entry.calls.map((call) => encodeCall(call, entry)) : [];
  const leftOut = full
    ? (entry.callsLeftOut ?? 0)
    : entry.calls.reduce((sum, call) => sum + (call.count ?? 1), entry.callsLeftOut ?? 0);
  return {
    v: STORED_ENTRY_VERSION,
    m: MODULES[entry.module],
    r: entry.rule,
    o: OUTCOMES[entry.outcome],
    s: entry.summary,
    // The project key is left out when the issue key already names it (`OPS-12` is in OPS).
    ...(entry.projectKey && entry.issueKey?.replace(/-\d+$/, '') !== entry.projectKey
      ? { p: entry.projectKey }
      : {}),
    ...(entry.projectId ? { q: entry.projectId } : {}),
    ...(entry.otherProjectKeys?.length ? { op: entry.otherProjectKeys } : {}),
    ...(entry.issueKey ? { i: entry.issueKey } : {}),
    ...(entry.triggeredBy ? { u: entry.triggeredBy } : {}),
    ...(entry.actor.kind === 'none' ? {} : { a: actorCode(entry.actor, entry.triggeredBy) }),
    ...(entry.fallback ? { f: 1 } : {}),
    // Added within version 3: an earlier version reading the entry ignores it.
    ...(entry.actingFor
      ? {
          af: entry.actingFor.accountId
            ? [entry.actingFor.field, entry.actingFor.accountId]
            : [entry.actingFor.field],
        }
      : {}),
    ...(calls.length > 0 ? { c: calls } : {}),
    ...(leftOut > 0 ? { x: leftOut } : {}),
    ...(entry.error
      ? {
          e: [
            entry.error.code,
            entry.error.message,
            ...(entry.error.serviceExcerpt ? [entry.error.serviceExcerpt] : []),
          ],
        }
      : {}),
  };
}

/**
 * The time a version-3 entry was written, from its key: `audit:all:<13 digits: 10^13 - ms><3 digits>:<id>`
 * (src/audit/audit-log.ts sorts the log newest first that way).
 */
function timeOfKey(key: string): number | undefined {
  const sort = /:(\d{16}):[^:]+$/.exec(key)?.[1];
  return sort === undefined ? undefined : 10 ** 13 - Number(sort.slice(0, 13));
}

function readCompact(raw: Record<string, unknown>, key: string): AuditEntry | undefined {
  const id = entryIdOfKey(key);
  const at = timeOfKey(key);
  const module = MODULE_OF.get(String(raw.m));
  const outcome = OUTCOME_OF.get(String(raw.o));
  const triggeredBy = typeof raw.u === 'string' ? raw.u : undefined;
  const actor = raw.a === undefined ? { kind: 'none' as const } : actorOf(raw.a, triggeredBy);
  if (!module || !outcome || !actor || at === undefined) return undefined;
  if (typeof raw.r !== 'string' || typeof raw.s !== 'string') return undefined;
  const calls = (Array.isArray(raw.c) ? raw.c : [])
    .map((call) => decodeCall(call, actor, triggeredBy))
    .filter((call): call is AuditCall => call !== undefined);
  const error = Array.isArray(raw.e) ? (raw.e as unknown[]) : undefined;
  return {
    id,
    at: new Date(at).toISOString(),
    module,
    rule: raw.r,
    ...(typeof raw.p === 'string'
      ? { projectKey: raw.p }
      : typeof raw.i === 'string'
        ? { projectKey: raw.i.replace(/-\d+$/, '') }
        : {}),
    ...(typeof raw.q === 'string' ? { projectId: raw.q } : {}),
    ...(Array.isArray(raw.op) ? { otherProjectKeys: raw.op as string[] } : {}),
    ...(typeof raw.i === 'string' ? { issueKey: raw.i } : {}),
    ...(triggeredBy ? { triggeredBy } : {}),
    actor,
    ...(raw.f === 1 ? { fallback: true } : {}),
    ...actingForOf(raw.af),
    calls,
    ...(typeof raw.x === 'number' ? { callsLeftOut: raw.x } : {}),
    scopesUsed: [...new Set(calls.flatMap((call) => call.scopes))].sort(),
    outcome,
    summary: raw.s,
    ...(error && typeof error[0] === 'string' && typeof error[1] === 'string'
      ? {
          error: {
            code: error[0] as NonNullable<AuditEntry['error']>['code'],
            message: error[1],
            ...(typeof error[2] === 'string' ? { serviceExcerpt: error[2] } : {}),
          },
        }
      : {}),
  };
}

/** `af`: [field name, account id?] of a post-function acting as the user in a field. */
function actingForOf(raw: unknown): Pick<AuditEntry, 'actingFor'> {
  if (!Array.isArray(raw) || typeof raw[0] !== 'string') return {};
  return { actingFor: { field: raw[0], ...(typeof raw[1] === 'string' ? { accountId: raw[1] } : {}) } };
}

/** The entry id a version-3 key ends with (`audit:all:<sort>:<id>`). */
export const entryIdOfKey = (key: string): string => key.slice(key.lastIndexOf(':') + 1);

/** An entry of any version, or undefined when it is not one (a pointer, or a newer version's). */
export function readStoredEntry(raw: unknown, key = ''): AuditEntry | undefined {
  if (!isRecord(raw)) return undefined;
  if (raw.v === STORED_ENTRY_VERSION) return readCompact(raw, key);
  if (raw.v !== undefined) return undefined;
  const version = raw.schemaVersion ?? 1;
  if (typeof version !== 'number' || version > 2) return undefined;
  const entry = { ...raw };
  delete entry.schemaVersion;
  const required = ['id', 'at', 'module', 'rule', 'outcome', 'summary'] as const;
  if (required.some((field) => typeof entry[field] !== 'string') || !isRecord(entry.actor)) return undefined;
  return {
    ...(entry as unknown as AuditEntry),
    calls: Array.isArray(entry.calls) ? (entry.calls as AuditEntry['calls']) : [],
    scopesUsed: Array.isArray(entry.scopesUsed) ? (entry.scopesUsed as string[]) : [],
  };
}
