import { z } from 'zod';
import { APP, CURRENT_USER, type Actor } from '../../access/actor';
import { forgeEntity, forgeStore } from '../../access/kv-store';
import { displayNames } from '../../access/people';
import type { AccessSession } from '../../access/session';
import { inEnglish, text, type Text } from '../../access/texts';
import type { TextArgs } from '../../shared/text-format';
import { AUDIT_COUNTER_ENTITY } from '../../access/storage-keys';
import { AUDIT_LIMITS, AUDIT_RETENTION_DAYS, createAuditLog } from '../../audit/audit-log';
import { isReducedEntry, type AuditEntry } from '../../audit/entry';
import { readAuditCounters } from '../../audit/failure-counters';
import { knownKeys, projectOfKey } from '../../settings/project-identity';
import { ruleCatalog, ruleTitleKey } from '../../rules/catalog';
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

/**
 * The fixed words around an audit entry, as catalogue texts (section `auditVocabulary`): the page words them in the
 * admin's language. What the entry recorded (its summary, its messages) is a record of what happened and stays as
 * it was written, in English; the CSV export and the views' string fields read these texts in English.
 */
const vocabulary = (key: string, values?: TextArgs): Text => text(`auditVocabulary.${key}`, values);

/** Failure codes whose meaning the catalogue explains (`auditVocabulary.explanations.<code>`). */
const EXPLAINED: Readonly<Record<string, string>> = {
  MISSING_SCOPE: 'missingScope',
  MISSING_PERMISSION: 'missingPermission',
  NEEDS_AUTHENTICATION: 'needsAuthentication',
  RATE_LIMITED: 'rateLimited',
  NOT_FOUND: 'notFound',
  INVALID_INPUT: 'invalidInput',
  UPSTREAM_FAILURE: 'upstreamFailure',
  CONFLICT: 'conflict',
  NOT_CONNECTED: 'notConnected',
  RECONNECT_REQUIRED: 'reconnectRequired',
  EGRESS_NOT_ALLOWED: 'egressNotAllowed',
  INTERNAL: 'internal',
  EXPRESSION_FAILED: 'expressionFailed',
  HEALTH_PROBLEM: 'healthProblem',
};

/** What a failure code means for the admin, and what to do about it. */
export const explanationText = (code: string): Text =>
  vocabulary(`explanations.${EXPLAINED[code] ?? 'unknown'}`);
export const explainCode = (code: string): string => inEnglish(explanationText(code));

/** Entries the app writes that no rule of the catalogue wrote: changes on the pages, the health check, installs. */
const OTHER_WRITERS: Readonly<Record<string, string>> = {
  'admin-page': 'adminPage',
  'health-check': 'healthCheck',
  lifecycle: 'lifecycle',
};

/** What wrote an entry, in words: a rule's title, or the app's own part. */
export function writerText(rule: string): Text {
  if (ruleCatalog.some((entry) => entry.key === rule)) return text(ruleTitleKey(rule));
  const other = OTHER_WRITERS[rule];
  return other ? vocabulary(`rules.${other}`) : { verbatim: rule };
}

/** "The Workflow Guard app's bot user", "You", "The user Rita Reporter (Workflow Guard acting on their behalf)". */
function actorSaid(actor: Actor, named: (text: string) => string): Text {
  switch (actor.kind) {
    case 'app':
      return vocabulary('actors.app');
    case 'user':
      return vocabulary('actors.you');
    case 'impersonated':
      return vocabulary('actors.user', { name: named(actor.accountId) });
  }
}

/**
 * Who acted, as people read it: "As Rita Reporter (the user in Reporter)" when a post-function acts as the user in
 * a field (the account id becomes the name on the page), and for whom the app acted when it fell back.
 */
function whoActed(entry: AuditEntry, named: (text: string) => string): Text {
  const field = entry.actingFor;
  const inField = field
    ? field.accountId
      ? vocabulary('actors.inField', { name: named(field.accountId), field: field.field })
      : vocabulary('actors.inEmptyField', { field: field.field })
    : undefined;
  if (entry.actor.kind === 'none')
    return inField ? vocabulary('actors.nobodyFor', { who: inField }) : vocabulary('actors.nobody');
  if (inField && entry.actor.kind === 'impersonated' && !entry.fallback)
    return vocabulary('actors.as', { who: inField });
  const base = actorSaid(entry.actor, named);
  if (!entry.fallback) return base;
  return vocabulary('actors.fallback', { actor: base, who: inField ?? vocabulary('actors.theUser') });
}

const unnamed = (text: string): string => text;

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
    ruleTitle: inEnglish(writerText(entry.rule)),
    ...(entry.projectKey ? { projectKey: entry.projectKey } : {}),
    ...(entry.issueKey ? { issueKey: entry.issueKey } : {}),
    ...(entry.triggeredBy ? { triggeredBy: entry.triggeredBy } : {}),
    actor: named(inEnglish(whoActed(entry, unnamed))),
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
    said: {
      rule: writerText(entry.rule),
      actor: whoActed(entry, named),
      ...(entry.error ? { explanation: explanationText(entry.error.code) } : {}),
      ...(isReducedEntry(entry) ? { reduced: true } : {}),
    },
    calls: entry.calls.map((call) => ({
      ...(call.count ? { count: call.count } : {}),
      method: call.method,
      pathTemplate: call.pathTemplate,
      status: call.status,
      attempts: call.attempts,
      durationMs: call.durationMs,
      scopes: call.scopes,
      actor: named(inEnglish(actorSaid(call.actor, unnamed))),
      ...(call.failure ? { failure: call.failure, explanation: explainCode(call.failure) } : {}),
      said: {
        actor: actorSaid(call.actor, named),
        ...(call.failure ? { explanation: explanationText(call.failure) } : {}),
      },
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
