import type { Actor } from '../access/actor';
import type { FailureCode } from '../access/failures';
import type { CallRecord } from '../access/jira-client';

export type AuditModule = 'validator' | 'post-function' | 'admin-page' | 'project-settings';

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
  issueKey?: string;
  /** Who triggered it: the transitioning user or the admin. */
  triggeredBy?: string;
  /** Who the app acted as; 'fallback' marks an act-as-app fallback from a user. */
  actor: Actor | { kind: 'none' };
  fallback?: boolean;
  calls: Omit<CallRecord, 'feature'>[];
  scopesUsed: string[];
  outcome: AuditOutcome;
  /** A short account of what happened, e.g. "Comment 10023 added". */
  summary: string;
  /** EXPRESSION_FAILED: Jira could not evaluate a rule's expression (src/triggers/expression-failed.ts). */
  error?: { code: FailureCode | 'INTERNAL' | 'EXPRESSION_FAILED'; message: string };
}

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at' | 'scopesUsed' | 'calls'> & {
  calls: readonly CallRecord[];
};
