import { JiraSite } from '../emulator';
import { MemoryKvs, withInvocation } from '../harness';
import { forgeEntity, forgeStore } from '../../src/access/kv-store';
import { AUDIT_COUNTER_ENTITY, storageKeys } from '../../src/access/storage-keys';
import { AUDIT_RETENTION_DAYS, createAuditLog, type AuditLogOptions } from '../../src/audit/audit-log';
import { readStoredEntry } from '../../src/audit/stored-entry';
import { readAuditCounters } from '../../src/audit/failure-counters';

/**
 * Entry batch write, counter read and conditional write; a sweep adds a batch read, a page of the age index, the
 * eviction's conditional write and at most four batch deletes (20 entries of at most 5 keys).
 */
const MAX_RECORD_REQUESTS = 10;
const START = Date.parse('2026-11-01T00:00:00Z');
const entry = (n: number) => ({
  module: 'post-function' as const,
  rule: 'comment',
  projectKey: 'OPS',
  projectId: '10001',
  issueKey: `OPS-${n}`,
  actor: { kind: 'app' as const },
  calls: [],
  outcome: n % 3 === 0 ? ('failed' as const) : ('applied' as const),
  summary: `execution ${n}`,
});

/** A repeatable stand-in for Math.random (which shard, whether to sweep): mulberry32. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Writes `count` entries a minute apart; returns the KVS requests each record() made. */
async function writeEntries(kvs: MemoryKvs, count: number, options: AuditLogOptions): Promise<number[]> {
  const site = new JiraSite();
  let clock = START;
  const log = createAuditLog(forgeStore, () => clock, options);
  const costs: number[] = [];
  await withInvocation({ site, kvs }, async () => {
    for (let n = 1; n <= count; n += 1) {
      clock += 60_000;
      const before = kvs.calls.length;
      await log.record(entry(n));
      costs.push(kvs.calls.length - before);
    }
  });
  return costs;
}

const keysUnder = (kvs: MemoryKvs, prefix: string) =>
  Object.keys(kvs.snapshot().kvs).filter((key) => key.startsWith(prefix));
/** In key order, as a page reads them: newest first; a pointer row read through to the entry it names. */
const summariesUnder = (kvs: MemoryKvs, prefix: string) => {
  const stored = kvs.snapshot().kvs;
  const own = (key: string) => `${storageKeys.auditPrefix}${key.split(':').slice(-2).join(':')}`;
  return Object.entries(stored)
    .filter(([key]) => key.startsWith(prefix))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) =>
      typeof value === 'number'
        ? readStoredEntry(stored[own(key)], own(key))?.summary
        : readStoredEntry(value, key)?.summary,
    );
};

describe('the audit log’s storage cap', () => {
  it('keeps the newest entries up to the cap, and evicts the oldest with every index row naming them', async () => {
    const kvs = new MemoryKvs();
    const costs = await writeEntries(kvs, 40, {
      limits: { maxEntries: 10, maxBytes: 10 ** 9 },
      sweepEvery: 1,
    });
    const newest = Array.from({ length: 10 }, (_, i) => `execution ${40 - i}`);
    expect(summariesUnder(kvs, storageKeys.auditPrefix)).toStrictEqual(newest);
    expect(summariesUnder(kvs, storageKeys.auditByProjectPrefix('10001'))).toStrictEqual(newest);
    // Failed ones among them (every third) in both "failed" indexes; nothing older left behind anywhere.
    const failed = newest.filter((s) => Number(s.split(' ')[1]) % 3 === 0);
    expect(summariesUnder(kvs, storageKeys.auditFailedPrefix)).toStrictEqual(failed);
    expect(summariesUnder(kvs, storageKeys.auditFailedByProjectPrefix('10001'))).toStrictEqual(failed);
    expect(keysUnder(kvs, storageKeys.auditAgePrefix)).toHaveLength(10);
    // Sweeping on every execution (the worst case) still costs each one a bounded number of requests.
    expect(Math.max(...costs)).toBeLessThanOrEqual(MAX_RECORD_REQUESTS);
    await withInvocation({ site: new JiraSite(), kvs }, async () => {
      const counters = await readAuditCounters(
        forgeStore,
        forgeEntity(AUDIT_COUNTER_ENTITY),
        START + 41 * 60_000,
        AUDIT_RETENTION_DAYS,
      );
      expect(counters.kept.entries).toBe(10);
    });
  });

  it('evicts entries whose age rows an earlier release wrote, with their index prefixes in full', async () => {
    const kvs = new MemoryKvs();
    // 25 entries, no sweep yet; then their age rows as the earlier release wrote them.
    await writeEntries(kvs, 25, { limits: { maxEntries: 10, maxBytes: 10 ** 9 }, random: () => 0.99 });
    const long: Record<string, string> = {
      f: 'failed:all:',
      p10001: 'pid:10001:',
      fp10001: 'failed:pid:10001:',
    };
    const rows = Object.entries(kvs.snapshot().kvs).filter(([key]) =>
      key.startsWith(storageKeys.auditAgePrefix),
    );
    expect(rows.flatMap(([, row]) => (row as unknown[]).slice(1))).toContain('fp10001');
    await withInvocation({ site: new JiraSite(), kvs }, async () => {
      for (const [key, row] of rows) {
        const [bytes, ...prefixes] = row as [number, ...string[]];
        await forgeStore.set(key, [bytes, ...prefixes.map((p) => long[p] ?? p)]);
      }
      const log = createAuditLog(forgeStore, () => START + 26 * 60_000, {
        limits: { maxEntries: 10, maxBytes: 10 ** 9 },
        sweepEvery: 1,
      });
      await log.record(entry(26));
    });
    const newest = Array.from({ length: 10 }, (_, i) => `execution ${26 - i}`);
    // Strictly: a pointer left behind would read as an undefined summary.
    expect(summariesUnder(kvs, storageKeys.auditPrefix)).toStrictEqual(newest);
    expect(summariesUnder(kvs, storageKeys.auditByProjectPrefix('10001'))).toStrictEqual(newest);
    const failed = newest.filter((s) => Number(s.split(' ')[1]) % 3 === 0);
    expect(summariesUnder(kvs, storageKeys.auditFailedPrefix)).toStrictEqual(failed);
    expect(summariesUnder(kvs, storageKeys.auditFailedByProjectPrefix('10001'))).toStrictEqual(failed);
  });

  it('caps the bytes too, counting every key and value an entry is stored as', async () => {
    const kvs = new MemoryKvs();
    await writeEntries(kvs, 30, { limits: { maxEntries: 1000, maxBytes: 3_000 }, sweepEvery: 1 });
    const stored = Object.entries(kvs.snapshot().kvs)
      .filter(([key]) => key.startsWith('audit:'))
      .reduce(
        (sum, [key, value]) => sum + Buffer.byteLength(key) + Buffer.byteLength(JSON.stringify(value)),
        0,
      );
    expect(stored).toBeLessThanOrEqual(3_000);
    expect(stored).toBeGreaterThan(2_000);
    expect(summariesUnder(kvs, storageKeys.auditPrefix)[0]).toBe('execution 30');
  });

  it('shares the eviction out: at the default pace most executions pay nothing for it', async () => {
    const kvs = new MemoryKvs();
    const costs = await writeEntries(kvs, 200, {
      limits: { maxEntries: 50, maxBytes: 10 ** 9 },
      random: seeded(2),
    });
    // Entry write, counter read and conditional write; a sweep on about one execution in eight.
    expect(costs.filter((c) => c > 3).length).toBeLessThan(200 / 4);
    expect(Math.max(...costs)).toBeLessThanOrEqual(MAX_RECORD_REQUESTS);
    const kept = keysUnder(kvs, storageKeys.auditPrefix).length;
    // Eviction runs behind by the executions since the last sweep (about one in eight).
    expect(kept).toBeGreaterThanOrEqual(50);
    expect(kept).toBeLessThanOrEqual(50 + 20);
  });
});
