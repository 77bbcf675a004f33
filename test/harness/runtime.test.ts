// The harness first: it installs the egress shim that @forge/api's fetch() captures on import.
import {
  buildPostFunctionEvent,
  callResolver,
  MemoryKvs,
  readManifestPermissions,
  runPlatformRetry,
  runPostFunction,
  runValidator,
  startInvocation,
  withInvocation,
  type PostFunctionEvent,
  type ValidatorPayload,
} from './index';
import api, {
  asApp,
  asUser,
  fetch,
  getAppContext,
  NeedsAuthenticationError,
  permissions,
  route,
} from '@forge/api';
import { InvocationError, InvocationErrorCode } from '@forge/events';
import { kvs, WhereConditions, type ForgeKvsAPIError } from '@forge/kvs';
import Resolver from '@forge/resolver';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { JiraSite, textToAdf } from '../emulator';

const SCOPES = ['read:jira-work', 'write:jira-work', 'read:jira-user', 'storage:app'];
const base = { scopes: SCOPES, impersonationScopes: ['read:jira-work'], external: {} };

function seed(): JiraSite {
  const site = new JiraSite();
  site.addUser({ accountId: 'alice', displayName: 'Alice', groups: ['devs'] });
  site.addProject({ key: 'ENG' });
  for (const p of ['BROWSE_PROJECTS', 'ADD_COMMENTS']) site.grant(p, { group: 'devs' });
  site.addIssue({ key: 'ENG-1', projectKey: 'ENG', summary: 'First' });
  return site;
}

const myself = async (r: { json(): Promise<unknown> }) =>
  (await r.json()) as { accountId: string; accountType: string };

describe('identities through the real @forge/api', () => {
  it('asApp and asUser reach the emulator as different identities', async () => {
    const site = seed();
    await withInvocation({ site, ...base, accountId: 'alice' }, async (inv) => {
      const asAppMe = await myself(await asApp().requestJira(route`/rest/api/3/myself`));
      const asUserMe = await myself(await asUser().requestJira(route`/rest/api/3/myself`));
      expect(asAppMe).toMatchObject({ accountId: site.appBot.accountId, accountType: 'app' });
      expect(asUserMe.accountId).toBe('alice');
      expect(site.calls.map((c) => c.identity)).toEqual([
        { kind: 'app' },
        { kind: 'user', accountId: 'alice' },
      ]);
      expect(inv.targets.map((t) => [t.type, t.provider])).toEqual([
        ['fpp', 'app'],
        ['fpp', 'user'],
      ]);
    });
  });

  it('asUser(accountId) is impersonation: only allowImpersonation scopes count', async () => {
    const site = seed();
    await withInvocation({ site, ...base }, async () => {
      const denied = await asUser('alice').requestJira(route`/rest/api/3/myself`); // read:jira-user not impersonable
      expect(denied.status).toBe(401);
      const issue = await asUser('alice').requestJira(route`/rest/api/3/issue/ENG-1?fields=summary`);
      expect(issue.status).toBe(200);
      expect(site.calls.map((c) => c.identity.kind)).toEqual(['impersonated', 'impersonated']);
    });
  });

  it('asUser() without a user surfaces NeedsAuthenticationError, as does a scripted fault', async () => {
    const site = seed();
    await withInvocation({ site, ...base }, async () => {
      await expect(asUser().requestJira(route`/rest/api/3/myself`)).rejects.toBeInstanceOf(
        NeedsAuthenticationError,
      );
    });
    site.faults.inject({ match: { identity: 'user' }, response: { kind: 'needsAuthentication' } });
    await withInvocation({ site, ...base, accountId: 'alice' }, async () => {
      await expect(asUser().requestJira(route`/rest/api/3/myself`)).rejects.toBeInstanceOf(
        NeedsAuthenticationError,
      );
    });
  });

  it('plain api.requestJira is routed as the app', async () => {
    const site = seed();
    await withInvocation({ site, ...base }, async () => {
      expect((await myself(await api.requestJira(route`/rest/api/3/myself`))).accountType).toBe('app');
    });
  });
});

describe('app context and permissions', () => {
  afterEach(() => jest.useRealTimers());

  it('exposes granted scopes and the remaining time budget', () => {
    jest.useFakeTimers();
    const inv = startInvocation({ site: seed(), ...base, budgetMs: 10_000, moduleKey: 'wg-validator' });
    try {
      const ctx = getAppContext();
      expect(ctx.moduleKey).toBe('wg-validator');
      expect(ctx.permissions?.scopes).toEqual(SCOPES);
      expect(permissions.hasScope('write:jira-work')).toBe(true);
      expect(permissions.hasScope('manage:jira-configuration')).toBe(false);
      expect(ctx.invocationRemainingTimeInMillis()).toBe(10_000);
      jest.advanceTimersByTime(4_000);
      expect(ctx.invocationRemainingTimeInMillis()).toBe(6_000);
    } finally {
      inv.end();
    }
    expect(() => getAppContext()).toThrow('Forge runtime not found.');
  });

  it('reads scopes from a manifest in list or map form', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wg-manifest-'));
    const list = path.join(dir, 'list.yml');
    const map = path.join(dir, 'map.yml');
    writeFileSync(list, 'permissions:\n  scopes:\n    - read:jira-work\n    - storage:app\n');
    writeFileSync(
      map,
      'permissions:\n  scopes:\n    read:jira-work: { allowImpersonation: true }\n    write:jira-work: {}\n',
    );
    expect(readManifestPermissions(list)).toEqual({
      scopes: ['read:jira-work', 'storage:app'],
      impersonationScopes: [],
      external: {},
    });
    expect(readManifestPermissions(map)).toMatchObject({
      scopes: ['read:jira-work', 'write:jira-work'],
      impersonationScopes: ['read:jira-work'],
    });
  });
});

describe('egress', () => {
  it('lets fetch() out only to declared backends, through externalFetch', async () => {
    const site = seed();
    const seen: string[] = [];
    const opts = {
      site,
      ...base,
      external: { fetch: { backend: ['https://api.example.com'] } },
      externalFetch: (url: string) => {
        seen.push(url);
        return Promise.resolve(new Response('{"ok":true}'));
      },
    };
    await withInvocation(opts, async () => {
      expect(await (await fetch('https://api.example.com/v1/ping')).json()).toEqual({ ok: true });
      await expect(fetch('https://evil.example.org/')).rejects.toThrow(
        'URL not included in the external fetch backend permissions',
      );
    });
    expect(seen).toEqual(['https://api.example.com/v1/ping']);
  });
});

describe('external auth providers', () => {
  it('serves withProvider() accounts from externalAuth and routes fetch to providerFetch', async () => {
    const site = seed();
    const calls: string[] = [];
    const opts = {
      site,
      ...base,
      accountId: 'alice',
      externalAuth: [
        {
          service: 'github',
          remotes: [{ key: 'github-api', baseUrl: 'https://api.github.com' }],
          accounts: [{ id: 'acc-1', externalAccountId: 'gh-42', displayName: 'octo', scopes: ['repo'] }],
        },
      ],
      providerFetch: (req: { provider: string; accountId?: string; url: string }) => {
        calls.push(`${req.provider} ${req.accountId ?? '-'} ${req.url}`);
        return Promise.resolve(new Response('{"login":"octo"}'));
      },
    };
    await withInvocation(opts, async () => {
      const gh = asUser().withProvider('github', 'github-api');
      expect(await gh.hasCredentials(['repo'])).toBe(true);
      expect(await gh.hasCredentials(['admin:org'])).toBe(false);
      expect(await (await gh.fetch('/user')).json()).toEqual({ login: 'octo' });
      await expect(gh.requestCredentials()).rejects.toBeInstanceOf(NeedsAuthenticationError);
    });
    expect(calls).toEqual(['github acc-1 https://api.github.com/user']);
  });
});

describe('kvs through the real @forge/kvs', () => {
  it('stores, queries, expires and keeps secrets apart', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    const store = new MemoryKvs();
    try {
      await withInvocation({ site: seed(), kvs: store, ...base }, async () => {
        await kvs.set('rule:1', { on: true });
        await kvs.set('rule:2', { on: false }, { ttl: { value: 1, unit: 'MINUTES' } });
        await kvs.set('other', 1);
        await kvs.setSecret('token', 's3cret');
        expect(await kvs.get('rule:1')).toEqual({ on: true });
        expect(await kvs.get('missing')).toBeUndefined();
        const page = await kvs.query().where('key', WhereConditions.beginsWith('rule:')).limit(1).getMany();
        expect(page.results.map((r) => r.key)).toEqual(['rule:1']);
        const next = await kvs
          .query()
          .where('key', WhereConditions.beginsWith('rule:'))
          .cursor(page.nextCursor ?? '')
          .getMany();
        expect(next.results.map((r) => r.key)).toEqual(['rule:2']);
        jest.advanceTimersByTime(61_000);
        expect(await kvs.get('rule:2')).toBeUndefined();
        expect(await kvs.getSecret('token')).toBe('s3cret');
        expect((await kvs.query().getMany()).results.map((r) => r.key)).toEqual(['other', 'rule:1']);
        await kvs.transact().set('a', 1).set('b', 2).delete('other').execute();
      });
    } finally {
      jest.useRealTimers();
    }
    expect(store.snapshot()).toEqual({
      kvs: { a: 1, b: 2, 'rule:1': { on: true } },
      secrets: { token: 's3cret' },
      entities: {},
    });
    expect(store.writes).toBe(7);
  });

  it('enforces the documented limits with the SDK error codes', async () => {
    const store = new MemoryKvs();
    await withInvocation({ site: seed(), kvs: store, ...base }, async () => {
      const code = (p: Promise<unknown>) =>
        p.then(
          () => 'ok',
          (e: ForgeKvsAPIError) => e.code,
        );
      expect(await code(kvs.set('x'.repeat(501), 1))).toBe('KEY_TOO_LONG');
      expect(await code(kvs.set('bad/key', 1))).toBe('INVALID_KEY');
      expect(await code(kvs.set('big', 'x'.repeat(240 * 1024)))).toBe('MAX_SIZE');
      expect(await code(kvs.query().limit(21).getMany())).toBe('LIST_QUERY_LIMIT_EXCEEDED');
      const tx = kvs.transact();
      for (let i = 0; i < 26; i++) tx.set(`k${i}`, i);
      expect(await code(tx.execute())).toBe('TOO_MANY_OPERATIONS');
      const batch = await kvs.batchSet([
        { key: 'ok', value: 1 },
        { key: 'no/ok', value: 2 },
      ]);
      expect(batch.failedKeys).toEqual([
        { key: 'no/ok', error: expect.objectContaining({ code: 'INVALID_KEY' }) },
      ]);
    });
    expect(store.writes).toBe(1);
  });
});

describe('invocation helpers', () => {
  /** A small post function written for this test: comments via asApp and remembers the execution in kvs. */
  const postFunction = async (event: PostFunctionEvent) => {
    const marker = `done:${event.transition.executionId}`;
    if (await kvs.get(marker)) return undefined;
    const r = await asApp().requestJira(route`/rest/api/3/issue/${event.issue.key}/comment`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ body: textToAdf(`Transitioned by ${event.atlassianId ?? 'someone'}`) }),
    });
    if (r.status === 429) {
      return new InvocationError({
        retryAfter: Number(r.headers.get('Retry-After')),
        retryReason: InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED,
        retryData: { status: r.status },
      });
    }
    await kvs.set(marker, true);
    return undefined;
  };

  it('runs a post function end to end: comment by the app bot, idempotent per executionId', async () => {
    const site = seed();
    const store = new MemoryKvs();
    const event = buildPostFunctionEvent(site, {
      issueKey: 'ENG-1',
      transitionId: '21',
      atlassianId: 'alice',
    });
    expect(event.transition).toMatchObject({ to: { id: site.statuses.get('Done')?.id } });
    await runPostFunction(postFunction, event, { site, kvs: store, ...base });
    await runPostFunction(postFunction, event, { site, kvs: store, ...base });
    expect(site.issue('ENG-1').comments).toEqual([
      expect.objectContaining({ author: site.appBot.accountId, text: 'Transitioned by alice' }),
    ]);
  });

  it('re-delivers with retryContext after an InvocationError, at most 4 times', async () => {
    const site = seed();
    site.faults.inject({
      match: { operationId: 'addComment' },
      times: 2,
      response: { kind: 'rateLimit', reason: 'jira-burst-based', retryAfterSeconds: 2000 },
    });
    const event = buildPostFunctionEvent(site, { issueKey: 'ENG-1', transitionId: '21' });
    const report = await runPlatformRetry(postFunction, event, { site, ...base });
    expect(report.deliveries.map((d) => [d.retryContext?.retryCount, d.delaySeconds])).toEqual([
      [undefined, 0],
      [1, 900],
      [2, 900],
    ]);
    expect(report.deliveries[1]?.retryContext).toEqual({
      retryCount: 1,
      retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED',
      retryData: { status: 429 },
    });
    expect(site.issue('ENG-1').comments).toHaveLength(1);

    const always = () =>
      new InvocationError({ retryAfter: 5, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
    const exhausted = await runPlatformRetry(always, event, { site, ...base });
    expect(exhausted).toMatchObject({ exhausted: true });
    expect(exhausted.deliveries).toHaveLength(5);
  });

  it('runs a validator without a user and checks its return shape', async () => {
    const site = seed();
    const payload: ValidatorPayload = {
      issue: { key: 'ENG-1' },
      configuration: {},
      transition: { from: { id: '1' }, to: { id: '2' } },
    };
    const validator = async (p: ValidatorPayload) => {
      const r = await asApp().requestJira(route`/rest/api/3/issue/${p.issue.key}?fields=summary`);
      const issue = (await r.json()) as { fields: { summary: string } };
      return { result: issue.fields.summary.startsWith('F'), errorMessage: 'Summary must start with F' };
    };
    expect(await runValidator(validator, payload, { site, ...base })).toEqual({
      result: true,
      errorMessage: 'Summary must start with F',
    });
    await expect(runValidator(() => ({ ok: true }), payload, { site, ...base })).rejects.toThrow(
      'validator must return',
    );
  });

  it('calls a resolver as the Custom UI bridge does, with the principal from the backend payload', async () => {
    const site = seed();
    const resolver = new Resolver();
    resolver.define('whoami', async ({ context, payload }) => {
      const me = await myself(await asUser().requestJira(route`/rest/api/3/myself`));
      return {
        accountId: context.accountId as string,
        me: me.accountId,
        echo: payload as unknown,
        moduleKey: getAppContext().moduleKey,
      };
    });
    const out = await callResolver(
      resolver.getDefinitions(),
      'whoami',
      { n: 1 },
      { accountId: 'alice', moduleKey: 'wg-admin' },
      { site, ...base },
    );
    expect(out).toEqual({ accountId: 'alice', me: 'alice', echo: { n: 1 }, moduleKey: 'wg-admin' });
  });
});
