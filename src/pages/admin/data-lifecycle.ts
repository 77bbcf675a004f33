import { z } from 'zod';
import { APP } from '../../access/actor';
import { forgeEntity, forgeStore } from '../../access/kv-store';
import { displayNames } from '../../access/people';
import type { AccessSession } from '../../access/session';
import { AUDIT_COUNTER_ENTITY } from '../../access/storage-keys';
import { AUDIT_LIMITS, AUDIT_RETENTION_DAYS, createAuditLog } from '../../audit/audit-log';
import { auditCsvHeader, auditCsvRows } from '../../audit/csv';
import type { AuditEntry } from '../../audit/entry';
import { readAuditCounters } from '../../audit/failure-counters';
import { deleteConnection, listConnections } from '../../connections/store';
import { sendsDataOutside } from '../../permissions/declared-permissions';
import type {
  AuditExportView,
  AuditPurgeView,
  ConnectionsRemovedView,
  DataOverviewView,
} from '../../shared/admin-page';
import { entryView, peopleOf } from './executions';

const auditLog = createAuditLog(forgeStore);

/**
 * A resolver function has 25 s (https://developer.atlassian.com/platform/forge/limits-invocation/); export and
 * purge stop well before, and the page calls again for the rest.
 */
const WORK_BUDGET_MS = 8_000;
/**
 * Entries per export answer: a few hundred kB of CSV. No page states how much a resolver may return, so a part
 * stays well under a megabyte (test/emulator/FIDELITY.md, "Data lifecycle").
 */
const EXPORT_PART = 500;
/** The log's own page size: what one KVS round trip of query pages brings back. */
const QUERY_PAGE = 100;

export async function readDataOverview(now: number): Promise<DataOverviewView> {
  const [counters, connections] = await Promise.all([
    readAuditCounters(forgeStore, forgeEntity(AUDIT_COUNTER_ENTITY), now, AUDIT_RETENTION_DAYS),
    sendsDataOutside() ? listConnections() : undefined,
  ]);
  return {
    audit: {
      entries: counters.kept.entries,
      bytes: counters.kept.bytes,
      retentionDays: AUDIT_RETENTION_DAYS,
      maxEntries: AUDIT_LIMITS.maxEntries,
    },
    ...(connections
      ? {
          connections: {
            count: connections.length,
            secretsSet: connections.filter((c) => c.secret.set).length,
          },
        }
      : {}),
  };
}

export const ExportInput = z.strictObject({ cursor: z.string().min(1).max(2000).optional() });

/** The next part of the whole log, newest first, as CSV; people named as Jira names them (one lookup a part). */
export async function exportAuditPart(
  { cursor }: z.infer<typeof ExportInput>,
  session: AccessSession,
  now: () => number = Date.now,
): Promise<AuditExportView> {
  const deadline = now() + WORK_BUDGET_MS;
  const entries: AuditEntry[] = [];
  let next = cursor;
  do {
    const page = await auditLog.query({}, { limit: QUERY_PAGE, ...(next ? { cursor: next } : {}) });
    entries.push(...page.entries);
    next = page.cursor;
  } while (next && entries.length < EXPORT_PART && now() < deadline);
  const people = [...new Set(entries.flatMap(peopleOf))];
  const names = people.length ? await displayNames(session.jira(APP), people) : new Map<string, string>();
  const rows = auditCsvRows(
    entries.map((entry) => entryView(entry, names)),
    names,
  );
  return {
    csv: cursor ? rows : auditCsvHeader() + rows,
    entries: entries.length,
    ...(next ? { cursor: next } : {}),
  };
}

export const PurgeInput = z.strictObject({
  /** Set by the first call's answer; a purge never reaches into the future. */
  before: z.number().int().positive().optional(),
});

export async function purgeAuditPart(
  { before }: z.infer<typeof PurgeInput>,
  now: () => number = Date.now,
): Promise<AuditPurgeView> {
  const start = now();
  const until = Math.min(before ?? start, start);
  const progress = await auditLog.purge(until, () => now() >= start + WORK_BUDGET_MS);
  return { before: until, ...progress };
}

/** Every Notify connection, its secret and cached access token. */
export async function removeAllConnections(): Promise<ConnectionsRemovedView> {
  const connections = await listConnections();
  for (const connection of connections) await deleteConnection(connection.id);
  return {
    connections: connections.length,
    secrets: connections.filter((c) => c.secret.set).length,
  };
}
