import { callResolver, withInvocation, type MemoryKvs, type RunOptions } from '../harness';
import type { JiraSite } from '../emulator';
import { adminResolver } from '../../src/pages/admin';
import { openSession } from '../../src/access/session';
import { accountsResolver } from '../../src/connections/account-resolver';
import { listConnections, setConnectionSecret } from '../../src/connections/store';
import { testConnection } from '../../src/connections/test-connection';
import { DEFAULT_CLIENT, startThirdParty, type ThirdParty } from '../third-party';
import { projectSettingsResolver } from '../../src/pages/project-settings';
import type { Connection } from '../../src/connections/model';
import type { ExecutionsView } from '../../src/shared/admin-page';
import type { ActivityPageView } from '../../src/shared/project-settings';
import { encodingsOf, leakedEncodings } from '../access/secret-encodings';
import { pageContext } from '../settings/project-site';
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

/**
 * A service that echoes the credentials it received in its error answers, in every encoding (base64 of
 * `user:secret` without the scheme word, base64url, percent- and form-encoded, JSON-escaped), as JSON or plain
 * text, with a refusal of each kind. None of it may reach a failure comment, the audit log, the project's activity,
 * a resolver answer or the function log; people get a classified message with the status.
 */
describe('credentials a service echoes back, in every encoding, never reach people', () => {
  const API_TOKEN = 'canary+Tok/en"7f\\3c=9&d b~é<x>';
  const CLIENT_SECRET = 'canary-Client+Se/cret"4a\\8e=2&b c~é';
  const ACCESS_TOKEN = 'canary-access+To/ken=5d1e9';
  const ECHO = 'https://echo.example.com';
  const CLASSIFIED: Record<number, string> = {
    400: 'refused the request (HTTP 400)',
    401: "rejected Workflow Guard's credentials (HTTP 401)",
    404: 'did not find the address Workflow Guard sent to (HTTP 404)',
    409: 'refused the request (HTTP 409)',
    422: 'refused the request (HTTP 422)',
  };

  /** What the service received: the user and the secret, decoded from the Authorization header. */
  function received(authorization: string): { user: string; secret: string } {
    const [scheme = '', value = ''] = authorization.split(' ');
    if (scheme !== 'Basic') return { user: 'alice', secret: value };
    const pair = Buffer.from(value, 'base64').toString();
    const at = pair.indexOf(':');
    // RFC 6749 §2.3.1: client credentials are form-encoded inside Basic; an API token is sent as is.
    const decode = (part: string) => (part.includes('%') ? decodeURIComponent(part) : part);
    return { user: decode(pair.slice(0, at)), secret: decode(pair.slice(at + 1)) };
  }

  /**
   * Answers every request with a refusal echoing the credentials in the next encoding, in turn as JSON and as
   * plain text; the token endpoint issues ACCESS_TOKEN once `issueTokens` is set.
   */
  function echoingService(statuses: readonly number[]) {
    let n = 0;
    const state = { issueTokens: false, statuses: [] as number[] };
    const fetch = (url: string, init: RequestInit): Promise<Response> => {
      const authorization = new Headers(init.headers).get('authorization') ?? '';
      if (url.endsWith('/oauth/token') && state.issueTokens) {
        return Promise.resolve(
          Response.json({ access_token: ACCESS_TOKEN, token_type: 'Bearer', expires_in: 3600 }),
        );
      }
      const { user, secret } = received(authorization);
      const encodings = encodingsOf(secret, user);
      const encoded = encodings[n % encodings.length]!;
      const status = statuses[n % statuses.length]!;
      state.statuses.push(status);
      const words = `could not use the credentials you sent: ${encoded.text}`;
      n += 1;
      return Promise.resolve(
        n % 2 === 0
          ? Response.json({ error: 'invalid_request', error_description: words }, { status })
          : new Response(words, { status, headers: { 'content-type': 'text/plain' } }),
      );
    };
    return { fetch, state, rounds: encodingsOf('x').length };
  }

  async function everythingPeopleCanRead(
    site: JiraSite,
    kvs: MemoryKvs,
    printed: string[],
    answers: unknown[],
  ) {
    site.addUser({ accountId: 'opsadmin', displayName: 'Olga Ops' });
    site.grant('ADMINISTER_PROJECTS', { accountId: 'opsadmin', projectKey: 'OPS' });
    const activity = await callResolver(
      projectSettingsResolver,
      'getProjectActivity',
      {},
      pageContext(site, 'opsadmin', 'OPS'),
      { site, kvs },
    );
    const executions = await callResolver(
      adminResolver,
      'getExecutions',
      { limit: 50 },
      { accountId: 'admin', moduleKey: 'admin-page' },
      { site, kvs },
    );
    return {
      seen: readable(site, kvs, printed, [...answers, activity, executions]),
      activity: activity as { ok: true; data: ActivityPageView },
      executions: executions as { ok: true; data: ExecutionsView },
    };
  }

  function expectClassified(site: JiraSite, kvs: MemoryKvs, service: string, statuses: number[]) {
    const comments = site.issue('OPS-1').comments.map((comment) => comment.text);
    const failed = auditEntries(kvs)
      .filter((entry) => entry.rule === 'notify')
      .reverse();
    const said = (status: number) => `${service} ${CLASSIFIED[status]}`;
    statuses.forEach((status, index) => {
      expect(failed[index]?.error?.message).toContain(said(status));
      expect(comments[index]).toContain(
        `could not run "Notify an external service" after this transition: ${said(status)}.`,
      );
    });
    expect({ entries: failed.length, comments: comments.length }).toEqual({
      entries: statuses.length,
      comments: statuses.length,
    });
    // The Jira admin keeps a short, redacted excerpt of what the service said.
    for (const entry of failed) {
      expect(entry.error?.serviceExcerpt).toMatch(/could not use the credentials you sent: /);
      expect(entry.error?.serviceExcerpt?.length).toBeLessThanOrEqual(200);
    }
  }

  it('from a service holding an API token (HTTP Basic)', () =>
    capturingConsole(async (printed) => {
      const { site, kvs } = seedSite();
      site.addUser({ accountId: 'admin', displayName: 'Ada Admin' });
      site.grant('ADMINISTER', { accountId: 'admin' });
      const connection: Connection = {
        id: 'ops-hook',
        name: 'Ops hook',
        url: `${ECHO}/hooks/in`,
        auth: { kind: 'api-token', scheme: 'basic', username: 'alice' },
      };
      await setUpConnection(site, kvs, connection, API_TOKEN);
      // A 401 or 403 means the token must be renewed: said without the service's words (reconnectRequired).
      const service = echoingService([400, 404, 422, 409]);
      const opts = { site, kvs, externalFetch: service.fetch };
      const answers: unknown[] = [];
      const notify = notifyKeeping(site, opts, connection.id, answers);
      for (let round = 0; round < service.rounds; round += 1) await notify();
      answers.push(
        await callResolver(
          adminResolver,
          'testConnection',
          { id: connection.id },
          { accountId: 'admin', moduleKey: 'admin-page' },
          opts,
        ),
      );

      expectClassified(site, kvs, 'Ops hook', service.state.statuses.slice(0, service.rounds));
      const { seen, activity } = await everythingPeopleCanRead(site, kvs, printed, answers);
      expect(leakedEncodings(seen, API_TOKEN, 'alice')).toEqual([]);
      expect(activity.data.entries.every((entry) => entry.error && !('serviceExcerpt' in entry.error))).toBe(
        true,
      );
    }));

  it('from a token endpoint holding the client secret, and a service holding the access token', () =>
    capturingConsole(async (printed) => {
      const { site, kvs } = seedSite();
      site.addUser({ accountId: 'admin', displayName: 'Ada Admin' });
      site.grant('ADMINISTER', { accountId: 'admin' });
      const connection: Connection = {
        id: 'ops-oauth',
        name: 'Ops OAuth',
        url: `${ECHO}/hooks/in`,
        auth: { kind: 'oauth-client-credentials', tokenUrl: `${ECHO}/oauth/token`, clientId: 'my-client' },
      };
      await setUpConnection(site, kvs, connection, CLIENT_SECRET);
      const service = echoingService([400, 401, 404, 422]);
      const opts = { site, kvs, externalFetch: service.fetch };
      const answers: unknown[] = [];
      const notify = notifyKeeping(site, opts, connection.id, answers);
      for (let round = 0; round < service.rounds; round += 1) await notify();
      expectClassified(
        site,
        kvs,
        'Ops OAuth (token endpoint)',
        service.state.statuses.slice(0, service.rounds),
      );
      const testAsAdmin = async () =>
        answers.push(
          await callResolver(
            adminResolver,
            'testConnection',
            { id: connection.id },
            { accountId: 'admin', moduleKey: 'admin-page' },
            opts,
          ),
        );
      await testAsAdmin();
      service.state.issueTokens = true;
      for (let round = 0; round < service.rounds; round += 1) await notify();
      await testAsAdmin();

      const { seen } = await everythingPeopleCanRead(site, kvs, printed, answers);
      expect(leakedEncodings(seen, CLIENT_SECRET, 'my-client')).toEqual([]);
      expect(leakedEncodings(seen, ACCESS_TOKEN)).toEqual([]);
      // Refusals of the access token, classified too (a 401 twice over means reconnecting).
      for (const entry of auditEntries(kvs).slice(0, service.rounds))
        expect(entry.error?.message).toMatch(/^Ops OAuth (refused|did not find|no longer accepts)/);
    }));
});
