import { startThirdParty, type ThirdParty } from './index';
import { authorizationCodeFlow, basic, postHook } from './test-helpers';

describe('third-party API', () => {
  let tp: ThirdParty;

  beforeAll(async () => {
    tp = await startThirdParty();
  });
  afterAll(() => tp.close());
  beforeEach(() => tp.state.reset());

  it('accepts a hook with an OAuth access token and records body, auth kind and subject', async () => {
    const { access_token } = tp.state.issueTokens({ username: 'alice' });
    const res = await postHook(tp.url, `Bearer ${access_token}`, { issueKey: 'WG-7', to: 'Done' });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ accepted: true, id: 1 });
    expect(tp.state.received).toEqual([
      {
        method: 'POST',
        path: '/hooks/issue-transitioned',
        status: 202,
        authKind: 'oauth',
        subject: 'alice',
        clientId: 'workflow-guard',
        body: { issueKey: 'WG-7', to: 'Done' },
        faultInjected: false,
        at: expect.any(Number) as number,
      },
    ]);
  });

  it('accepts an API token as Bearer or as Basic user:apitoken', async () => {
    expect((await postHook(tp.url, 'Bearer bob-api-token')).status).toBe(202);
    expect((await postHook(tp.url, basic('alice', 'alice-api-token'))).status).toBe(202);
    expect(tp.state.received.map((r) => [r.authKind, r.subject])).toEqual([
      ['api-token-bearer', 'bob'],
      ['api-token-basic', 'alice'],
    ]);
  });

  it('answers GET /me with the caller', async () => {
    const res = await fetch(`${tp.url}/me`, { headers: { Authorization: basic('bob', 'bob-api-token') } });
    expect(await res.json()).toEqual({
      authKind: 'api-token-basic',
      subject: 'bob',
      displayName: 'Bob Builder',
    });
  });

  it('challenges per RFC 6750 and records the rejected request', async () => {
    const none = await postHook(tp.url, undefined);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="third-party"');
    const unknown = await postHook(tp.url, 'Bearer made-up');
    expect(unknown.headers.get('www-authenticate')).toBe(
      'Bearer error="invalid_token", error_description="The access token is invalid"',
    );
    expect(await unknown.json()).toEqual({
      error: 'invalid_token',
      error_description: 'The access token is invalid',
    });
    const wrongBasic = await postHook(tp.url, basic('alice', 'bob-api-token'));
    expect(wrongBasic.status).toBe(401);
    expect(wrongBasic.headers.get('www-authenticate')).toBe('Basic realm="third-party"');
    const malformed = await postHook(tp.url, 'Bearer');
    expect(malformed.status).toBe(400);
    expect(tp.state.received.map((r) => [r.status, r.authKind])).toEqual([
      [401, 'none'],
      [401, 'none'],
      [401, 'none'],
      [400, 'none'],
    ]);
  });

  it('wants a JSON object body', async () => {
    const text = await fetch(`${tp.url}/hooks/issue-transitioned`, {
      method: 'POST',
      headers: { Authorization: 'Bearer bob-api-token', 'Content-Type': 'text/plain' },
      body: 'hello',
    });
    expect(text.status).toBe(415);
    expect((await postHook(tp.url, 'Bearer bob-api-token', [1, 2])).status).toBe(400);
    expect(tp.state.received[0]!.body).toBe('hello');
  });

  it('answers 404 and 405 for unknown routes and methods', async () => {
    expect((await fetch(`${tp.url}/nope`)).status).toBe(404);
    const wrongMethod = await fetch(`${tp.url}/hooks/issue-transitioned`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
  });

  it('never prints or stores credentials', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
      jest.spyOn(console, m).mockImplementation(() => undefined),
    );
    try {
      const { tokenRes } = await authorizationCodeFlow(tp.url);
      const { access_token } = (await tokenRes.json()) as { access_token: string };
      await postHook(tp.url, `Bearer ${access_token}`);
      await postHook(tp.url, basic('alice', 'alice-api-token'));
      await postHook(tp.url, 'Bearer wrong-secret');
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
      const stored = JSON.stringify([tp.state.received, tp.state.tokenRequests]);
      for (const secret of [access_token, 'alice-api-token', 'wrong-secret', 'workflow-guard-secret']) {
        expect(stored).not.toContain(secret);
      }
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});
