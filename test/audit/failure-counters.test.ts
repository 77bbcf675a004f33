import { JiraSite } from '../emulator';
import { buildPostFunctionEvent, callResolver, MemoryKvs, withInvocation } from '../harness';
import { seedSite } from '../support/seed';
import { adminResolver } from '../../src/index';
import { commentPostFunction } from '../../src/rules/comment';
import type { ExecutionsView } from '../../src/shared/admin-page';
import { forgeEntity, forgeStore } from '../../src/access/kv-store';
import { AUDIT_COUNTER_ENTITY, storageKeys } from '../../src/access/storage-keys';
import { AUDIT_RETENTION_DAYS, createAuditLog } from '../../src/audit/audit-log';
import { readAuditCounters, SHARDS } from '../../src/audit/failure-counters';

const HOUR = 3_600_000;
const entry = {
  module: 'post-function' as const,
  rule: 'comment',
  actor: { kind: 'app' as const },
  calls: [],
};
const counters = (now: number) =>
  readAuditCounters(forgeStore, forgeEntity(AUDIT_COUNTER_ENTITY), now, AUDIT_RETENTION_DAYS);

describe('failure counters kept by the audit log', () => {
  const now = Date.parse('2026-11-28T12:30:00Z');

  it('counts failed entries per hour and day, and only failed ones', async () => {
    const site = new JiraSite();
    const kvs = new MemoryKvs();
    await withInvocation({ site, kvs }, async () => {
      const at = (ageMs: number) => createAuditLog(forgeStore, () => now - ageMs);
      for (const ageMs of [0, 5 * 60_000, 23 * HOUR, 25 * HOUR, 6 * 24 * HOUR, 8 * 24 * HOUR]) {
        await at(ageMs).record({ ...entry, outcome: 'failed', summary: 'failed' });
      }
      await at(0).record({ ...entry, outcome: 'applied', summary: 'ok' });
      await at(0).record({ ...entry, outcome: 'blocked', summary: 'blocked' });
      // 12:30 now: the last 24 hours are hour buckets 13:00 yesterday to 12:00 today; 7 days are 22–28 Nov.
      expect((await counters(now)).failures).toEqual({ last24Hours: 3, last7Days: 5 });
    });
  });

  it('loses no count when 50 executions fail at the same instant, and the page still reads them in 3 requests', async () => {
    const site = new JiraSite();
    const kvs = new MemoryKvs();
    await withInvocation({ site, kvs }, async () => {
      const log = createAuditLog(forgeStore, () => now);
      await Promise.all(
        Array.from({ length: 50 }, (_, n) =>
          log.record({ ...entry, outcome: 'failed', summary: `failed ${n}` }),
        ),
      );
      // Losers of a compare-and-set retried: the stand-in refused some conditional writes.
      expect(kvs.calls.filter((c) => c.op === 'transaction' && c.status === 409).length).toBeGreaterThan(0);
      const before = kvs.calls.length;
      expect((await counters(now)).failures).toEqual({ last24Hours: 50, last7Days: 50 });
      // However many executions: two batch reads of the shards and today's documents, one read of the first
      // shape's document.
      expect(
        kvs.calls
          .slice(before)
          .map((c) => c.op)
          .sort(),
      ).toEqual(['batch/get', 'batch/get', 'get']);
    });
    // Failures count in the shards themselves: no other document.
    expect(Object.keys(kvs.snapshot().entities[AUDIT_COUNTER_ENTITY] ?? {}).length).toBeLessThanOrEqual(
      SHARDS,
    );
  });

  it('still counts what the first version wrote in its single document (read, never rewritten)', async () => {
    const site = new JiraSite();
    const kvs = new MemoryKvs();
    const legacy = {
      hours: { '2026-11-28T11': 2, '2026-11-20T10': 9 },
      days: { '2026-11-28': 2, '2026-11-25': 4 },
    };
    await withInvocation({ site, kvs }, async () => {
      await forgeStore.set(storageKeys.legacy.auditFailures, legacy);
      await createAuditLog(forgeStore, () => now).record({ ...entry, outcome: 'failed', summary: 'x' });
      expect((await counters(now)).failures).toEqual({ last24Hours: 3, last7Days: 7 });
    });
    expect(kvs.snapshot().kvs[storageKeys.legacy.auditFailures]).toEqual(legacy);
  });

  it('counts 50 post-functions failing at once, as the admin page shows them', async () => {
    const { site, kvs } = seedSite();
    site.addUser({ accountId: 'admin', displayName: 'Ada Admin' });
    site.grant('ADMINISTER', { accountId: 'admin' });
    // The viewer may not comment and the rule may not fall back to the app: every execution fails.
    const events = Array.from({ length: 50 }, () =>
      buildPostFunctionEvent(site, {
        issueKey: 'OPS-1',
        transitionId: '11',
        atlassianId: 'viewer',
        configuration: { template: 'x', actor: 'transitioning-user', fallback: 'fail' },
      }),
    );
    await withInvocation({ site, kvs }, () =>
      Promise.all(events.map((event) => commentPostFunction(structuredClone(event)))),
    );
    const answer = (await callResolver(
      adminResolver,
      'getExecutions',
      {},
      {
        accountId: 'admin',
      },
      { site, kvs },
    )) as { ok: true; data: ExecutionsView };
    expect(answer.data.failures).toEqual({ last24Hours: 50, last7Days: 50 });
    expect(answer.data.storage.entries).toBe(50);
  });
});
