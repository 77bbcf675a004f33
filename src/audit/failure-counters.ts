import { z } from 'zod';
import type { KeyValueStore, VersionedDocument, VersionedEntityStore } from '../access/kv-store';
import { KVS_MAX_BATCH } from '../access/kv-store';
import { storageKeys } from '../access/storage-keys';

/**
 * The audit log's counters: failed executions per UTC hour and day (the admin page's failure counters), and
 * entries and bytes written per UTC day (what the storage cap weighs). They are spread over SHARDS documents of
 * the custom entity `audit-counter`, each replaced by compare-and-set on its `version`, so concurrent executions
 * never lose a count: one that loses the race re-reads and tries again, on another shard to spread the load.
 *
 * A shard's days grow to the 90 days of the retention, too much to rewrite on every execution (Forge bills every
 * byte written). So a success counts in the shard's small `today` document (one day's entries and bytes), and the
 * day it holds is folded into the shard's days when a later day comes, both replaced in one transaction; failures
 * count in the shard itself, as before. The admin page reads every document in two batch requests however many
 * executions there were.
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

/** Today's successes of one shard, version 1: what most executions rewrite, so small (`d`: days since 1970). */
export const DaySlot = z.object({
  schemaVersion: z.literal(1),
  version: z.number().int().min(1),
  d: z.number().int().nonnegative(),
  n: z.number().int().nonnegative(),
  b: z.number().nonnegative(),
});
export type DaySlot = z.infer<typeof DaySlot>;

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
export const todayKeys = Array.from({ length: SHARDS }, (_, shard) => storageKeys.auditTodayShard(shard));
/** The shard an execution counts in: its `today` document and, when a day is folded, the shard itself. */
export const pickShard = (random: () => number): number =>
  Math.min(SHARDS - 1, Math.floor(random() * SHARDS));

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
export const readShard = (raw: unknown): CounterShard | 'unreadable' => {
  const parsed = CounterShard.safeParse(raw);
  return parsed.success ? parsed.data : 'unreadable';
};

/** What a successful execution writes to count itself, given the shard's documents as read. */
export type SuccessCount =
  | { kind: 'replace'; replaces: Array<{ key: string; value: VersionedDocument; expected: number }> }
  /** The shard's `today` document does not exist yet: created on its own (create-if-absent). */
  | { kind: 'create'; key: string; value: DaySlot }
  /** A document this version cannot read, or the shard is needed to fold a day: counted the slow way. */
  | { kind: 'slow' };

/**
 * One success of `bytes` at `at`: today's document counts it; when it still holds an earlier day, that day is
 * folded into the shard (`shard`, read for it) in the same transaction.
 */
export function countSuccess(
  shard: number,
  slotRaw: unknown,
  shardRaw: unknown,
  counted: Omit<Counted, 'failed'>,
  retentionDays: number,
): SuccessCount {
  const key = storageKeys.auditTodayShard(shard);
  const day = Math.floor(counted.at / DAY_MS);
  if (slotRaw === undefined)
    return { kind: 'create', key, value: { schemaVersion: 1, version: 1, d: day, n: 1, b: counted.bytes } };
  const slot = DaySlot.safeParse(slotRaw);
  if (!slot.success) return { kind: 'slow' };
  const current = slot.data;
  if (current.d === day) {
    const value = {
      ...current,
      version: current.version + 1,
      n: current.n + 1,
      b: current.b + counted.bytes,
    };
    return { kind: 'replace', replaces: [{ key, value, expected: current.version }] };
  }
  const fresh = { schemaVersion: 1 as const, version: current.version + 1, d: day, n: 1, b: counted.bytes };
  if (shardRaw === 'not read') return { kind: 'slow' };
  const stored = shardRaw === undefined ? undefined : readShard(shardRaw);
  if (stored === undefined || stored === 'unreadable') return { kind: 'slow' };
  const folded: CounterShard = {
    ...stored,
    version: stored.version + 1,
    written: addUsage(
      usageSince(stored.written, oldestDay(counted.at, retentionDays)),
      dayOf(current.d * DAY_MS),
      current.n,
      current.b,
    ),
  };
  return {
    kind: 'replace',
    replaces: [
      { key: storageKeys.auditCounterShard(shard), value: folded, expected: stored.version },
      { key, value: fresh, expected: current.version },
    ],
  };
}

/**
 * Counts one success exactly once the slow way (after the fast path lost a race): read the shard's documents,
 * then create or replace them by compare-and-set, on another shard after each lost race.
 */
export async function countSuccessSlowly(
  entities: VersionedEntityStore,
  counted: Omit<Counted, 'failed'>,
  retentionDays: number,
  random: () => number = Math.random,
): Promise<number> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const shard = pickShard(random);
    const keys = [storageKeys.auditTodayShard(shard), storageKeys.auditCounterShard(shard)];
    const found = await entities.getMany(keys);
    const count = countSuccess(
      shard,
      found.get(keys[0] ?? ''),
      found.get(keys[1] ?? ''),
      counted,
      retentionDays,
    );
    if (count.kind === 'slow') {
      // The fold needs the shard: a missing one is created first, empty; an unreadable one is left alone.
      if (found.get(keys[1] ?? '') === undefined)
        await entities.create(keys[1] ?? '', {
          schemaVersion: 1,
          version: 1,
          failures: { hours: {}, days: {} },
          written: {},
        });
      continue;
    }
    if (count.kind === 'create') {
      if (await entities.create(count.key, count.value)) return 1;
      continue;
    }
    if (await entities.replaceAll(count.replaces))
      return count.replaces[count.replaces.length - 1]?.value.version ?? 0;
  }
  throw new Error(
    `the audit counters stayed contended through ${MAX_ATTEMPTS} attempts; this execution is not counted`,
  );
}

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
  slots: DaySlot[];
  eviction?: Eviction;
}

/** Every shard, every `today` document and the eviction bookkeeping, in two batch requests. */
export async function readCounterDocuments(entities: VersionedEntityStore): Promise<CounterDocuments> {
  const keys = [...shardKeys, ...todayKeys, storageKeys.auditEviction];
  const pages = await Promise.all(
    Array.from({ length: Math.ceil(keys.length / KVS_MAX_BATCH) }, (_, page) =>
      entities.getMany(keys.slice(page * KVS_MAX_BATCH, (page + 1) * KVS_MAX_BATCH)),
    ),
  );
  const found = new Map(pages.flatMap((page) => [...page]));
  const slots = todayKeys
    .map((key) => DaySlot.safeParse(found.get(key)))
    .flatMap((parsed) => (parsed.success ? [parsed.data] : []));
  const eviction = Eviction.safeParse(found.get(storageKeys.auditEviction));
  const shards = shardKeys
    .map((key) => found.get(key))
    .filter((raw) => raw !== undefined)
    .map(readShard)
    .filter((s): s is CounterShard => s !== 'unreadable');
  return { shards, slots, ...(eviction.success ? { eviction: eviction.data } : {}) };
}

/** Entries and bytes kept now: written within the retention, less what the cap evicted. */
export function keptNow(documents: CounterDocuments, now: number, retentionDays: number): Tally {
  const oldest = oldestDay(now, retentionDays);
  const fromShards = documents.shards.reduce<Usage>((sum, shard) => {
    let next = sum;
    for (const [day, [entries, bytes]] of Object.entries(usageSince(shard.written, oldest)))
      next = addUsage(next, day, entries, bytes);
    return next;
  }, {});
  const written = tallyOf(
    usageSince(
      documents.slots.reduce(
        (sum, slot) => addUsage(sum, dayOf(slot.d * DAY_MS), slot.n, slot.b),
        fromShards,
      ),
      oldest,
    ),
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

/** Three requests in parallel however long the log: the counter documents (two), and the first shape's document. */
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
