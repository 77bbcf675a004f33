import { JiraSite } from '../emulator';
import { MemoryKvs, withInvocation } from '../harness';
import { forgeStore } from '../../src/access/kv-store';
import { createAuditLog } from '../../src/audit/audit-log';

describe('the audit log', () => {
  it('lists entries written within the same millisecond newest first, even across log instances', async () => {
    const at = () => Date.parse('2026-11-28T12:30:00.000Z');
    await withInvocation({ site: new JiraSite(), kvs: new MemoryKvs() }, async () => {
      const entry = {
        module: 'post-function' as const,
        rule: 'comment',
        actor: { kind: 'app' as const },
        calls: [],
      };
      const summaries = ['first', 'second', 'third', 'fourth', 'fifth'];
      for (const [n, summary] of summaries.entries()) {
        await createAuditLog(forgeStore, at).record({
          ...entry,
          outcome: n < 4 ? 'retrying' : 'applied',
          summary,
        });
      }
      const page = await createAuditLog(forgeStore, at).query({}, { limit: 10 });
      expect(page.entries.map((e) => e.summary)).toEqual([...summaries].reverse());
    });
  });
});
