import type { KeyValueStore } from '../access/kv-store';
import { KVS_MAX_PAGE } from '../access/kv-store';
import { storageKeys } from '../access/storage-keys';

/**
 * Failed executions counted per UTC hour and per UTC day, so the admin page reads two small prefixes instead of
 * scanning the audit log. Counters expire by TTL shortly after they leave their window, which bounds each prefix
 * to a few dozen keys. The read-then-write increment is not atomic: two failures recorded at the same instant
 * may count once, which a glanceable counter tolerates.
 */
const HOUR_TTL_DAYS = 2;
const DAY_TTL_DAYS = 8;
const HOUR_MS = 3_600_000;
const MAX_PAGES = 5;

const hourOf = (ms: number): string => new Date(ms).toISOString().slice(0, 13);
const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export interface FailureCounts {
  /** The current hour and the 23 before it. */
  last24Hours: number;
  /** Today (UTC) and the 6 days before it. */
  last7Days: number;
}

async function bump(store: KeyValueStore, key: string, ttlDays: number): Promise<void> {
  const current = (await store.get<number>(key)) ?? 0;
  await store.set(key, current + 1, { ttlDays });
}

export async function countFailure(store: KeyValueStore, at: number): Promise<void> {
  await bump(store, `${storageKeys.auditFailuresHourPrefix}${hourOf(at)}`, HOUR_TTL_DAYS);
  await bump(store, `${storageKeys.auditFailuresDayPrefix}${dayOf(at)}`, DAY_TTL_DAYS);
}

/** Sums the counters whose bucket (the key after the prefix) is not older than `oldest`. */
async function sumSince(store: KeyValueStore, prefix: string, oldest: string): Promise<number> {
  let total = 0;
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const result = await store.list<number>(prefix, { limit: KVS_MAX_PAGE, cursor });
    for (const item of result.items) {
      if (item.key.slice(prefix.length) >= oldest) total += item.value;
    }
    cursor = result.cursor;
    if (!cursor) break;
  }
  return total;
}

export async function readFailureCounts(store: KeyValueStore, now: number): Promise<FailureCounts> {
  return {
    last24Hours: await sumSince(store, storageKeys.auditFailuresHourPrefix, hourOf(now - 23 * HOUR_MS)),
    last7Days: await sumSince(store, storageKeys.auditFailuresDayPrefix, dayOf(now - 6 * 24 * HOUR_MS)),
  };
}
