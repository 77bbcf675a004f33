import { buildPostFunctionEvent, callResolver, runPostFunction, withInvocation } from '../harness';
import { openSession } from '../../src/access/session';
import { accountsResolver } from '../../src/connections/account-resolver';
import { listConnections, setConnectionSecret } from '../../src/connections/store';
import { testConnection } from '../../src/connections/test-connection';
import { notifyPostFunction } from '../../src/rules/notify';
import { startThirdParty, type ThirdParty } from '../third-party';
import { auditEntries } from '../support/audit';
import { seedSite } from '../support/seed';
import { apiTokenConnection, egressTo, setUpConnection } from './support';

/**
 * A unique API token must never show up anywhere people or logs can read: console output, the non-secret
 * storage, audit entries, errors and resolver answers; on success and on every failure path.
 */
const CANARY = 'canary-token-7f3c9e1d5b';

describe('the API token never leaks', () => {
  let tp: ThirdParty;
  beforeAll(async () => {
    tp = await startThirdParty({ users: [{ username: 'alice', displayName: 'Alice', apiToken: CANARY }] });
  });
  afterAll(() => tp.close());

  it('on success, refusal, outage, retry and test, in logs, storage, audit, errors and answers', async () => {
    const printed: string[] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) =>
      jest
        .spyOn(console, level)
        .mockImplementation((...args: unknown[]) => void printed.push(args.map(String).join(' '))),
    );
    try {
      const { site, kvs } = seedSite();
      await setUpConnection(site, kvs, apiTokenConnection(tp, 'basic'), CANARY);
      const opts = { site, kvs, ...egressTo(tp) };
      const answers: unknown[] = [];
      let n = 0;
      const notify = async (budgetMs = 25_000) =>
        answers.push(
          await runPostFunction(
            notifyPostFunction,
            buildPostFunctionEvent(site, {
              issueKey: 'OPS-1',
              transitionId: '11',
              atlassianId: 'dev',
              executionId: `exec-${(n += 1)}`,
              configuration: JSON.stringify({ connectionId: 'ops-hook', reportFailureOnIssue: true }),
            }),
            { ...opts, budgetMs },
          ),
        );
      await notify(); // delivered
      tp.state.failNext({ status: 503 });
      await notify(3_000); // outage outlasting a short budget (no time for a second attempt): handed to the platform retry
      tp.state.failNext({ status: 400 });
      await notify(); // refused
      await withInvocation({ site, kvs, accountId: 'admin' }, () =>
        setConnectionSecret('ops-hook', `${CANARY}-old`, 'admin'),
      );
      await notify(); // credentials no longer valid
      await withInvocation({ site, kvs, accountId: 'admin', ...egressTo(tp) }, async () => {
        answers.push(await testConnection('ops-hook', openSession('connections/test')));
        answers.push(await listConnections());
      });
      answers.push(
        await callResolver(accountsResolver, 'listAccounts', {}, { accountId: 'dev' }, { site, kvs }),
      );

      const entries = auditEntries(kvs);
      expect(entries.map((e) => e.outcome)).toEqual(['failed', 'failed', 'retrying', 'applied']);
      expect(entries.map((e) => e.error?.code)).toEqual([
        'RECONNECT_REQUIRED',
        'INVALID_INPUT',
        'UPSTREAM_FAILURE',
        undefined,
      ]);
      const readable = JSON.stringify({
        printed,
        storage: kvs.snapshot().kvs,
        entries,
        answers,
        comments: site.issue('OPS-1').comments,
        calls: site.calls,
      });
      expect(readable).not.toContain(CANARY);
      expect(readable).not.toContain(Buffer.from(`alice:${CANARY}`).toString('base64'));
      // The token did reach the service, and is kept as a secret.
      expect(tp.state.received.some((r) => r.authKind === 'api-token-basic')).toBe(true);
      expect(Object.values(kvs.snapshot().secrets)).toContain(`${CANARY}-old`);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});
