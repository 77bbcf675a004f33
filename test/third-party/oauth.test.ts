import { DEFAULT_CLIENT, startThirdParty, type ThirdParty, type TokenResponse } from './index';
import { authorizationCodeFlow, basic, CLIENT_AUTH, postForm } from './test-helpers';

describe('third-party OAuth 2.0 authorization server', () => {
  let clock = 1_700_000_000_000;
  let tp: ThirdParty;
  const token = (
    params: Record<string, string>,
    headers: Record<string, string> = { Authorization: CLIENT_AUTH },
  ) => postForm(`${tp.url}/oauth/token`, params, headers);
  const me = (accessToken: string) =>
    fetch(`${tp.url}/me`, { headers: { Authorization: `Bearer ${accessToken}` } });

  beforeAll(async () => {
    tp = await startThirdParty({
      accessTokenTtlSeconds: 300,
      authorizationCodeTtlSeconds: 30,
      now: () => clock,
    });
  });
  afterAll(() => tp.close());
  beforeEach(() => tp.state.reset());

  it('listens on 127.0.0.1 only', () => {
    expect(new URL(tp.url).hostname).toBe('127.0.0.1');
  });

  describe('client_credentials', () => {
    it('issues a Bearer token (client authenticated with HTTP Basic) without a refresh token', async () => {
      const res = await token({ grant_type: 'client_credentials', scope: 'hooks:write' });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const body = (await res.json()) as TokenResponse;
      expect(body).toEqual({
        access_token: expect.stringMatching(/^at_/) as string,
        token_type: 'Bearer',
        expires_in: 300,
        scope: 'hooks:write',
      });
      const who = await me(body.access_token);
      expect(await who.json()).toMatchObject({ authKind: 'oauth', subject: DEFAULT_CLIENT.clientId });
    });

    it('accepts client_id/client_secret in the form body', async () => {
      const res = await token(
        {
          grant_type: 'client_credentials',
          client_id: 'workflow-guard',
          client_secret: 'workflow-guard-secret',
        },
        {},
      );
      expect(res.status).toBe(200);
    });

    it('answers invalid_client with 401 (and a Basic challenge when Basic was used)', async () => {
      const viaBasic = await token(
        { grant_type: 'client_credentials' },
        { Authorization: basic('workflow-guard', 'x') },
      );
      expect(viaBasic.status).toBe(401);
      expect(viaBasic.headers.get('www-authenticate')).toBe('Basic realm="third-party"');
      expect(await viaBasic.json()).toEqual({
        error: 'invalid_client',
        error_description: 'Client authentication failed',
      });
      const noAuth = await token({ grant_type: 'client_credentials' }, {});
      expect(noAuth.status).toBe(401);
      expect(await noAuth.json()).toMatchObject({ error: 'invalid_client' });
      const viaBody = await token(
        { grant_type: 'client_credentials', client_id: 'nobody', client_secret: 'x' },
        {},
      );
      expect(viaBody.status).toBe(401);
      expect(viaBody.headers.get('www-authenticate')).toBeNull();
    });

    it('rejects two client authentication methods, non-form bodies and unknown grants', async () => {
      const both = await token({ grant_type: 'client_credentials', client_id: 'workflow-guard' });
      expect(await both.json()).toMatchObject({ error: 'invalid_request' });
      const json = await fetch(`${tp.url}/oauth/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: CLIENT_AUTH },
        body: JSON.stringify({ grant_type: 'client_credentials' }),
      });
      expect(json.status).toBe(400);
      expect(await json.json()).toMatchObject({ error: 'invalid_request' });
      const password = await token({ grant_type: 'password' });
      expect(await password.json()).toMatchObject({ error: 'unsupported_grant_type' });
      expect(tp.state.tokenRequests.map((r) => r.outcome)).toEqual([
        'invalid_request',
        'invalid_request',
        'unsupported_grant_type',
      ]);
    });
  });

  describe('authorization_code (Forge external-auth provider flow)', () => {
    it('redirects with a code and state, then exchanges it for tokens of the chosen user', async () => {
      const { redirect, location, tokenRes } = await authorizationCodeFlow(tp.url, 'bob');
      expect(redirect.status).toBe(302);
      expect(location.origin + location.pathname).toBe(DEFAULT_CLIENT.redirectUris[0]);
      expect(location.searchParams.get('state')).toBe('xyz');
      const body = (await tokenRes.json()) as TokenResponse;
      expect(body.refresh_token).toMatch(/^rt_/);
      expect(body.scope).toBe('hooks:write profile');
      expect(await (await me(body.access_token)).json()).toMatchObject({
        subject: 'bob',
        displayName: 'Bob Builder',
      });
    });

    it('approves as the user chosen with state.authorizeAs, or denies with access_denied', async () => {
      tp.state.authorizeAs('bob');
      const asBob = await authorizationCodeFlow(tp.url);
      const { access_token } = (await asBob.tokenRes.json()) as TokenResponse;
      expect(await (await me(access_token)).json()).toMatchObject({ subject: 'bob' });
      tp.state.authorizeAs(null);
      const denied = await authorizationCodeFlow(tp.url);
      expect(denied.location.searchParams.get('error')).toBe('access_denied');
      expect(denied.location.searchParams.get('state')).toBe('xyz');
    });

    it('never redirects to an unregistered redirect_uri', async () => {
      const res = await fetch(
        `${tp.url}/oauth/authorize?response_type=code&client_id=workflow-guard&redirect_uri=https://evil.example/cb`,
        { redirect: 'manual' },
      );
      expect(res.status).toBe(400);
      expect(res.headers.get('location')).toBeNull();
    });

    it('rejects a replayed code and revokes the tokens issued from it', async () => {
      const { code, tokenRes } = await authorizationCodeFlow(tp.url);
      const first = (await tokenRes.json()) as TokenResponse;
      const replay = await token({
        grant_type: 'authorization_code',
        code,
        redirect_uri: DEFAULT_CLIENT.redirectUris[0]!,
      });
      expect(await replay.json()).toEqual({
        error: 'invalid_grant',
        error_description: 'The authorization code has already been used',
      });
      expect((await me(first.access_token)).status).toBe(401);
    });

    it('rejects a code after authorizationCodeTtlSeconds or with a different redirect_uri', async () => {
      const authorize = await fetch(
        `${tp.url}/oauth/authorize?response_type=code&client_id=workflow-guard&redirect_uri=${encodeURIComponent(
          DEFAULT_CLIENT.redirectUris[0]!,
        )}`,
        { redirect: 'manual' },
      );
      const code = new URL(authorize.headers.get('location') ?? '').searchParams.get('code') ?? '';
      const mismatch = await token({
        grant_type: 'authorization_code',
        code,
        redirect_uri: 'https://other/cb',
      });
      expect(await mismatch.json()).toMatchObject({ error: 'invalid_grant' });

      const late = await fetch(
        `${tp.url}/oauth/authorize?response_type=code&client_id=workflow-guard&login_hint=alice`,
        { redirect: 'manual' },
      );
      const lateCode = new URL(late.headers.get('location') ?? '').searchParams.get('code') ?? '';
      clock += 30_000;
      const expired = await token({ grant_type: 'authorization_code', code: lateCode });
      expect(await expired.json()).toEqual({
        error: 'invalid_grant',
        error_description: 'The authorization code expired',
      });
    });
  });

  describe('refresh_token', () => {
    it('rotates the refresh token; the old one then fails with invalid_grant', async () => {
      const first = (await (await authorizationCodeFlow(tp.url)).tokenRes.json()) as TokenResponse;
      const res = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token! });
      const second = (await res.json()) as TokenResponse;
      expect(second.refresh_token).toMatch(/^rt_/);
      expect(second.refresh_token).not.toBe(first.refresh_token);
      expect((await me(second.access_token)).status).toBe(200);
      const reused = await token({ grant_type: 'refresh_token', refresh_token: first.refresh_token! });
      expect(reused.status).toBe(400);
      expect(await reused.json()).toEqual({
        error: 'invalid_grant',
        error_description: 'The refresh token has been revoked',
      });
    });

    it('allows a narrower scope and refuses a wider one', async () => {
      const first = (await (await authorizationCodeFlow(tp.url)).tokenRes.json()) as TokenResponse;
      const wider = await token({
        grant_type: 'refresh_token',
        refresh_token: first.refresh_token!,
        scope: 'admin',
      });
      expect(await wider.json()).toMatchObject({ error: 'invalid_scope' });
      const narrower = await token({
        grant_type: 'refresh_token',
        refresh_token: first.refresh_token!,
        scope: 'hooks:write',
      });
      expect(await narrower.json()).toMatchObject({ scope: 'hooks:write' });
    });

    it('does not let another client use the refresh token', async () => {
      const other = await startThirdParty({
        clients: [DEFAULT_CLIENT, { clientId: 'other', clientSecret: 's', redirectUris: [] }],
      });
      try {
        const { refresh_token } = other.state.issueTokens({ username: 'alice' });
        const res = await postForm(
          `${other.url}/oauth/token`,
          { grant_type: 'refresh_token', refresh_token: refresh_token! },
          { Authorization: basic('other', 's') },
        );
        expect(await res.json()).toMatchObject({ error: 'invalid_grant' });
      } finally {
        await other.close();
      }
    });
  });

  describe('expiry and revocation', () => {
    it('expires access tokens after accessTokenTtlSeconds (injected clock)', async () => {
      const { access_token } = tp.state.issueTokens();
      clock += 299_000;
      expect((await me(access_token)).status).toBe(200);
      clock += 1_000;
      const res = await me(access_token);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe(
        'Bearer error="invalid_token", error_description="The access token expired"',
      );
    });

    it('works with jest fake timers when no clock is injected', async () => {
      const real = await startThirdParty({ accessTokenTtlSeconds: 60 });
      // Fake only Date: the HTTP stack needs real timers and ticks.
      jest.useFakeTimers({
        doNotFake: [
          'hrtime',
          'nextTick',
          'performance',
          'queueMicrotask',
          'requestAnimationFrame',
          'cancelAnimationFrame',
          'requestIdleCallback',
          'cancelIdleCallback',
          'setImmediate',
          'clearImmediate',
          'setInterval',
          'clearInterval',
          'setTimeout',
          'clearTimeout',
        ],
      });
      try {
        const { access_token } = real.state.issueTokens();
        jest.setSystemTime(Date.now() + 61_000);
        const res = await fetch(`${real.url}/me`, { headers: { Authorization: `Bearer ${access_token}` } });
        expect(res.status).toBe(401);
      } finally {
        jest.useRealTimers();
        await real.close();
      }
    });

    it('revokes via POST /oauth/revoke (RFC 7009), 200 even for unknown tokens', async () => {
      const { access_token } = tp.state.issueTokens();
      const revoke = (t: string, headers = { Authorization: CLIENT_AUTH }) =>
        postForm(`${tp.url}/oauth/revoke`, { token: t }, headers);
      expect((await revoke(access_token)).status).toBe(200);
      expect((await revoke('unknown')).status).toBe(200);
      expect((await revoke(access_token, { Authorization: basic('workflow-guard', 'bad') })).status).toBe(
        401,
      );
      const res = await me(access_token);
      expect(res.headers.get('www-authenticate')).toBe(
        'Bearer error="invalid_token", error_description="The access token has been revoked"',
      );
    });

    it('revoking a refresh token also revokes its grant’s access tokens', async () => {
      const tokens = tp.state.issueTokens({ username: 'alice' });
      const res = await postForm(
        `${tp.url}/oauth/revoke`,
        { token: tokens.refresh_token!, token_type_hint: 'refresh_token' },
        { Authorization: CLIENT_AUTH },
      );
      expect(res.status).toBe(200);
      expect((await me(tokens.access_token)).status).toBe(401);
      const refresh = await token({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token! });
      expect(await refresh.json()).toMatchObject({ error: 'invalid_grant' });
    });

    it('revokes from tests with state.revoke / state.revokeRefreshToken', async () => {
      const a = tp.state.issueTokens({ username: 'alice' });
      expect(tp.state.revoke(a.access_token)).toBe(true);
      expect((await me(a.access_token)).status).toBe(401);
      const b = tp.state.issueTokens({ username: 'alice' });
      expect(tp.state.revokeRefreshToken(b.refresh_token!)).toBe(true);
      const refresh = await token({ grant_type: 'refresh_token', refresh_token: b.refresh_token! });
      expect(refresh.status).toBe(400);
      expect(tp.state.revoke('nope')).toBe(false);
    });
  });
});
