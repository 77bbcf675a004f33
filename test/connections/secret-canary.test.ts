import { callResolver, withInvocation, type MemoryKvs, type RunOptions } from '../harness';
import type { JiraSite } from '../emulator';
import { adminResolver } from '../../src/pages/admin';
import { openSession } from '../../src/access/session';
import { accountsResolver } from '../../src/connections/account-resolver';
import { listConnections, setConnectionSecret } from '../../src/connections/store';
import { testConnection } from '../../src/connections/test-connection';
import { DEFAULT_CLIENT, startThirdParty, type ThirdParty } from '../third-party';
import { auditEntries } from '../support/audit';
import { capturingConsole } from '../support/console';
import { seedSite } from '../support/seed';
import {
  apiTokenConnection,
  clientCredentialsConnection,
  viaLoopback,
  loopbackFetch,
  notifier,
  setUpConnection,
} from './support';

/**
 * A unique API token must never show up anywhere people or logs can read: console output, the non-secret
 * storage, audit entries, errors and resolver answers; on success and on every failure path.
 */
const CANARY = 'canary-token-7f3c9e1d5b';
const CLIENT_SECRET_CANARY = 'canary-client-secret-4a8e2b6f0c';

/** Notify through `connectionId`, reporting failures on the issue, keeping each answer. */
function notifyKeeping(site: JiraSite, opts: RunOptions, connectionId: string, answers: unknown[]) {
  const notify = notifier(site, opts, { connectionId, reportFailureOnIssue: true });
  return async (budgetMs?: number) => answers.push(await notify(budgetMs));
}

/** Everything people and logs can read after a run. */
const readable = (site: JiraSite, kvs: MemoryKvs, printed: string[], answers: unknown[]) =>
  JSON.stringify({
    printed,
    storage: kvs.snapshot().kvs,
    entries: auditEntries(kvs),
    answers,
    comments: site.issue('OPS-1').comments,
    calls: site.calls,
  });

describe('the API token never leaks', () => {
  let tp: ThirdParty;
  beforeAll(async () => {
    tp = await startThirdParty({ users: [{ username: 'alice', displayName: 'Alice', apiToken: CANARY }] });
  });
  afterAll(() => tp.close());

  it('on success, refusal, outage, retry and test, in logs, storage, audit, errors and answers', () =>
    capturingConsole(async (printed) => {
      const { site, kvs } = seedSite();
      await setUpConnection(site, kvs, apiTokenConnection(tp, 'basic'), CANARY);
      const opts = { site, kvs, ...viaLoopback };
      const answers: unknown[] = [];
      const notify = notifyKeeping(site, opts, 'ops-hook', answers);
      await notify(); // delivered
      tp.state.failNext({ status: 503 });
      await notify(3_000); // outage outlasting a short budget (no time for a second attempt): handed to the platform retry
      tp.state.failNext({ status: 400 });
      await notify(); // refused
      await withInvocation({ site, kvs, accountId: 'admin' }, () =>
        setConnectionSecret('ops-hook', `${CANARY}-old`, 'admin'),
      );
      await notify(); // credentials no longer valid
      await withInvocation({ site, kvs, accountId: 'admin', ...viaLoopback }, async () => {
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
      const seen = readable(site, kvs, printed, answers);
      expect(seen).not.toContain(CANARY);
      expect(seen).not.toContain(Buffer.from(`alice:${CANARY}`).toString('base64'));
      // The token did reach the service, and is kept as a secret.
      expect(tp.state.received.some((r) => r.authKind === 'api-token-basic')).toBe(true);
      expect(Object.values(kvs.snapshot().secrets)).toContain(`${CANARY}-old`);
    }));
});

describe('the OAuth client secret set on the admin page, and the access tokens it earns, never leak', () => {
  let tp: ThirdParty;
  beforeAll(async () => {
    tp = await startThirdParty({
      clients: [{ clientId: DEFAULT_CLIENT.clientId, clientSecret: CLIENT_SECRET_CANARY, redirectUris: [] }],
    });
  });
  afterAll(() => tp.close());

  it('through saving, testing, delivering, renewing, an outage and a rotated secret', () =>
    capturingConsole(async (printed) => {
      const { site, kvs } = seedSite();
      site.addUser({ accountId: 'admin', displayName: 'Ada Admin' });
      site.grant('ADMINISTER', { accountId: 'admin' });
      const connection = clientCredentialsConnection(tp);
      // The project allows the connection; the connection and its secret are set through the admin page below.
      await setUpConnection(site, kvs, connection);
      const issuedTokens: string[] = [];
      const externalFetch = async (url: string, init: RequestInit) => {
        const response = await loopbackFetch(url, init);
        if (url.endsWith('/oauth/token') && response.ok) {
          issuedTokens.push(((await response.clone().json()) as { access_token: string }).access_token);
        }
        return response;
      };
      const opts = { site, kvs, ...viaLoopback, externalFetch };
      const answers: unknown[] = [];
      const admin = async (functionKey: string, payload: unknown) =>
        answers.push(
          await callResolver(
            adminResolver,
            functionKey,
            payload,
            { accountId: 'admin', moduleKey: 'admin-page' },
            opts,
          ),
        );
      const notify = notifyKeeping(site, opts, connection.id, answers);

      await admin('saveConnection', { connection });
      await admin('setConnectionSecret', { id: connection.id, value: CLIENT_SECRET_CANARY });
      await admin('testConnection', { id: connection.id });
      await notify(); // delivered with a fresh access token
      tp.state.revokeAllAccessTokens();
      await notify(); // the service refuses the cached token: renewed once, delivered
      tp.state.failNext({ status: 503 });
      await notify(3_000); // an outage outlasting a short budget: handed to the platform retry
      await admin('setConnectionSecret', { id: connection.id, value: `${CLIENT_SECRET_CANARY}-rotated` });
      tp.state.revokeAllAccessTokens();
      await notify(); // the service no longer knows the secret: reconnect
      await admin('getConnections', {});
      await admin('getExecutions', {});

      expect(
        auditEntries(kvs)
          .filter((e) => e.rule === 'notify')
          .map((e) => e.outcome),
      ).toEqual(['failed', 'retrying', 'applied', 'applied']);
      expect(issuedTokens.length).toBeGreaterThanOrEqual(2);
      const seen = readable(site, kvs, printed, answers);
      for (const secret of [CLIENT_SECRET_CANARY, ...issuedTokens]) expect(seen).not.toContain(secret);
      expect(seen).not.toContain(
        Buffer.from(`${DEFAULT_CLIENT.clientId}:${CLIENT_SECRET_CANARY}`).toString('base64'),
      );
      // The secret did reach the token endpoint, and is kept as a secret.
      expect(tp.state.tokenRequests.some((r) => r.outcome === 'issued')).toBe(true);
      expect(Object.values(kvs.snapshot().secrets)).toContain(`${CLIENT_SECRET_CANARY}-rotated`);
    }));
});
