import type { Actor } from '../access/actor';
import type { FailureCode } from '../access/failures';
import type { CallRecord } from '../access/jira-client';

export type AuditModule =
  | 'validator'
  /** A condition Jira could not evaluate (src/triggers/expression-failed.ts); conditions otherwise run in Jira. */
  | 'condition'
  | 'post-function'
  | 'admin-page'
  | 'project-settings'
  /** A problem the health check found (src/health). */
  | 'health-check'
  /** The app installed or upgraded on the site (src/triggers/lifecycle.ts). */
  | 'lifecycle';

/** Decisions and results, as an admin filters them. */
export type AuditOutcome =
  | 'allowed' // validator let the transition through
  | 'blocked' // validator stopped the transition
  | 'applied' // post-function effect made
  | 'skipped' // nothing to do: rule off, duplicate delivery, condition not met
  | 'retrying' // handed to the platform's retry
  | 'failed' // could not do what was configured
  | 'changed'; // an admin or project admin changed settings or secrets

/** One execution or admin action. Built only from the fields below: never a header, token, secret or body. */
export interface AuditEntry {
  id: string;
  at: string; // ISO time
  module: AuditModule;
  rule: string;
  projectKey?: string;
  /** Other projects whose issues the execution changed or was refused in: their activity lists the entry too. */
  otherProjectKeys?: string[];
  /** The project's id: what its index is keyed by, since a Jira admin may rename the key. */
  projectId?: string;
  issueKey?: string;
  /** Who triggered it: the transitioning user or the admin. */
  triggeredBy?: string;
  /** Who the app acted as; 'fallback' marks an act-as-app fallback from a user. */
  actor: Actor | { kind: 'none' };
  fallback?: boolean;
  /**
   * For a post-function acting as the user in a field: the field's name (why that user) and the account in it
   * (absent when it was empty). With `fallback`, the app acted instead of that user.
   */
  actingFor?: { field: string; accountId?: string };
  /** Calls aggregated per endpoint, actor and answer, in the order first made. */
  calls: AuditCall[];
  /** Calls beyond the last aggregated group, counted but not listed (an entry has a bounded size). */
  callsLeftOut?: number;
  scopesUsed: string[];
  outcome: AuditOutcome;
  /** A short account of what happened, e.g. "Comment 10023 added". */
  summary: string;
  /**
   * EXPRESSION_FAILED: Jira could not evaluate a rule's expression (src/triggers/expression-failed.ts).
   * HEALTH_PROBLEM: the health check found something a rule references broken (src/health).
   */
  error?: {
    code: FailureCode | 'INTERNAL' | 'EXPRESSION_FAILED' | 'HEALTH_PROBLEM';
    message: string;
    /**
     * What a third-party service said, cut short, with every known secret redacted in every encoding. For the Jira
     * admin's audit log only: users and project admins read the classified `message`.
     */
    serviceExcerpt?: string;
  };
}

/** Identical calls as one record: `count` of them (when more than one), with their attempts and time summed. */
export type AuditCall = Omit<CallRecord, 'feature'> & { count?: number };

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at' | 'scopesUsed' | 'calls'> & {
  calls: readonly CallRecord[];
};

/**
 * Bounds that keep an entry far below the KVS value limit of 240 KiB
 * (https://developer.atlassian.com/platform/forge/limits-kvs-ce/) whatever an execution did: an execution that
 * makes thousands of calls to a handful of endpoints stays a handful of call records.
 */
export const ENTRY_LIMITS = {
  callGroups: 100,
  summaryChars: 2_000,
  messageChars: 2_000,
  excerptChars: 200,
  /** A reduced entry, written when the full one could not be. */
  reducedSummaryChars: 500,
} as const;

/** `text` cut to `max` characters, saying how much was cut. */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  const note = ` … (${text.length - max} more characters left out)`;
  return `${text.slice(0, Math.max(0, max - note.length))}${note}`;
}

/** Calls as the entry keeps them: one record per endpoint, actor and answer, at most `ENTRY_LIMITS.callGroups`. */
export function aggregateCalls(calls: readonly CallRecord[]): { calls: AuditCall[]; leftOut: number } {
  const groups = new Map<string, AuditCall>();
  let leftOut = 0;
  for (const { method, pathTemplate, status, attempts, durationMs, scopes, actor, failure } of calls) {
    const key = JSON.stringify([actor, method, pathTemplate, status, failure ?? null, scopes]);
    const group = groups.get(key);
    if (group) {
      group.count = (group.count ?? 1) + 1;
      group.attempts += attempts;
      group.durationMs += durationMs;
    } else if (groups.size < ENTRY_LIMITS.callGroups) {
      groups.set(key, {
        method,
        pathTemplate,
        status,
        attempts,
        durationMs,
        scopes,
        actor,
        ...(failure ? { failure } : {}),
      });
    } else {
      leftOut += 1;
    }
  }
  return { calls: [...groups.values()], leftOut };
}

/** How a reduced entry's summary says so (stored as written: pages find it by this and word it for their reader). */
const REDUCED_NOTE = ' [Reduced entry: the full one could not be saved (';
export const isReducedEntry = (entry: AuditEntry): boolean => entry.summary.includes(REDUCED_NOTE);

/**
 * What is written when the full entry could not be: who, what, the outcome and a short summary, without the call
 * records, saying why. Small enough that only a storage outage can stop it.
 */
export function reducedEntry(entry: AuditEntry, why: string): AuditEntry {
  return {
    ...entry,
    calls: [],
    callsLeftOut: entry.calls.reduce((sum, call) => sum + (call.count ?? 1), 0) + (entry.callsLeftOut ?? 0),
    summary: `${capText(entry.summary, ENTRY_LIMITS.reducedSummaryChars)}${REDUCED_NOTE}${capText(why, 200)}).]`,
    ...(entry.error
      ? {
          error: {
            code: entry.error.code,
            message: capText(entry.error.message, ENTRY_LIMITS.reducedSummaryChars),
          },
        }
      : {}),
  };
}
