import { withInvocation } from '../harness';
import { setConnectionSecret } from '../../src/connections/store';
import { storageKeys } from '../../src/access/storage-keys';
import { startThirdParty, type ThirdParty } from '../third-party';
import { auditEntries } from '../support/audit';
import { seedSite } from '../support/seed';
import { clientCredentialsConnection, delivered, viaLoopback, notifier, setUpConnection } from './support';

describe('Notify with OAuth 2.0 client credentials', () => {
  let tp: ThirdParty;
  let skewMs = 0; // how far the service's clock runs ahead of the app's
  beforeAll(async () => {
    tp = await startThirdParty({ accessTokenTtlSeconds: 3600, now: () => Date.now() + skewMs });
  });
  afterAll(() => tp.close());
  beforeEach(() => {
    tp.state.reset();
    skewMs = 0;
  });

  async function setup(secret = 'workflow-guard-secret') {
    const { site, kvs } = seedSite();
    await setUpConnection(site, kvs, clientCredentialsConnection(tp), secret);
    const notify = notifier(site, { site, kvs, ...viaLoopback }, { connectionId: 'ops-oauth' });
    const cachedToken = () =>
      JSON.parse(kvs.snapshot().secrets[storageKeys.connectionAccessToken('ops-oauth')] as string) as {
        accessToken: string;
        expiresAt: number;
      };
    return { site, kvs, notify, cachedToken };
  }

  it('obtains an access token once and reuses it, kept as a secret', async () => {
    const { kvs, notify, cachedToken } = await setup();
    await notify();
    await notify();
    expect(tp.state.tokenRequests.map((r) => [r.grantType, r.outcome])).toEqual([
      ['client_credentials', 'issued'],
    ]);
    expect(delivered(tp).map((r) => [r.authKind, r.subject])).toEqual([
      ['oauth', 'workflow-guard'],
      ['oauth', 'workflow-guard'],
    ]);
    expect(JSON.stringify(kvs.snapshot().kvs)).not.toContain(cachedToken().accessToken);
  });

  it('renews the token shortly before it expires, without any failed call', async () => {
    const { kvs, notify, cachedToken } = await setup();
    await notify();
    const first = cachedToken().accessToken;
    // The cached token is within a minute of expiring: the next notification asks for a new one first.
    await withInvocation({ site: seedSite().site, kvs }, async () => {
      const { kvs: forgeKvs } = await import('@forge/kvs');
      await forgeKvs.setSecret(
        storageKeys.connectionAccessToken('ops-oauth'),
        JSON.stringify({ accessToken: first, expiresAt: Date.now() + 30_000 }),
      );
    });
    await notify();
    expect(tp.state.tokenRequests).toHaveLength(2);
    expect(cachedToken().accessToken).not.toBe(first);
    expect(tp.state.received.map((r) => r.status)).toEqual([202, 202]);
    expect(auditEntries(kvs).map((e) => [e.outcome, e.error])).toEqual([
      ['applied', undefined],
      ['applied', undefined],
    ]);
  });

  it('refreshes once and retries once when the service says the token expired, and the audit shows no error', async () => {
    const { kvs, notify } = await setup();
    await notify();
    skewMs = 2 * 3600_000; // the service now considers the cached token expired
    await notify();
    expect(tp.state.received.map((r) => r.status)).toEqual([202, 401, 202]);
    expect(tp.state.tokenRequests).toHaveLength(2);
    const [latest] = auditEntries(kvs);
    expect(latest).toMatchObject({ outcome: 'applied' });
    expect(latest?.error).toBeUndefined();
    expect(latest?.calls.filter((c) => c.failure)).toEqual([]);
  });

  it('ends in a clear "reconnect" error when the client credentials were revoked', async () => {
    const { site, kvs, notify } = await setup();
    await notify();
    skewMs = 2 * 3600_000;
    // The provider rotated the client secret: the stored one no longer works.
    await withInvocation({ site, kvs }, () =>
      setConnectionSecret('ops-oauth', 'revoked-secret-value', 'admin'),
    );
    await notify();
    expect(delivered(tp)).toHaveLength(1);
    expect(tp.state.tokenRequests.map((r) => r.outcome)).toEqual(['issued', 'invalid_client']);
    expect(auditEntries(kvs)[0]).toMatchObject({
      outcome: 'failed',
      error: {
        code: 'RECONNECT_REQUIRED',
        message: expect.stringContaining(
          'a Jira admin enters the current client secret of connection "Ops OAuth" on the Workflow Guard admin page (the service answered invalid_client)',
        ),
      },
    });
  });

  it('asks to reconnect when the service refuses a fresh token too', async () => {
    const { kvs, notify } = await setup();
    tp.state.failNext({ status: 401, times: 2 });
    await notify();
    expect(tp.state.tokenRequests).toHaveLength(2);
    expect(auditEntries(kvs)[0]?.error).toMatchObject({
      code: 'RECONNECT_REQUIRED',
      message: expect.stringContaining('checks the client id and secret of connection "Ops OAuth"'),
    });
  });
});
