import { z } from 'zod';
import type { KeyValueStore, VersionedEntityStore } from '../access/kv-store';
import { storageKeys } from '../access/storage-keys';

/**
 * The audit log's counters: failed executions per UTC hour and day (the admin page's failure counters), and
 * entries and bytes written per UTC day (what the storage cap weighs). They are spread over SHARDS documents of
 * the custom entity `audit-counter`, each replaced by compare-and-set on its `version`, so concurrent executions
 * never lose a count: one that loses the race re-reads and tries again, on another shard to spread the load. The
 * admin page reads every shard in one batch request however many executions there were.
 */
export const SHARDS = 16;
/** Compare-and-set attempts before giving up on a count (each a read and a conditional write). */
const MAX_ATTEMPTS = 40;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const HOURS_KEPT = 24;
const DAYS_KEPT = 7;

const hourOf = (ms: number): string => new Date(ms).toISOString().slice(0, 13);
export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
/** The oldest hour and day bucket still inside the windows that end at `now`. */
const oldestHour = (now: number) => hourOf(now - (HOURS_KEPT - 1) * HOUR_MS);
const oldestDay = (now: number, days: number) => dayOf(now - (days - 1) * DAY_MS);

const Buckets = z.record(z.string(), z.number().int().nonnegative());
type Buckets = z.infer<typeof Buckets>;
/** [entries, bytes] per UTC day. */
const Usage = z.record(z.string(), z.tuple([z.number().nonnegative(), z.number().nonnegative()]));
export type Usage = z.infer<typeof Usage>;

/** Shard shape, version 1. Older shapes: the single `audit-failures:recent` document (LegacyFailures). */
const CounterShard = z.object({
  schemaVersion: z.literal(1),
  version: z.number().int().min(1),
  failures: z.object({ hours: Buckets, days: Buckets }),
  written: Usage,
});
type CounterShard = z.infer<typeof CounterShard>;

/** The first shape (before shards and versions): one read-then-write document of failure buckets. */
const LegacyFailures = z.object({ hours: Buckets, days: Buckets });

export interface FailureCounts {
  /** The current hour and the 23 before it. */
  last24Hours: number;
  /** Today (UTC) and the 6 days before it. */
  last7Days: number;
}

export interface Tally {
  entries: number;
  bytes: number;
}

const since = (buckets: Buckets, oldest: string): Buckets =>
  Object.fromEntries(Object.entries(buckets).filter(([bucket]) => bucket >= oldest));

const total = (buckets: Buckets): number => Object.values(buckets).reduce((sum, count) => sum + count, 0);

export const usageSince = (usage: Usage, oldest: string): Usage =>
  Object.fromEntries(Object.entries(usage).filter(([day]) => day >= oldest));

export const tallyOf = (usage: Usage): Tally =>
  Object.values(usage).reduce(
    (sum, [entries, bytes]) => ({ entries: sum.entries + entries, bytes: sum.bytes + bytes }),
    {
      entries: 0,
      bytes: 0,
    },
  );

export const addUsage = (usage: Usage, day: string, entries: number, bytes: number): Usage => {
  const [n, b] = usage[day] ?? [0, 0];
  return { ...usage, [day]: [n + entries, b + bytes] };
};

export const shardKeys = Array.from({ length: SHARDS }, (_, shard) => storageKeys.auditCounterShard(shard));

/** One execution's contribution: always an entry of `bytes`; a failed one also counts as a failure. */
export interface Counted {
  at: number;
  failed: boolean;
  bytes: number;
}

function next(current: CounterShard | undefined, counted: Counted, retentionDays: number): CounterShard {
  const { hours, days } = current?.failures ?? { hours: {}, days: {} };
  const hour = hourOf(counted.at);
  const day = dayOf(counted.at);
  return {
    schemaVersion: 1,
    version: (current?.version ?? 0) + 1,
    // Buckets older than their window are pruned on each write, which bounds the document.
    failures: counted.failed
      ? {
          hours: { ...since(hours, oldestHour(counted.at)), [hour]: (hours[hour] ?? 0) + 1 },
          days: { ...since(days, oldestDay(counted.at, DAYS_KEPT)), [day]: (days[day] ?? 0) + 1 },
        }
      : { hours, days },
    written: addUsage(
      usageSince(current?.written ?? {}, oldestDay(counted.at, retentionDays)),
      day,
      1,
      counted.bytes,
    ),
  };
}

/** A shard this version cannot read is a bug or a newer version's data: never overwritten, never counted. */
const readShard = (raw: unknown): CounterShard | 'unreadable' => {
  const parsed = CounterShard.safeParse(raw);
  return parsed.success ? parsed.data : 'unreadable';
};

/**
 * Counts one execution exactly once and returns the version its shard reached, or throws when every attempt lost
 * its race (the caller reports it: the entry itself is kept).
 */
export async function countExecution(
  entities: VersionedEntityStore,
  counted: Counted,
  retentionDays: number,
  random: () => number = Math.random,
): Promise<number> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const key = shardKeys[Math.floor(random() * SHARDS)] ?? storageKeys.auditCounterShard(0);
    const raw = (await entities.getMany<CounterShard>([key])).get(key);
    const current = raw === undefined ? undefined : readShard(raw);
    if (current === 'unreadable') continue;
    const updated = next(current, counted, retentionDays);
    const written = current
      ? await entities.replace(key, updated, current.version)
      : await entities.create(key, updated);
    if (written) return updated.version;
  }
  throw new Error(
    `the audit counters stayed contended through ${MAX_ATTEMPTS} attempts; this execution is not counted`,
  );
}

/** The storage cap's bookkeeping (same entity, compare-and-set on `version`), version 1. */
const Eviction = z.object({
  schemaVersion: z.literal(1),
  version: z.number().int().min(1),
  /** Age-index rows up to this sort part are evicted (or being evicted). */
  through: z.string(),
  evicted: Usage,
});
export type Eviction = z.infer<typeof Eviction>;

export interface CounterDocuments {
  shards: CounterShard[];
  eviction?: Eviction;
}

/** Every shard and the eviction bookkeeping, in one batch request. */
export async function readCounterDocuments(entities: VersionedEntityStore): Promise<CounterDocuments> {
  const found = await entities.getMany([...shardKeys, storageKeys.auditEviction]);
  const eviction = Eviction.safeParse(found.get(storageKeys.auditEviction));
  const shards = shardKeys
    .map((key) => found.get(key))
    .filter((raw) => raw !== undefined)
    .map(readShard)
    .filter((s): s is CounterShard => s !== 'unreadable');
  return { shards, ...(eviction.success ? { eviction: eviction.data } : {}) };
}

/** Entries and bytes kept now: written within the retention, less what the cap evicted. */
export function keptNow(documents: CounterDocuments, now: number, retentionDays: number): Tally {
  const oldest = oldestDay(now, retentionDays);
  const written = tallyOf(
    documents.shards.reduce<Usage>((sum, shard) => {
      let next = sum;
      for (const [day, [entries, bytes]] of Object.entries(usageSince(shard.written, oldest)))
        next = addUsage(next, day, entries, bytes);
      return next;
    }, {}),
  );
  const evicted = tallyOf(usageSince(documents.eviction?.evicted ?? {}, oldest));
  return {
    entries: Math.max(0, written.entries - evicted.entries),
    bytes: Math.max(0, written.bytes - evicted.bytes),
  };
}

export interface AuditCounters {
  failures: FailureCounts;
  kept: Tally;
}

/** Two requests in parallel however long the log: the counter documents, and the first shape's document. */
export async function readAuditCounters(
  store: KeyValueStore,
  entities: VersionedEntityStore,
  now: number,
  retentionDays: number,
): Promise<AuditCounters> {
  const [documents, legacyRaw] = await Promise.all([
    readCounterDocuments(entities),
    store.get(storageKeys.legacy.auditFailures),
  ]);
  // The first shape's counts are read, never rewritten: they age out of the 7-day window by themselves.
  const legacy = LegacyFailures.safeParse(legacyRaw);
  const buckets = [...documents.shards.map((s) => s.failures), ...(legacy.success ? [legacy.data] : [])];
  return {
    failures: {
      last24Hours: buckets.reduce((sum, b) => sum + total(since(b.hours, oldestHour(now))), 0),
      last7Days: buckets.reduce((sum, b) => sum + total(since(b.days, oldestDay(now, DAYS_KEPT))), 0),
    },
    kept: keptNow(documents, now, retentionDays),
  };
}
