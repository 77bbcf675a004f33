import { JiraSite } from '../emulator';
import { MemoryKvs, withInvocation } from '../harness';
import { forgeStore } from '../../src/access/kv-store';
import { createAuditLog } from '../../src/audit/audit-log';
import { readFailureCounts } from '../../src/audit/failure-counters';

const HOUR = 3_600_000;

describe('failure counters kept by the audit log', () => {
  it('counts failed entries per hour and day, and only failed ones', async () => {
    const site = new JiraSite();
    const kvs = new MemoryKvs();
    const now = Date.parse('2026-11-28T12:30:00Z');
    await withInvocation({ site, kvs }, async () => {
      const at = (ageMs: number) => createAuditLog(forgeStore, () => now - ageMs);
      const entry = {
        module: 'post-function' as const,
        rule: 'comment',
        actor: { kind: 'app' as const },
        calls: [],
      };
      for (const ageMs of [0, 5 * 60_000, 23 * HOUR, 25 * HOUR, 6 * 24 * HOUR, 8 * 24 * HOUR]) {
        await at(ageMs).record({ ...entry, outcome: 'failed', summary: 'failed' });
      }
      await at(0).record({ ...entry, outcome: 'applied', summary: 'ok' });
      await at(0).record({ ...entry, outcome: 'blocked', summary: 'blocked' });
      // 12:30 now: the last 24 hours are hour buckets 13:00 yesterday to 12:00 today; 7 days are 22–28 Nov.
      expect(await readFailureCounts(forgeStore, now)).toEqual({ last24Hours: 3, last7Days: 5 });
    });
    // One document, pruned to the windows: the page reads it with one call however long the log.
    const counters = Object.keys(kvs.snapshot().kvs).filter((key) => key.startsWith('audit-failures'));
    expect(counters).toEqual(['audit-failures:recent']);
  });
});
