import { randomUUID } from 'node:crypto';
import type { KeyValueStore } from '../access/kv-store';
import { KVS_MAX_PAGE } from '../access/kv-store';
import { redact } from '../access/redaction';
import { storageKeys } from '../access/storage-keys';
import { aggregateCalls, capText, ENTRY_LIMITS, reducedEntry } from './entry';
import type { AuditEntry, AuditOutcome, NewAuditEntry } from './entry';
import { countFailure } from './failure-counters';

/** Entries expire after this many days (KVS TTL), which bounds the log's size per installation. */
export const AUDIT_RETENTION_DAYS = 90;
const MAX_SCANNED_PAGES = 5;
const MAX_TIME = 10 ** 13; // ms; inverted times stay 13 digits wide until the year 2286

const MAX_SEQUENCE = 999;

/**
 * The sort part of an entry's keys: the inverted time, then an inverted sequence number so that entries this
 * process writes within the same millisecond still list newest first (a retry's entry after the failure's).
 */
function newestFirst(): (ms: number) => string {
  let lastMs = 0;
  let sequence = 0;
  return (ms) => {
    sequence = ms === lastMs ? Math.min(sequence + 1, MAX_SEQUENCE) : 0;
    lastMs = ms;
    return `${String(MAX_TIME - ms).padStart(13, '0')}${String(MAX_SEQUENCE - sequence).padStart(3, '0')}`;
  };
}
/** One per process: every audit log instance of an invocation shares the sequence. */
const sortKey = newestFirst();

export interface AuditFilter {
  projectKey?: string;
  outcome?: AuditOutcome;
  rule?: string;
  actorKind?: AuditEntry['actor']['kind'];
}

export interface AuditPage {
  entries: AuditEntry[];
  cursor?: string;
}

export interface AuditLog {
  record(entry: NewAuditEntry): Promise<AuditEntry>;
  /** Newest first. Filters other than the project are applied while paging, so a page may hold fewer entries. */
  query(filter: AuditFilter, page: { limit: number; cursor?: string }): Promise<AuditPage>;
}

function finalise(entry: NewAuditEntry, now: number): AuditEntry {
  const { calls, leftOut } = aggregateCalls(entry.calls);
  const excerpt = entry.error?.serviceExcerpt;
  return {
    ...entry,
    id: randomUUID(),
    at: new Date(now).toISOString(),
    summary: capText(redact(entry.summary), ENTRY_LIMITS.summaryChars),
    ...(entry.error
      ? {
          error: {
            code: entry.error.code,
            message: capText(redact(entry.error.message), ENTRY_LIMITS.messageChars),
            ...(excerpt ? { serviceExcerpt: capText(redact(excerpt), ENTRY_LIMITS.excerptChars) } : {}),
          },
        }
      : {}),
    calls,
    ...(leftOut > 0 ? { callsLeftOut: leftOut } : {}),
    scopesUsed: [...new Set(entry.calls.flatMap((call) => call.scopes))].sort(),
  };
}

const matches = (entry: AuditEntry, filter: AuditFilter): boolean =>
  (!filter.outcome || entry.outcome === filter.outcome) &&
  (!filter.rule || entry.rule === filter.rule) &&
  (!filter.actorKind || entry.actor.kind === filter.actorKind);

function indexesOf(entry: AuditEntry): string[] {
  const failed = entry.outcome === 'failed';
  // Listed in the activity of every project it touched, not only the transitioned issue's.
  const projects = [...new Set([entry.projectKey, ...(entry.otherProjectKeys ?? [])])].filter(
    (key): key is string => key !== undefined,
  );
  return [
    storageKeys.auditPrefix,
    ...(failed ? [storageKeys.auditFailedPrefix] : []),
    ...projects.map(storageKeys.auditByProjectPrefix),
    ...(failed ? projects.map(storageKeys.auditFailedByProjectPrefix) : []),
  ];
}

/** The narrowest index holding every entry the filter can match. */
function indexFor({ projectKey, outcome }: AuditFilter): string {
  if (outcome === 'failed') {
    return projectKey ? storageKeys.auditFailedByProjectPrefix(projectKey) : storageKeys.auditFailedPrefix;
  }
  return projectKey ? storageKeys.auditByProjectPrefix(projectKey) : storageKeys.auditPrefix;
}

export function createAuditLog(store: KeyValueStore, now: () => number = Date.now): AuditLog {
  return {
    async record(newEntry) {
      const entry = finalise(newEntry, now());
      const time = sortKey(Date.parse(entry.at));
      // Written once per index it belongs to, in one request, so that a project's page and "failed only" are each
      // one prefix query rather than a scan of the whole log.
      const write = (value: AuditEntry) =>
        store.setMany(
          indexesOf(value).map((prefix) => ({
            key: storageKeys.auditEntry(prefix, time, value.id),
            value,
          })),
          { ttlDays: AUDIT_RETENTION_DAYS },
        );
      // Never nothing: when the full entry cannot be saved, a reduced one takes the same keys.
      await write(entry).catch((error: unknown) => write(reducedEntry(entry, redact(String(error)))));
      if (entry.outcome === 'failed') await countFailure(store, Date.parse(entry.at));
      return entry;
    },
    async query(filter, page) {
      const prefix = indexFor(filter);
      const entries: AuditEntry[] = [];
      let cursor = page.cursor;
      // Bounded scan: a few KVS pages per request keeps resolver time flat as the log grows. Each KVS page asks
      // only for what is still missing, so no fetched entry is skipped past by the returned cursor.
      for (let pages = 0; pages < MAX_SCANNED_PAGES && entries.length < page.limit; pages += 1) {
        const limit = Math.min(KVS_MAX_PAGE, page.limit - entries.length);
        const result = await store.list<AuditEntry>(prefix, { limit, cursor });
        entries.push(...result.items.map((item) => item.value).filter((entry) => matches(entry, filter)));
        cursor = result.cursor;
        if (!cursor) break;
      }
      return { entries, ...(cursor ? { cursor } : {}) };
    },
  };
}
