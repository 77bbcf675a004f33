import { JiraSite } from '../emulator';
import {
  buildPostFunctionEvent,
  MAX_VALUE_BYTES,
  MemoryKvs,
  runPostFunction,
  withInvocation,
} from '../harness';
import { APP, impersonate } from '../../src/access/actor';
import type { CallRecord } from '../../src/access/jira-client';
import { storageKeys } from '../../src/access/storage-keys';
import type { AuditEntry, NewAuditEntry } from '../../src/audit/entry';
import { recordExecution } from '../../src/execution/audit-sink';
import { auditEntries } from '../support/audit';
import { capturingConsole } from '../support/console';
import { seedSite } from '../support/seed';
import { commentPostFunction } from '../../src/rules/comment';

/**
 * An audit entry is never lost: an execution that made thousands of calls is recorded within the KVS value limit
 * (240 KiB), and when a write fails a reduced entry takes its place.
 */

const moved = (n: number): CallRecord => ({
  feature: 'rules/transition-related',
  actor: APP,
  method: 'POST',
  pathTemplate: '/rest/api/3/issue/{issueIdOrKey}/transitions',
  status: n % 100 === 99 ? 429 : 204,
  attempts: n % 100 === 99 ? 3 : 1,
  durationMs: 40,
  scopes: ['write:jira-work'],
  ...(n % 100 === 99 ? { failure: 'RATE_LIMITED' as const } : {}),
});

/** An execution of transition related over 4,999 sub-tasks: one search, then one move each. */
function bigExecution(): NewAuditEntry {
  const search: CallRecord = {
    feature: 'rules/transition-related',
    actor: impersonate('dev'),
    method: 'POST',
    pathTemplate: '/rest/api/3/search/jql',
    status: 200,
    attempts: 1,
    durationMs: 120,
    scopes: ['read:jira-work'],
  };
  const calls = [search, ...Array.from({ length: 4_999 }, (_, n) => moved(n))];
  return {
    module: 'post-function',
    rule: 'transition-related',
    projectKey: 'OPS',
    issueKey: 'OPS-1',
    triggeredBy: 'dev',
    actor: APP,
    outcome: 'failed',
    summary: `The effect was applied only in part (${Array.from({ length: 4_950 }, (_, n) => `OPS-${n + 2} moved`).join(', ')})`,
    error: { code: 'RATE_LIMITED', message: 'Jira kept answering 429 for OPS-100.' },
    calls,
  };
}

const record = (kvs: MemoryKvs, entry: NewAuditEntry) =>
  withInvocation({ site: new JiraSite(), kvs }, () => recordExecution(entry));

/** Every index the entry belongs to holds the same entry. */
function indexed(kvs: MemoryKvs): Record<string, AuditEntry[]> {
  const stored = Object.entries(kvs.snapshot().kvs);
  const under = (prefix: string) =>
    stored.filter(([key]) => key.startsWith(prefix)).map(([, value]) => value as AuditEntry);
  return {
    all: under(storageKeys.auditPrefix),
    failed: under(storageKeys.auditFailedPrefix),
    // The entries name their project by key only: indexed by key, as for a project not yet identified.
    project: under(storageKeys.legacy.auditByProjectKeyPrefix('OPS')),
    failedInProject: under(storageKeys.legacy.auditFailedByProjectKeyPrefix('OPS')),
  };
}

describe('audit entries are bounded and never lost', () => {
  it('records an execution of 5,000 calls, aggregated per endpoint with counts, well within the value limit', () =>
    capturingConsole(async (printed) => {
      const kvs = new MemoryKvs();
      const execution = bigExecution();
      // What the entry would have been with a record per call: far over the limit.
      expect(Buffer.byteLength(JSON.stringify(execution))).toBeGreaterThan(MAX_VALUE_BYTES);
      await record(kvs, execution);

      expect(printed).toEqual([]);
      const indexes = indexed(kvs);
      for (const entries of Object.values(indexes)) expect(entries).toHaveLength(1);
      const [entry] = auditEntries(kvs);
      expect(entry?.calls).toEqual([
        expect.objectContaining({ pathTemplate: '/rest/api/3/search/jql', status: 200, attempts: 1 }),
        expect.objectContaining({ count: 4_950, status: 204, attempts: 4_950, durationMs: 4_950 * 40 }),
        expect.objectContaining({ count: 49, status: 429, attempts: 147, failure: 'RATE_LIMITED' }),
      ]);
      expect(entry?.calls[0]).not.toHaveProperty('count');
      expect(entry?.scopesUsed).toEqual(['read:jira-work', 'write:jira-work']);
      expect(entry?.summary.length).toBeLessThanOrEqual(2_000);
      expect(entry?.summary).toMatch(/^The effect was applied only in part \(OPS-2 moved, OPS-3 moved, /);
      expect(entry?.summary).toMatch(/ more characters left out\)$/);
      expect(Buffer.byteLength(JSON.stringify(entry))).toBeLessThan(16 * 1024);
    }));

  it('writes a reduced entry, in every index, when the first write fails', () =>
    capturingConsole(async (printed) => {
      const kvs = new MemoryKvs();
      kvs.injectFault({ op: 'batch/set', status: 500, code: 'INTERNAL_SERVER_ERROR', times: 1 });
      await record(kvs, bigExecution());

      expect(printed).toEqual([]);
      const indexes = indexed(kvs);
      for (const entries of Object.values(indexes)) expect(entries).toHaveLength(1);
      const [entry] = auditEntries(kvs);
      expect(entry).toMatchObject({
        rule: 'transition-related',
        issueKey: 'OPS-1',
        triggeredBy: 'dev',
        outcome: 'failed',
        calls: [],
        callsLeftOut: 5_000,
        error: { code: 'RATE_LIMITED', message: 'Jira kept answering 429 for OPS-100.' },
      });
      expect(entry?.summary).toMatch(/^The effect was applied only in part \(OPS-2 moved, /);
      expect(entry?.summary).toMatch(
        /\[Reduced entry: the full one could not be saved \(.*INTERNAL_SERVER_ERROR.*\)\.\]$/,
      );
      expect(entry?.summary.length).toBeLessThan(1_000);
    }));

  it('keeps the entry of a real execution whose first audit writes fail', async () => {
    const { site, kvs } = seedSite();
    // The execution's one transaction, then the full entry written on its own: both refused.
    kvs.injectFault({ op: 'transaction', status: 500, code: 'INTERNAL_SERVER_ERROR', times: 1 });
    kvs.injectFault({ op: 'batch/set', status: 500, code: 'INTERNAL_SERVER_ERROR', times: 1 });
    const event = buildPostFunctionEvent(site, {
      issueKey: 'OPS-1',
      transitionId: '11',
      atlassianId: 'dev',
      configuration: JSON.stringify({ template: 'Moved' }),
    });
    await runPostFunction(commentPostFunction, event, { site, kvs });
    expect(site.issue('OPS-1').comments).toHaveLength(1);
    expect(auditEntries(kvs)).toEqual([
      expect.objectContaining({
        rule: 'comment',
        outcome: 'applied',
        callsLeftOut: 1,
        summary: expect.stringMatching(/\[Reduced entry: the full one could not be saved/),
      }),
    ]);
  });

  it('tells the function log, redacted, only when storage refuses the reduced entry too', () =>
    capturingConsole(async (printed) => {
      const kvs = new MemoryKvs();
      kvs.injectFault({ op: 'batch/set', status: 503, code: 'SERVICE_UNAVAILABLE', times: 2 });
      await record(kvs, bigExecution());
      expect(auditEntries(kvs)).toEqual([]);
      expect(printed).toEqual([
        expect.stringMatching(
          /^Workflow Guard could not write an audit entry for transition-related: .*SERVICE_UNAVAILABLE/,
        ),
      ]);
    }));
});
