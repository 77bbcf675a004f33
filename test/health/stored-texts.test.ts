import type { JiraSite } from '../emulator';
import { withInvocation, type MemoryKvs } from '../harness';
import { auditEntries } from '../support/audit';
import { readHealthReport } from '../../src/health/run';
import { readHealthState, writeHealthState } from '../../src/health/store';
import { english, render } from '../../src/access/texts';
import type { HealthProblemView } from '../../src/shared/health';
import { runCheck, seedHealthSite } from './health-site';

/** A problem as the previous version stored it: without `said`. */
const withoutTexts = (problem: HealthProblemView): HealthProblemView => {
  const previous = { ...problem };
  delete previous.said;
  return previous;
};

/**
 * Health problems are stored between runs (src/health/store.ts). This version adds `said` (the texts a page words
 * in its reader's language) beside the English words; a result the previous version stored has only those.
 */
describe('health results stored by the previous version', () => {
  let site: JiraSite;
  let kvs: MemoryKvs;
  beforeEach(() => {
    ({ site, kvs } = seedHealthSite());
    site.renameGroup('release-managers', 'release-leads');
  });

  /** The stored state as the previous version wrote it: no `said` on any problem. */
  const asPreviousVersionStored = () =>
    withInvocation({ site, kvs }, async () => {
      const state = await readHealthState();
      await writeHealthState({
        ...state,
        problems: state.problems.map(withoutTexts),
      });
    });

  it('still read, as stored; the next run keeps their ids and when they were first seen, and audits none again', async () => {
    const first = await runCheck(site, kvs);
    expect(first.problems.length).toBeGreaterThan(0);
    // What this version stores: the English words, and the same as texts.
    for (const problem of first.problems) {
      expect(problem.said).toBeDefined();
      expect(render(english, [problem.said!.problem])).toBe(problem.problem);
      expect(render(english, [problem.said!.fix])).toBe(problem.fix);
      expect(render(english, [problem.said!.fixAt])).toBe(problem.fixAt.label);
    }
    await asPreviousVersionStored();
    const stored = await withInvocation({ site, kvs }, () => readHealthReport());
    expect(stored.problems).toEqual(first.problems.map(withoutTexts));

    const audited = auditEntries(kvs).length;
    const next = await runCheck(site, kvs);
    expect(next.problems.map((p) => [p.id, p.firstSeen, p.problem])).toEqual(
      first.problems.map((p) => [p.id, p.firstSeen, p.problem]),
    );
    expect(next.problems.every((p) => p.said)).toBe(true);
    expect(auditEntries(kvs)).toHaveLength(audited);
  });
});
