import { SCOPE_ERROR_SHAPES } from '../emulator/faults';
import {
  buildPostFunctionEvent,
  egressApprovalsOf,
  isInvocationError,
  runPlatformRetry,
  runPostFunction,
} from '../harness';
import { notifyPostFunction } from '../../src/rules/notify';
import { startThirdParty, type ThirdParty } from '../third-party';
import { auditEntries } from '../support/audit';
import { seedSite } from '../support/seed';
import {
  apiTokenConnection,
  delivered,
  viaLoopback,
  forgeTokenService,
  setUpConnection,
  userAccountConnection,
} from '../connections/support';

describe('Notify post-function', () => {
  let tp: ThirdParty;
  beforeAll(async () => {
    tp = await startThirdParty();
  });
  afterAll(() => tp.close());
  beforeEach(() => tp.state.reset());

  async function setup(
    configuration: Record<string, unknown>,
    atlassianId = 'dev',
    scheme: 'bearer' | 'basic' = 'bearer',
  ) {
    const { site, kvs } = seedSite();
    site.addUser({ accountId: 'outsider', displayName: 'Olive Outsider' });
    await setUpConnection(site, kvs, apiTokenConnection(tp, scheme), 'alice-api-token');
    const event = buildPostFunctionEvent(site, {
      issueKey: 'OPS-1',
      transitionId: '11',
      atlassianId,
      configuration: JSON.stringify({ connectionId: 'ops-hook', ...configuration }),
      postFunctionId: 'pf-notify',
    });
    return { site, kvs, event, opts: { site, kvs, ...viaLoopback } };
  }

  it('posts the issue and the transition as JSON with the API token as a bearer header', async () => {
    const { kvs, event, opts } = await setup({});
    await runPostFunction(notifyPostFunction, event, opts);
    expect(delivered(tp)).toEqual([
      expect.objectContaining({
        authKind: 'api-token-bearer',
        subject: 'alice',
        body: expect.objectContaining({
          type: 'workflow-guard.issue-transitioned',
          deliveryId: `${event.transition.executionId}:pf-notify`,
          issue: expect.objectContaining({
            key: 'OPS-1',
            summary: 'Rotate the certificates',
            status: 'To Do',
          }),
          transition: expect.objectContaining({
            id: '11',
            name: 'Start Progress',
            executionId: event.transition.executionId,
          }),
          user: { accountId: 'dev' },
        }),
      }),
    ]);
    expect(auditEntries(kvs)[0]).toMatchObject({
      rule: 'notify',
      outcome: 'applied',
      actor: { kind: 'app' },
      summary: "Notified Ops hook (HTTP 202) with the connection's API token",
      calls: expect.arrayContaining([
        expect.objectContaining({ pathTemplate: 'external: Ops hook', status: 202 }),
      ]),
    });
  });

  it('sends Basic username:token when the connection says so', async () => {
    const { event, opts } = await setup({}, 'dev', 'basic');
    await runPostFunction(notifyPostFunction, event, opts);
    expect(delivered(tp).map((r) => r.authKind)).toEqual(['api-token-basic']);
  });

  it('reads the issue as the transitioning user, and fails or falls back when they cannot see it', async () => {
    const asUser = await setup({ actor: 'transitioning-user' });
    await runPostFunction(notifyPostFunction, asUser.event, asUser.opts);
    expect(asUser.site.calls.map((c) => [c.identity.kind, c.operationId])).toEqual([
      ['impersonated', 'getIssue'],
    ]);

    const failing = await setup({ actor: 'transitioning-user' }, 'outsider');
    await runPostFunction(notifyPostFunction, failing.event, failing.opts);
    expect(auditEntries(failing.kvs)[0]?.error).toMatchObject({
      code: 'MISSING_PERMISSION',
      message: expect.stringContaining('lacks the Jira permission "Browse projects"'),
    });

    const falling = await setup({ actor: 'transitioning-user', fallback: 'act-as-app' }, 'outsider');
    await runPostFunction(notifyPostFunction, falling.event, falling.opts);
    expect(auditEntries(falling.kvs)[0]).toMatchObject({
      outcome: 'applied',
      fallback: true,
      actor: { kind: 'app' },
      summary: expect.stringContaining(
        'acted as the app instead of the user: Jira did not show OPS-1 to the user outsider',
      ),
    });
    expect(falling.site.calls.map((c) => [c.identity.kind, c.operationId, c.status])).toEqual([
      ['impersonated', 'getIssue', 404],
      ['app', 'getIssue', 200],
    ]);
    expect(delivered(tp)).toHaveLength(2);
  });

  it('notifies once when the same event is delivered twice', async () => {
    const { event, opts } = await setup({});
    await runPostFunction(notifyPostFunction, event, opts);
    await runPostFunction(notifyPostFunction, event, opts);
    expect(delivered(tp)).toHaveLength(1);
  });

  it('hands a 429 storm from the service to the platform retry, then notifies once', async () => {
    const { kvs, event, opts } = await setup({});
    tp.state.failNext({ status: 429, retryAfterSeconds: 60, times: 2 });
    const report = await runPlatformRetry(notifyPostFunction, event, opts);
    expect(report.deliveries.map((d) => isInvocationError(d.result))).toEqual([true, true, false]);
    expect(delivered(tp)).toHaveLength(1);
    expect(auditEntries(kvs).map((e) => e.outcome)).toEqual(['applied', 'retrying', 'retrying']);
  });

  it.each(SCOPE_ERROR_SHAPES)(
    'names the missing impersonation scope (missing scope answered %s)',
    async (shape) => {
      const { site, kvs, event } = await setup({ actor: 'transitioning-user' });
      site.scopeErrorShape = shape;
      await runPostFunction(notifyPostFunction, event, {
        site,
        kvs,
        ...viaLoopback,
        scopes: ['read:jira-work', 'write:jira-work', 'manage:jira-configuration', 'storage:app'],
        impersonationScopes: [],
      });
      expect(delivered(tp)).toEqual([]);
      expect(auditEntries(kvs)[0]?.error).toMatchObject({
        code: 'MISSING_SCOPE',
        message: expect.stringContaining('read:jira-work'),
      });
    },
  );

  it('refuses a connection the project has not allowed, and a destination egress does not allow', async () => {
    const { kvs, event, opts } = await setup({ connectionId: 'other-hook' });
    await runPostFunction(notifyPostFunction, event, opts);
    expect(auditEntries(kvs)[0]?.error?.message).toContain('Connection "other-hook" no longer exists');

    // An admin removed the approved host in Atlassian Administration › Connected apps: the app's record still
    // says approved, Forge refuses the call.
    const blocked = await setup({});
    const forge = egressApprovalsOf(blocked.site);
    for (const group of forge.get().results) forge.deleteGroup({ key: group.key });
    await runPostFunction(notifyPostFunction, blocked.event, blocked.opts);
    expect(auditEntries(blocked.kvs)[0]?.error).toEqual({
      code: 'EGRESS_NOT_ALLOWED',
      message: expect.stringContaining(`Forge refused the call to Ops hook: ${tp.url} is not an approved`),
    });
    expect(delivered(tp)).toEqual([]);
  });

  describe("with the transitioning user's own account (Forge external auth)", () => {
    async function userSetup(atlassianId = 'dev') {
      const { site, kvs } = seedSite();
      await setUpConnection(site, kvs, userAccountConnection(tp));
      const event = buildPostFunctionEvent(site, {
        issueKey: 'OPS-1',
        transitionId: '11',
        atlassianId,
        configuration: JSON.stringify({ connectionId: 'ops-user', actor: 'transitioning-user' }),
      });
      return { site, kvs, event };
    }

    it('sends through the provider as the user, whose token Forge refreshes when it expired', async () => {
      const { site, kvs, event } = await userSetup();
      const forge = forgeTokenService(tp);
      const opts = {
        site,
        kvs,
        ...viaLoopback,
        externalAuth: [forge.provider],
        providerFetch: forge.providerFetch,
      };
      await runPostFunction(notifyPostFunction, event, opts);
      tp.state.revoke(forge.tokens().access_token); // stands in for an expired access token
      await runPostFunction(
        notifyPostFunction,
        { ...event, transition: { ...event.transition, executionId: 'second' } },
        opts,
      );
      expect(delivered(tp).map((r) => [r.authKind, r.subject])).toEqual([
        ['oauth', 'alice'],
        ['oauth', 'alice'],
      ]);
      expect(auditEntries(kvs).map((e) => [e.outcome, e.actor, e.error])).toEqual([
        ['applied', { kind: 'impersonated', accountId: 'dev' }, undefined],
        ['applied', { kind: 'impersonated', accountId: 'dev' }, undefined],
      ]);
    });

    it('says exactly that the user has not connected the account', async () => {
      const { site, kvs, event } = await userSetup();
      const { provider } = forgeTokenService(tp);
      await runPostFunction(notifyPostFunction, event, {
        site,
        kvs,
        ...viaLoopback,
        // Forge's view of the user at this provider: no account connected.
        externalAuth: [{ ...provider, accounts: [] }],
      });
      expect(auditEntries(kvs)[0]).toMatchObject({
        outcome: 'failed',
        error: {
          code: 'NOT_CONNECTED',
          message: expect.stringContaining('has not connected their notification service account'),
        },
      });
    });

    it('asks the user to reconnect when Forge holds no usable credentials for them (needs authentication)', async () => {
      const { site, kvs, event } = await userSetup();
      const forge = forgeTokenService(tp);
      await runPostFunction(notifyPostFunction, event, {
        site,
        kvs,
        ...viaLoopback,
        externalAuth: [forge.provider],
        // What the Forge proxy answers; @forge/api throws NeedsAuthenticationError, which nobody can answer here.
        providerFetch: () =>
          Promise.resolve(
            new Response(null, { status: 401, headers: { 'forge-proxy-error': 'NEEDS_AUTHENTICATION_ERR' } }),
          ),
      });
      expect(delivered(tp)).toEqual([]);
      expect(auditEntries(kvs)[0]).toMatchObject({
        outcome: 'failed',
        error: { code: 'RECONNECT_REQUIRED', message: expect.stringContaining('reconnects their account') },
      });
    });

    it('asks the user to reconnect when the refresh token was revoked', async () => {
      const { site, kvs, event } = await userSetup();
      const forge = forgeTokenService(tp);
      tp.state.revokeRefreshToken(forge.tokens().refresh_token ?? '');
      await runPostFunction(notifyPostFunction, event, {
        site,
        kvs,
        ...viaLoopback,
        externalAuth: [forge.provider],
        providerFetch: forge.providerFetch,
      });
      expect(delivered(tp)).toEqual([]);
      expect(auditEntries(kvs)[0]?.error).toEqual({
        code: 'RECONNECT_REQUIRED',
        message: expect.stringContaining('the user reconnects their account in Jira › Personal settings'),
      });
    });
  });
});
