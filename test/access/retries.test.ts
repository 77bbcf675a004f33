import { startInvocation } from '../harness';
import { APP } from '../../src/access/actor';
import { route } from '../../src/access/route';
import { openSession } from '../../src/access/session';
import { seedSite } from '../support/seed';

const readIssue = () =>
  openSession('test/retries')
    .jira(APP)
    .requestJira(route`/rest/api/3/issue/${'OPS-1'}?fields=${'summary'}`);

describe('retries that honour Jira', () => {
  afterEach(() => jest.useRealTimers());

  it('retries a 429 with Retry-After: 2 no earlier than 2 s later', async () => {
    jest.useFakeTimers();
    const { site, kvs } = seedSite();
    site.faults.inject({
      match: { operationId: 'getIssue' },
      response: { kind: 'rateLimit', reason: 'jira-burst-based', retryAfterSeconds: 2 },
    });
    const invocation = startInvocation({ site, kvs });
    try {
      const pending = readIssue();
      await jest.advanceTimersByTimeAsync(1_999);
      expect(site.calls).toHaveLength(1);
      await jest.advanceTimersByTimeAsync(2_000);
      await expect(pending).resolves.toMatchObject({ key: 'OPS-1' });
      const [first, second] = site.calls;
      expect([first?.status, second?.status]).toEqual([429, 200]);
      expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(2_000);
    } finally {
      invocation.end();
    }
  });

  it('retries 5xx and network errors for reads, then succeeds', async () => {
    jest.useFakeTimers();
    const { site, kvs } = seedSite();
    site.faults.inject({
      match: { operationId: 'getIssue' },
      response: { kind: 'serverError', status: 503 },
    });
    site.faults.inject({ match: { operationId: 'getIssue' }, response: { kind: 'networkError' } });
    const invocation = startInvocation({ site, kvs });
    try {
      const pending = readIssue();
      await jest.advanceTimersByTimeAsync(10_000);
      await expect(pending).resolves.toMatchObject({ key: 'OPS-1' });
      expect(site.calls.map((c) => c.status)).toEqual([503, 0, 200]);
    } finally {
      invocation.end();
    }
  });

  it('stops when the wait Jira asks for does not fit in the time left, saying how long to wait', async () => {
    const { site, kvs } = seedSite();
    site.faults.inject({
      match: { operationId: 'getIssue' },
      times: Infinity,
      response: { kind: 'rateLimit', reason: 'jira-quota-tenant-based', retryAfterSeconds: 120 },
    });
    const invocation = startInvocation({ site, kvs });
    try {
      await expect(readIssue()).rejects.toMatchObject({
        code: 'RATE_LIMITED',
        details: { rateLimitReason: 'jira-quota-tenant-based', retryAfterMs: expect.any(Number) },
        userMessage: expect.stringMatching(
          /^Jira is busy right now \(rate limit\)\. Please try again in about 12\d seconds\.$/,
        ),
      });
      expect(site.calls).toHaveLength(1);
    } finally {
      invocation.end();
    }
  });

  it('never retries a write after a network error: it may have been applied', async () => {
    const { site, kvs } = seedSite();
    site.faults.inject({ match: { operationId: 'addComment' }, response: { kind: 'networkError' } });
    const invocation = startInvocation({ site, kvs });
    try {
      const write = openSession('test/retries')
        .jira(APP)
        .requestJira(route`/rest/api/3/issue/${'OPS-1'}/comment`, {
          method: 'POST',
          body: { body: { type: 'doc', version: 1, content: [] } },
        });
      await expect(write).rejects.toMatchObject({ code: 'UPSTREAM_FAILURE' });
      expect(site.calls).toHaveLength(1);
    } finally {
      invocation.end();
    }
  });

  it('retries a POST that only reads, like the enhanced search, after a 500 and a network error', async () => {
    jest.useFakeTimers();
    const { site, kvs } = seedSite();
    site.faults.inject({
      match: { operationId: 'searchAndReconsileIssuesUsingJqlPost' },
      response: { kind: 'serverError', status: 500 },
    });
    site.faults.inject({
      match: { operationId: 'searchAndReconsileIssuesUsingJqlPost' },
      response: { kind: 'networkError' },
    });
    const invocation = startInvocation({ site, kvs });
    try {
      const pending = openSession('test/retries')
        .jira(APP)
        .requestJira(route`/rest/api/3/search/jql`, {
          method: 'POST',
          body: { jql: 'project = OPS', fields: ['status'] },
          readOnly: true,
        });
      await jest.advanceTimersByTimeAsync(10_000);
      await expect(pending).resolves.toMatchObject({ issues: [expect.objectContaining({ key: 'OPS-1' })] });
      expect(site.calls.map((c) => c.status)).toEqual([500, 0, 200]);
    } finally {
      invocation.end();
    }
  });
});
