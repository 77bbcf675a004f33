import { encodeEntry, readStoredEntry } from '../../src/audit/stored-entry';
import type { AuditEntry } from '../../src/audit/entry';
import { endpointTable } from '../../src/permissions/endpoints';

/** An endpoint the app calls, with the scopes the endpoint table gives it. */
const [createIssue] = endpointTable.filter(
  (row) => row.method === 'POST' && row.pathTemplate === '/rest/api/3/issue',
);
const KEY = 'audit:all:8203916524240999:BoqpNXiE';

const entry = (calls: AuditEntry['calls']): AuditEntry => ({
  id: 'BoqpNXiE',
  at: new Date(10 ** 13 - 8203916524240).toISOString(),
  module: 'post-function',
  rule: 'create-issue',
  issueKey: 'OPS-2',
  projectKey: 'OPS',
  triggeredBy: 'dev',
  actor: { kind: 'app' },
  calls,
  scopesUsed: [...(createIssue?.classicScopes ?? [])].sort(),
  outcome: 'applied',
  summary: 'Created SUP-2',
});

describe('stored audit entries', () => {
  const usual = {
    method: 'POST',
    pathTemplate: '/rest/api/3/issue',
    status: 201,
    attempts: 1,
    durationMs: 140,
    scopes: createIssue?.classicScopes ?? [],
    actor: { kind: 'app' as const },
  };

  it('keeps each call as the admin log shows it, a usual one in fewer bytes', () => {
    const retried = {
      ...usual,
      status: 503,
      attempts: 3,
      durationMs: 900,
      failure: 'UPSTREAM_FAILURE' as const,
    };
    const written = entry([usual, retried]);
    const stored = encodeEntry(written, 'full');
    expect(readStoredEntry(stored, KEY)).toEqual(written);
    // POST /rest/api/3/issue is "#9cfzmt": its call was stored as ["#9cfzmt", 201, 1, 140] before.
    expect(stored.c).toEqual(['#9cfzmt 201 140', ['#9cfzmt', 503, 3, 900, { f: 'UPSTREAM_FAILURE' }]]);
  });

  it('still reads an entry whose calls were stored as arrays, as earlier releases wrote them', () => {
    const stored = { ...encodeEntry(entry([]), 'full'), c: [['#9cfzmt', 201, 1, 140]] };
    expect(readStoredEntry(stored, KEY)?.calls).toEqual([usual]);
  });
});
