import { SCOPE_ERROR_SHAPES } from '../emulator/faults';
import { buildPostFunctionEvent, isInvocationError, runPlatformRetry, runPostFunction } from '../harness';
import { commentPostFunction } from '../../src/rules/comment';
import { auditEntries } from '../support/audit';
import { seedSite } from '../support/seed';

const commentTexts = (site: ReturnType<typeof seedSite>['site']) =>
  site.issue('OPS-1').comments.map((c) => ({ author: c.author, text: c.text }));

function setup(configuration: Record<string, unknown>, atlassianId = 'dev') {
  const { site, kvs } = seedSite();
  const event = buildPostFunctionEvent(site, {
    issueKey: 'OPS-1',
    transitionId: '11',
    atlassianId,
    configuration: JSON.stringify({ template: 'Started by {{user}}', ...configuration }),
    postFunctionId: 'pf-comment',
  });
  return { site, kvs, event, opts: { site, kvs } };
}

describe('post-functions: identity, fallback, idempotency, retries', () => {
  it('comments as the app by default and audits the execution with its calls and scopes', async () => {
    const { site, kvs, event, opts } = setup({});
    expect(await runPostFunction(commentPostFunction, event, opts)).toBeUndefined();
    expect(commentTexts(site)).toEqual([
      { author: site.appBot.accountId, text: 'Started by @Dana Developer' },
    ]);
    const [entry] = auditEntries(kvs);
    expect(entry).toMatchObject({
      module: 'post-function',
      rule: 'comment',
      projectKey: 'OPS',
      issueKey: 'OPS-1',
      triggeredBy: 'dev',
      actor: { kind: 'app' },
      outcome: 'applied',
      scopesUsed: ['read:jira-user', 'write:jira-work'],
      calls: [
        // The mention's display name, looked up once.
        { method: 'GET', pathTemplate: '/rest/api/3/user/bulk', status: 200, attempts: 1 },
        {
          method: 'POST',
          pathTemplate: '/rest/api/3/issue/{issueIdOrKey}/comment',
          status: 201,
          attempts: 1,
        },
      ],
    });
  });

  it('comments as the transitioning user with no permission call: Jira enforces their permissions', async () => {
    const { site, kvs, event, opts } = setup({ actor: 'transitioning-user' });
    await runPostFunction(commentPostFunction, event, opts);
    expect(commentTexts(site)).toEqual([{ author: 'dev', text: 'Started by @Dana Developer' }]);
    expect(site.calls.map((c) => [c.identity.kind, c.operationId])).toEqual([
      // The mention's display name: one bulk user lookup, as the app.
      ['app', 'bulkGetUsers'],
      ['impersonated', 'addComment'],
    ]);
    const [entry] = auditEntries(kvs);
    expect(entry).toMatchObject({ actor: { kind: 'impersonated', accountId: 'dev' } });
    // Compact entries store `fallback` only when the app fell back.
    expect(entry?.fallback).toBeUndefined();
  });

  it('fails by default when the user lacks the permission, naming it, and changes nothing', async () => {
    const { site, kvs, event, opts } = setup({ actor: 'transitioning-user' }, 'viewer');
    await runPostFunction(commentPostFunction, event, opts);
    expect(commentTexts(site)).toEqual([]);
    // Jira refused the attempt (400: the viewer may see but not comment); one permission call says why.
    expect(site.calls.map((c) => [c.identity.kind, c.operationId, c.status])).toEqual([
      ['app', 'bulkGetUsers', 200],
      ['impersonated', 'addComment', 400],
      ['impersonated', 'getMyPermissions', 200],
    ]);
    expect(auditEntries(kvs)[0]).toMatchObject({
      outcome: 'failed',
      error: {
        code: 'MISSING_PERMISSION',
        message: expect.stringContaining('lacks the Jira permission "Add comments"'),
      },
    });
  });

  it('acts as the app when the fallback allows it, and says so in the comment and the audit log', async () => {
    const { site, kvs, event, opts } = setup(
      { actor: 'transitioning-user', fallback: 'act-as-app' },
      'viewer',
    );
    await runPostFunction(commentPostFunction, event, opts);
    expect(commentTexts(site)).toEqual([
      {
        author: site.appBot.accountId,
        text: expect.stringContaining('— added by Workflow Guard on behalf of @Vic Viewer'),
      },
    ]);
    expect(site.calls.map((c) => [c.identity.kind, c.operationId, c.status])).toEqual([
      ['app', 'bulkGetUsers', 200],
      ['impersonated', 'addComment', 400],
      ['impersonated', 'getMyPermissions', 200],
      ['app', 'bulkGetUsers', 200],
      ['app', 'addComment', 201],
    ]);
    expect(auditEntries(kvs)[0]).toMatchObject({
      outcome: 'applied',
      fallback: true,
      actor: { kind: 'app' },
      summary: expect.stringContaining(
        'acted as the app instead of the user: the user viewer lacks the Jira permission "Add comments" on OPS-1 (POST /rest/api/3/issue/{issueIdOrKey}/comment answered 400)',
      ),
    });
    // The record says why the app acted instead (issue 16, point 13).
    expect(auditEntries(kvs)[0]?.summary).toContain(
      'acted as the app instead of the user: the user viewer lacks the Jira permission "Add comments" on OPS-1',
    );
  });

  it('falls back when Jira hides the issue from the user (404), or fails saying they may not see it', async () => {
    const falling = setup({ actor: 'transitioning-user', fallback: 'act-as-app' }, 'outsider');
    falling.site.addUser({ accountId: 'outsider', displayName: 'Olga Outsider' });
    await runPostFunction(commentPostFunction, falling.event, falling.opts);
    expect(commentTexts(falling.site)).toEqual([
      { author: falling.site.appBot.accountId, text: expect.stringContaining('on behalf of @Olga Outsider') },
    ]);
    // A 404 needs no permission call: the user may not see the issue.
    expect(falling.site.calls.filter((c) => c.operationId === 'getMyPermissions')).toEqual([]);
    expect(auditEntries(falling.kvs)[0]).toMatchObject({
      outcome: 'applied',
      fallback: true,
      summary: expect.stringContaining(
        'acted as the app instead of the user: Jira did not show OPS-1 to the user outsider',
      ),
    });

    const failing = setup({ actor: 'transitioning-user' }, 'outsider');
    failing.site.addUser({ accountId: 'outsider', displayName: 'Olga Outsider' });
    await runPostFunction(commentPostFunction, failing.event, failing.opts);
    expect(commentTexts(failing.site)).toEqual([]);
    expect(auditEntries(failing.kvs)[0]?.error).toMatchObject({
      code: 'MISSING_PERMISSION',
      message: expect.stringContaining('lacks the Jira permission "Browse projects"'),
    });
  });

  it('fails as Jira said, without falling back, when the user holds the permission and Jira answers 400', async () => {
    const { site, kvs, event, opts } = setup({ actor: 'transitioning-user', fallback: 'act-as-app' });
    site.faults.inject({
      match: { operationId: 'addComment', identity: 'impersonated' },
      response: {
        kind: 'raw',
        status: 400,
        body: { errorMessages: [], errors: { comment: 'Comment body can not be empty!' } },
      },
    });
    await runPostFunction(commentPostFunction, event, opts);
    expect(commentTexts(site)).toEqual([]);
    expect(auditEntries(kvs)[0]).toMatchObject({
      outcome: 'failed',
      actor: { kind: 'impersonated', accountId: 'dev' },
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('Comment body can not be empty!') },
    });
  });

  it('comments once after a fallback whose answer was lost, through the platform retry and a duplicate', async () => {
    const { site, kvs, event, opts } = setup(
      { actor: 'transitioning-user', fallback: 'act-as-app' },
      'viewer',
    );
    site.faults.inject({
      match: { operationId: 'addComment', identity: 'app' },
      response: { kind: 'lostAnswer' },
    });
    const report = await runPlatformRetry(commentPostFunction, event, opts);
    await runPostFunction(commentPostFunction, event, opts);
    expect(report.deliveries.map((d) => isInvocationError(d.result))).toEqual([true, false]);
    expect(commentTexts(site)).toEqual([
      { author: site.appBot.accountId, text: expect.stringContaining('on behalf of @Vic Viewer') },
    ]);
    expect(auditEntries(kvs).map((e) => [e.outcome, e.fallback])).toEqual([
      ['skipped', undefined],
      ['applied', true],
      ['retrying', true],
    ]);
  });

  it('changes Jira once when the same event arrives twice and again as a platform retry', async () => {
    const { site, kvs, event, opts } = setup({});
    await runPostFunction(commentPostFunction, event, opts);
    await runPostFunction(commentPostFunction, event, opts);
    await runPostFunction(
      commentPostFunction,
      { ...event, retryContext: { retryCount: 1, retryReason: 'FUNCTION_RETRY_REQUEST' } },
      opts,
    );
    expect(commentTexts(site)).toHaveLength(1);
    expect(auditEntries(kvs).map((e) => e.outcome)).toEqual(['skipped', 'skipped', 'applied']);
  });

  it('hands a rate-limit storm that outlasts the budget to the platform, then applies the effect once', async () => {
    const { site, kvs, event, opts } = setup({});
    site.faults.inject({
      match: { operationId: 'addComment' },
      times: 3,
      response: { kind: 'rateLimit', reason: 'jira-per-issue-on-write', retryAfterSeconds: 60 },
    });
    const report = await runPlatformRetry(commentPostFunction, event, opts);
    expect(report.deliveries.map((d) => isInvocationError(d.result))).toEqual([true, true, true, false]);
    expect(report.deliveries[1]?.delaySeconds).toBeGreaterThanOrEqual(60);
    expect(commentTexts(site)).toHaveLength(1);
    expect(auditEntries(kvs).map((e) => e.outcome)).toEqual(['applied', 'retrying', 'retrying', 'retrying']);
    expect(auditEntries(kvs)[1]?.error?.message).toContain(
      'stayed rate limited by Jira (jira-per-issue-on-write)',
    );
  });

  it.each(SCOPE_ERROR_SHAPES)(
    'names the missing impersonation scope when acting as the user is not allowed (missing scope answered %s)',
    async (shape) => {
      const { site, kvs, event } = setup({ actor: 'transitioning-user' });
      site.scopeErrorShape = shape;
      await runPostFunction(commentPostFunction, event, {
        site,
        kvs,
        scopes: ['read:jira-work', 'write:jira-work', 'manage:jira-configuration', 'storage:app'],
        impersonationScopes: [],
      });
      expect(commentTexts(site)).toEqual([]);
      expect(auditEntries(kvs)[0]?.error).toEqual({
        code: 'MISSING_SCOPE',
        message: expect.stringMatching(/lacks the OAuth scope write:jira-work .*allowImpersonation: true/),
      });
    },
  );

  it('records a malformed event or configuration as a failure without touching Jira', async () => {
    const { site, kvs, event, opts } = setup({});
    await runPostFunction(commentPostFunction, { ...event, configuration: '{"template": ""}' }, opts);
    await runPostFunction(commentPostFunction, { ...event, transition: {} } as unknown as typeof event, opts);
    expect(site.calls).toEqual([]);
    expect(auditEntries(kvs).map((e) => e.error?.message)).toEqual([
      expect.stringContaining('Jira sent an event Workflow Guard could not read'),
      'The rule configuration is invalid: template: write the comment text. Edit the rule in the workflow editor and save it again.',
    ]);
  });
});
