import type { KeyValueStore } from '../access/kv-store';
import { storageKeys } from '../access/storage-keys';

/**
 * Failed executions counted per UTC hour and per UTC day in one small document, so the admin page's counters cost
 * one read however large the log grows (a KVS query returns at most 20 keys a page, so per-bucket keys would need
 * several). Buckets older than their window are pruned on each write, which bounds the document to about 31 numbers.
 * The read-then-write increment is not atomic: two failures recorded at the same instant may count once, which a
 * glanceable counter tolerates.
 */
const HOUR_MS = 3_600_000;
const HOURS_KEPT = 24;
const DAYS_KEPT = 7;

const hourOf = (ms: number): string => new Date(ms).toISOString().slice(0, 13);
const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
/** The oldest hour and day bucket still inside the windows that end at `now`. */
const oldestHour = (now: number) => hourOf(now - (HOURS_KEPT - 1) * HOUR_MS);
const oldestDay = (now: number) => dayOf(now - (DAYS_KEPT - 1) * 24 * HOUR_MS);

interface FailureBuckets {
  hours: Record<string, number>;
  days: Record<string, number>;
}

export interface FailureCounts {
  /** The current hour and the 23 before it. */
  last24Hours: number;
  /** Today (UTC) and the 6 days before it. */
  last7Days: number;
}

const since = (buckets: Record<string, number>, oldest: string): Record<string, number> =>
  Object.fromEntries(Object.entries(buckets).filter(([bucket]) => bucket >= oldest));

const total = (buckets: Record<string, number>): number =>
  Object.values(buckets).reduce((sum, count) => sum + count, 0);

const read = async (store: KeyValueStore): Promise<FailureBuckets> =>
  (await store.get<FailureBuckets>(storageKeys.auditFailures)) ?? { hours: {}, days: {} };

export async function countFailure(store: KeyValueStore, at: number): Promise<void> {
  const { hours, days } = await read(store);
  const hour = hourOf(at);
  const day = dayOf(at);
  await store.set<FailureBuckets>(storageKeys.auditFailures, {
    hours: { ...since(hours, oldestHour(at)), [hour]: (hours[hour] ?? 0) + 1 },
    days: { ...since(days, oldestDay(at)), [day]: (days[day] ?? 0) + 1 },
  });
}

export async function readFailureCounts(store: KeyValueStore, now: number): Promise<FailureCounts> {
  const { hours, days } = await read(store);
  return {
    last24Hours: total(since(hours, oldestHour(now))),
    last7Days: total(since(days, oldestDay(now))),
  };
}
