import { z } from 'zod';
import { APP, CURRENT_USER, describeActor } from '../../access/actor';
import { forgeEntity, forgeStore } from '../../access/kv-store';
import { displayNames } from '../../access/people';
import type { AccessSession } from '../../access/session';
import { AUDIT_COUNTER_ENTITY } from '../../access/storage-keys';
import { AUDIT_LIMITS, AUDIT_RETENTION_DAYS, createAuditLog } from '../../audit/audit-log';
import type { AuditEntry } from '../../audit/entry';
import { readAuditCounters } from '../../audit/failure-counters';
import { knownKeys, projectOfKey } from '../../settings/project-identity';
import { ruleCatalog } from '../../rules/catalog';
import {
  AUDIT_ACTOR_KINDS,
  AUDIT_OUTCOMES,
  type AuditEntryView,
  type ExecutionsView,
} from '../../shared/admin-page';

/** The admin page's audit log: newest first, filtered and paged, with the failure counters on top. */
export const ExecutionsQuery = z.strictObject({
  projectKey: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]{0,19}$/, 'must be a Jira project key such as OPS')
    .optional(),
  rule: z
    .string()
    .regex(/^[a-z0-9-]{1,60}$/, 'must be a rule key such as comment')
    .optional(),
  outcome: z.enum(AUDIT_OUTCOMES).optional(),
  actorKind: z.enum(AUDIT_ACTOR_KINDS).optional(),
  cursor: z.string().min(1).max(2000).optional(),
  limit: z.number().int().min(1).max(50).default(20),
});
export type ExecutionsQuery = z.infer<typeof ExecutionsQuery>;

const auditLog = createAuditLog(forgeStore);

/** What each failure code means for the admin, and what to do about it. */
const EXPLANATIONS: Readonly<Record<string, string>> = {
  MISSING_SCOPE:
    'The installation lacks an OAuth scope this call needs. Approve the pending Workflow Guard update in Jira settings › Apps › Manage apps.',
  MISSING_PERMISSION:
    'Jira refused because the identity the app acted as lacks a Jira permission. Grant it in the project’s permission scheme (see "Identity and Jira permissions").',
  NEEDS_AUTHENTICATION:
    'The user has not allowed Workflow Guard to act for them yet. They open any Workflow Guard page once and allow access.',
  RATE_LIMITED:
    'Jira asked the app to slow down and the wait outlasted the time the invocation had. It usually clears by itself.',
  NOT_FOUND: 'The issue or project does not exist, or is hidden from the identity the app acted as.',
  INVALID_INPUT:
    'The rule’s configuration or the data Jira sent could not be used. Check the rule’s settings.',
  UPSTREAM_FAILURE: 'Jira or the service did not answer in time, even after retries. Try again later.',
  CONFLICT: 'Someone else saved the same settings first. Reload and apply the change again.',
  NOT_CONNECTED:
    'The user has not connected their account for this connection. They connect it in Personal settings › Workflow Guard connected accounts.',
  RECONNECT_REQUIRED: 'The connected account’s access expired or was revoked. The user connects it again.',
  EGRESS_NOT_ALLOWED:
    'Nothing was sent: the host is not approved for Workflow Guard on this site. Approve it under Secrets and connections (Forge asks you to confirm).',
  INTERNAL: 'Workflow Guard hit an unexpected error. The message below is what it reported.',
  EXPRESSION_FAILED:
    'Jira could not evaluate the rule’s Jira expression for this issue (its messages are above), so the rule counted as false. Check the expression in the rule’s configuration, for example for a field that can be empty.',
  HEALTH_PROBLEM:
    'The health check found something this rule needs broken or gone (the message says what, and how to fix it). The Health tab lists every open problem.',
};

export const explainCode = (code: string): string =>
  EXPLANATIONS[code] ?? 'Workflow Guard could not finish this step.';

const ruleTitle = (rule: string): string =>
  ruleCatalog.find((entry) => entry.key === rule)?.title ??
  ({ 'admin-page': 'Admin page', 'health-check': 'Health check', lifecycle: 'Installation' } as const)[
    rule
  ] ??
  rule;

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Who acted, as people read it: "As Rita Reporter (the user in Reporter)" when a post-function acts as the user in
 * a field (the account id becomes the name on the page), and for whom the app acted when it fell back.
 */
function actorText(entry: AuditEntry): string {
  const field = entry.actingFor;
  const inField = field
    ? field.accountId
      ? `${field.accountId} (the user in ${field.field})`
      : `the user in ${field.field} (it was empty)`
    : undefined;
  if (entry.actor.kind === 'none')
    return `Nobody (nothing was done in Jira)${inField ? `, acting for ${inField}` : ''}`;
  if (inField && entry.actor.kind === 'impersonated' && !entry.fallback) return `As ${inField}`;
  const base = capitalised(describeActor(entry.actor));
  if (!entry.fallback) return base;
  return `${base}, as a fallback for ${inField ?? 'the user'}`;
}

/** The people an entry's texts may name by account id: who triggered it and who the app acted as. */
export const peopleOf = (entry: AuditEntry): string[] => [
  ...(entry.triggeredBy ? [entry.triggeredBy] : []),
  ...(entry.actingFor?.accountId ? [entry.actingFor.accountId] : []),
  ...[entry.actor, ...entry.calls.map((call) => call.actor)].flatMap((actor) =>
    actor.kind === 'impersonated' ? [actor.accountId] : [],
  ),
];

/** "The user dev-dana" reads "The user Dana Developer": each known account id replaced by the display name. */
export const naming =
  (names: ReadonlyMap<string, string>) =>
  (text: string): string =>
    [...names].reduce((said, [accountId, name]) => said.split(accountId).join(name), text);

export function entryView(entry: AuditEntry, names: ReadonlyMap<string, string> = new Map()): AuditEntryView {
  const named = naming(names);
  return {
    id: entry.id,
    at: entry.at,
    module: entry.module,
    rule: entry.rule,
    ruleTitle: ruleTitle(entry.rule),
    ...(entry.projectKey ? { projectKey: entry.projectKey } : {}),
    ...(entry.issueKey ? { issueKey: entry.issueKey } : {}),
    ...(entry.triggeredBy ? { triggeredBy: entry.triggeredBy } : {}),
    actor: named(actorText(entry)),
    ...(entry.fallback ? { fallback: true } : {}),
    outcome: entry.outcome,
    summary: named(entry.summary),
    ...(entry.error
      ? {
          error: {
            code: entry.error.code,
            message: named(entry.error.message),
            explanation: explainCode(entry.error.code),
            ...(entry.error.serviceExcerpt ? { serviceExcerpt: entry.error.serviceExcerpt } : {}),
          },
        }
      : {}),
    calls: entry.calls.map((call) => ({
      ...(call.count ? { count: call.count } : {}),
      method: call.method,
      pathTemplate: call.pathTemplate,
      status: call.status,
      attempts: call.attempts,
      durationMs: call.durationMs,
      scopes: call.scopes,
      actor: named(capitalised(describeActor(call.actor))),
      ...(call.failure ? { failure: call.failure, explanation: explainCode(call.failure) } : {}),
    })),
    scopesUsed: entry.scopesUsed,
  };
}

/**
 * One page of the log and the counters. A project is named by key on the page but indexed by id: the key cache
 * answers, or Jira (as the admin) for a key not seen for a day.
 */
export async function readExecutions(
  query: ExecutionsQuery,
  now: number,
  session: AccessSession,
): Promise<ExecutionsView> {
  const { cursor, limit, projectKey, ...filter } = query;
  const project = projectKey
    ? await projectOfKey(forgeStore, session.jira(CURRENT_USER), projectKey, now)
    : undefined;
  const [page, counters] = await Promise.all([
    auditLog.query(
      {
        ...filter,
        ...(project ? { project: { id: project.id, keys: await knownKeys(forgeStore, project) } } : {}),
      },
      { limit, ...(cursor ? { cursor } : {}) },
    ),
    readAuditCounters(forgeStore, forgeEntity(AUDIT_COUNTER_ENTITY), now, AUDIT_RETENTION_DAYS),
  ]);
  // One lookup for the whole page, only for the people its entries name.
  const people = page.entries.flatMap(peopleOf);
  const names = people.length ? await displayNames(session.jira(APP), people) : new Map<string, string>();
  return {
    entries: page.entries.map((entry) => entryView(entry, names)),
    ...(page.cursor ? { cursor: page.cursor } : {}),
    failures: counters.failures,
    storage: {
      entries: counters.kept.entries,
      bytes: counters.kept.bytes,
      maxEntries: AUDIT_LIMITS.maxEntries,
      maxBytes: AUDIT_LIMITS.maxBytes,
      retentionDays: AUDIT_RETENTION_DAYS,
    },
  };
}
