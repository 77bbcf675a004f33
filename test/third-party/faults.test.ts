import { startThirdParty, type ThirdParty } from './index';
import { CLIENT_AUTH, postForm, postHook } from './test-helpers';

describe('third-party fault injection', () => {
  let tp: ThirdParty;

  beforeAll(async () => {
    tp = await startThirdParty();
  });
  afterAll(() => tp.close());
  beforeEach(() => tp.state.reset());

  it('fails the next `times` API requests with status and Retry-After, before authentication', async () => {
    tp.state.failNext({ status: 503, retryAfterSeconds: 2, times: 2 });
    const first = await postHook(tp.url, 'Bearer bob-api-token');
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('2');
    expect(await first.json()).toEqual({ error: 'injected_fault', status: 503 });
    expect((await postHook(tp.url, undefined)).status).toBe(503);
    expect((await postHook(tp.url, 'Bearer bob-api-token')).status).toBe(202);
    expect(tp.state.received.map((r) => [r.status, r.faultInjected])).toEqual([
      [503, true],
      [503, true],
      [202, false],
    ]);
  });

  it('queues faults in order and leaves Retry-After out unless asked', async () => {
    tp.state.failNext({ status: 429, retryAfterSeconds: 1 });
    tp.state.failNext({ status: 500 });
    const statuses: number[] = [];
    const retryAfter: (string | null)[] = [];
    for (let i = 0; i < 3; i += 1) {
      const res = await postHook(tp.url, 'Bearer bob-api-token');
      statuses.push(res.status);
      retryAfter.push(res.headers.get('retry-after'));
    }
    expect(statuses).toEqual([429, 500, 202]);
    expect(retryAfter).toEqual(['1', null, null]);
  });

  it('can target the token endpoint instead of the API', async () => {
    tp.state.failNext({ status: 429, retryAfterSeconds: 5, target: 'token' });
    expect((await postHook(tp.url, 'Bearer bob-api-token')).status).toBe(202);
    const token = () =>
      postForm(`${tp.url}/oauth/token`, { grant_type: 'client_credentials' }, { Authorization: CLIENT_AUTH });
    const failed = await token();
    expect(failed.status).toBe(429);
    expect(failed.headers.get('retry-after')).toBe('5');
    expect((await token()).status).toBe(200);
    expect(tp.state.tokenRequests.map((r) => r.outcome)).toEqual(['injected_429', 'issued']);
  });

  it('reset() drops pending faults', async () => {
    tp.state.failNext({ status: 503, times: 5 });
    tp.state.reset();
    expect((await postHook(tp.url, 'Bearer bob-api-token')).status).toBe(202);
  });
});
