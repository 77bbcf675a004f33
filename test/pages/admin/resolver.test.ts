import { checkedTexts } from '../../support/envelope';
import {
  callResolver,
  egressApprovalsOf,
  type BridgeContext,
  type ExternalAuthProvider,
  type MemoryKvs,
  type ResolverHandler,
  type RunOptions,
} from '../../harness';
import type { JiraSite } from '../../emulator';
import { APP_BOT_ID } from '../../emulator/state';
import { auditEntries } from '../../support/audit';
import { startThirdParty, type ThirdParty } from '../../third-party';
import { apiTokenConnection, viaLoopback, HOOK_PATH } from '../../connections/support';
import { inEnglish } from '../../../src/access/texts';
import { adminResolver } from '../../../src/pages/admin';
import type {
  ConnectionsView,
  EgressPlanView,
  ExecutionsView,
  IdentityView,
  PermissionsOverview,
  RuleUsagesView,
  SecretStatusView,
} from '../../../src/shared/admin-page';
import { adminContext, CANARY, forgeRule, seedAdminSite, seedAudit } from './admin-site';

type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

const handler = adminResolver as unknown as ResolverHandler;
const HOUR = 3_600_000;

describe('admin page resolver', () => {
  let site: JiraSite;
  let kvs: MemoryKvs;
  let tp: ThirdParty;
  let responses: string[];

  beforeAll(async () => {
    tp = await startThirdParty();
  });
  afterAll(() => tp.close());
  beforeEach(() => {
    ({ site, kvs } = seedAdminSite());
    responses = [];
  });
  afterEach(() => {
    // Whatever happened in the test, no answer ever carried the secret.
    for (const response of responses) expect(response).not.toContain(CANARY);
  });

  const call = async <T>(
    fn: string,
    payload: unknown = {},
    ctx: BridgeContext = adminContext('admin'),
    opts: Partial<RunOptions> = {},
  ) => {
    const envelope = (await callResolver(handler, fn, payload, ctx, { site, kvs, ...opts })) as Envelope<T>;
    responses.push(JSON.stringify(envelope));
    return envelope;
  };
  const data = <T>(envelope: Envelope<T>): T => {
    if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
    return envelope.data;
  };

  describe('1. permissions granted', () => {
    it('lists every scope with its reason, the features and endpoints needing it, and impersonation', async () => {
      const view = data(await call<PermissionsOverview>('getPermissions'));
      expect(view.source).toBe('runtime');
      expect(view.awaitingApproval).toEqual([]);
      const byScope = new Map(view.scopes.map((row) => [row.scope, row]));
      expect([...byScope.keys()]).toEqual(
        expect.arrayContaining([
          'read:jira-user',
          'read:jira-work',
          'manage:jira-configuration',
          'storage:app',
        ]),
      );
      // Reasons and features are catalogue texts the page words; in English they read as before.
      const readUser = byScope.get('read:jira-user');
      expect(inEnglish(readUser!.reason)).toContain("app's own bot user");
      expect(readUser?.features.map(inEnglish)).toContain('Admin page');
      expect(readUser).toMatchObject({
        status: 'granted',
        // A post-function's "Only if" is evaluated as the transitioning user too.
        allowImpersonation: true,
        endpoints: expect.arrayContaining([
          expect.objectContaining({ method: 'GET', pathTemplate: '/rest/api/3/myself' }),
        ]),
      });
      expect(byScope.get('read:jira-work')).toMatchObject({ allowImpersonation: true });
      expect(byScope.get('manage:jira-configuration')).toMatchObject({ allowImpersonation: false });
      // The health check, the admin page's rule usage, and the transition picker of the rule configuration screens
      // (validators', conditions' and post-functions' alike).
      const search = byScope
        .get('manage:jira-configuration')
        ?.endpoints.find((e) => e.pathTemplate === '/rest/api/3/workflows/search');
      expect(search?.features.map(inEnglish)).toEqual([
        'Health check',
        'Admin page',
        'Rule configuration screens',
      ]);
      expect(byScope.get('storage:app')?.requiredBy?.page).toContain('storage-reference');
      expect(view.egress).toContainEqual({
        kind: 'fetch.backend',
        address: 'remote:notify-service',
        origin: 'declared',
      });
      expect(view.customerManagedEgress).toBe(true);
      expect(view.authProviders).toEqual([
        { key: 'notify-account', name: 'Notification service', scopes: [], remotes: ['notify-service'] },
      ]);
      expect(view.contentSecurity).toEqual({ scripts: [], styles: ['unsafe-inline'] });
    });

    it('shows a scope the running version asks for but the site has not approved, and admin-added egress', async () => {
      const view = data(
        await call<PermissionsOverview>('getPermissions', {}, adminContext('admin'), {
          scopes: ['read:jira-work', 'write:jira-work', 'manage:jira-configuration', 'storage:app'],
          external: { fetch: { backend: ['remote:notify-service', 'https://hooks.customer.example'] } },
        }),
      );
      expect(view.awaitingApproval).toEqual(['read:jira-user']);
      expect(view.scopes.find((row) => row.scope === 'read:jira-user')?.status).toBe('awaiting-approval');
      expect(view.egress).toContainEqual({
        kind: 'fetch.backend',
        address: 'https://hooks.customer.example',
        origin: 'customer-managed',
      });
    });
  });

  describe('2. identity and effective Jira permissions', () => {
    it('shows the bot user, its permissions, and flags a permission a rule in use lacks with its fix', async () => {
      site.resetCalls();
      const view = data(await call<IdentityView>('getIdentity', { maxResults: 10 }));
      expect(view.bot).toEqual({
        accountId: APP_BOT_ID,
        displayName: 'Workflow Guard',
        accountType: 'app',
        groups: ['atlassian-addons-admin'],
      });
      expect(view.rulesInUse).toEqual(['comment', 'fields-requirement']);
      expect(view.global.find((p) => p.key === 'ADMINISTER')).toMatchObject({ held: true, neededBy: [] });
      expect(view.projects.map((p) => p.key)).toEqual(['FIN', 'OPS']);
      const fin = view.projects.find((p) => p.key === 'FIN');
      expect(fin?.missingNeeded).toBe(1);
      expect(fin?.permissions.find((p) => p.key === 'ADD_COMMENTS')).toEqual({
        key: 'ADD_COMMENTS',
        name: 'Add comments',
        held: false,
        neededBy: ['Comment'],
        fix: 'In the permission scheme of project FIN, grant "Add comments" to the app\'s group "atlassian-addons-admin" (or a project role it holds).',
        // The same, as catalogue texts the page words in its reader's language.
        said: {
          name: { key: 'catalog.permissions.addComments' },
          neededBy: [{ key: 'catalog.rules.comment.title' }],
          fix: {
            key: 'botAccess.grantInProject',
            values: {
              project: 'FIN',
              permission: { key: 'catalog.permissions.addComments' },
              grantee: { key: 'botAccess.granteeGroup', values: { group: 'atlassian-addons-admin' } },
            },
          },
        },
      });
      expect(view.projects.find((p) => p.key === 'OPS')?.missingNeeded).toBe(0);
      // Three calls whatever the page size: the bot, one page of projects, and ONE bulk permission check as
      // the app for the global permissions and every project of the page (no mypermissions call per project).
      expect(site.calls.map((c) => [c.identity.kind, c.operationId])).toEqual(
        expect.arrayContaining([
          ['app', 'getCurrentUser'],
          ['user', 'searchProjects'],
          ['app', 'getBulkPermissions'],
        ]),
      );
      expect(
        site.calls.filter((c) => c.identity.kind === 'app' && c.operationId === 'getMyPermissions'),
      ).toEqual([]);
      expect(site.calls.filter((c) => c.operationId === 'getBulkPermissions')).toHaveLength(1);
      expect(site.calls.filter((c) => c.operationId === 'searchProjects')).toHaveLength(1);
    });

    it('pages projects and flags a project hidden from the bot', async () => {
      site.revoke('BROWSE_PROJECTS', { accountId: APP_BOT_ID });
      site.grant('BROWSE_PROJECTS', { accountId: APP_BOT_ID, projectKey: 'OPS' });
      const first = data(await call<IdentityView>('getIdentity', { startAt: 0, maxResults: 1 }));
      expect(first.projectPage).toEqual({ startAt: 0, maxResults: 1, total: 2, isLast: false });
      expect(first.projects[0]?.permissions.find((p) => p.key === 'BROWSE_PROJECTS')).toMatchObject({
        held: false,
        neededBy: ['Fields requirement', 'Comment'],
      });
      const second = data(await call<IdentityView>('getIdentity', { startAt: 1, maxResults: 1 }));
      expect(second.projects.map((p) => p.key)).toEqual(['OPS']);
      expect(second.projectPage.isLast).toBe(true);
    });
  });

  describe('3. where the rules are used', () => {
    it("lists this installation's rules per workflow transition with a configuration summary", async () => {
      const view = data(await call<RuleUsagesView>('getRuleUsages'));
      expect(view.truncated).toBe(false);
      expect(view.workflowsScanned).toBe(2);
      expect(view.usages).toEqual([
        expect.objectContaining({
          workflowName: 'Ops flow',
          transitionName: 'Finish',
          fromStatuses: ['To Do', 'In Progress'],
          toStatus: 'Done',
          rule: 'fields-requirement',
          kind: 'validator',
          summary: 'Requires Due date is filled in; when Jira cannot be asked it blocks it.',
        }),
        expect.objectContaining({
          rule: 'comment',
          ruleTitle: 'Comment',
          kind: 'post-function',
          disabled: false,
          summary: 'Adds a comment as the user who transitions: “Done by {user}, thanks!”',
        }),
      ]);
    });
    const usedRules = async () =>
      data(await call<RuleUsagesView>('getRuleUsages')).usages.map(
        (u) => `${u.kind} ${u.rule} ${u.disabled}`,
      );
    const finish = () => {
      const transition = site.workflows.get('Ops flow')?.transitions.find((t) => t.id === '21');
      if (!transition) throw new Error('seedAdminSite changed: no transition 21 in Ops flow');
      return transition;
    };

    it.each([
      [
        'the documented post-function form (forge:workflow-post-function)',
        forgeRule('set-fields', { actor: 'app', fields: [] }),
        'postFunctions' as const,
        'post-function set-fields false',
      ],
      [
        'the documented validator form (forge:expression-validator)',
        forgeRule('custom-expression', { expression: 'true' }, { list: 'validators' }),
        'validators' as const,
        'validator custom-expression false',
      ],
      [
        "the documented condition form (forge:expression-condition, in the transition's condition group)",
        forgeRule(
          'field-value-condition',
          { description: 'Offered only when "Severity" is "High".' },
          { list: 'conditions' },
        ),
        'conditions' as const,
        'condition field-value-condition false',
      ],
      [
        'a disabled rule',
        forgeRule('notify', { connectionId: 'x' }, { disabled: true }),
        'postFunctions' as const,
        'post-function notify true',
      ],
      [
        // The spec names no rule key for a function validator: the extension ARI alone identifies the rule.
        'a function validator under a rule key the spec does not list',
        {
          ...forgeRule('related-issues', { links: [] }, { list: 'validators' }),
          ruleKey: 'forge:workflow-validator',
        },
        'validators' as const,
        'validator related-issues false',
      ],
    ])('recognises %s', async (_form, rule, list, expected) => {
      finish()[list].push(rule);
      expect(await usedRules()).toContain(expected);
    });

    it.each([
      ['a bare module key', { ruleKey: 'forge:comment', parameters: { key: 'comment', config: '{}' } }],
      [
        "another app's module of the same name",
        forgeRule('set-fields', {}, { appId: '99999999-0000-4000-8000-000000000009' }),
      ],
      ['another environment of this app', forgeRule('set-fields', {}, { environmentId: 'staging-env' })],
      [
        'a Connect rule',
        { ruleKey: 'connect:remote-workflow-function', parameters: { appKey: 'set-fields', config: '' } },
      ],
    ])("does not count %s as this installation's rule", async (_form, rule) => {
      finish().postFunctions.push(rule);
      expect(await usedRules()).toEqual([
        'validator fields-requirement false',
        'post-function comment false',
      ]);
    });
  });

  describe('4. executions', () => {
    beforeEach(async () => {
      await seedAudit(site, kvs, [
        {
          projectKey: 'FIN',
          issueKey: 'FIN-1',
          outcome: 'failed',
          summary: 'The effect was not applied',
          ageMs: 3 * 24 * HOUR,
          error: { code: 'MISSING_PERMISSION', message: 'POST … was refused: the bot lacks "Add comments".' },
          calls: [
            {
              feature: 'rules/comment',
              actor: { kind: 'app' },
              method: 'POST',
              pathTemplate: '/rest/api/3/issue/{issueIdOrKey}/comment',
              status: 403,
              attempts: 1,
              durationMs: 12,
              scopes: ['write:jira-work'],
              failure: 'MISSING_PERMISSION',
            },
          ],
        },
        {
          projectKey: 'OPS',
          issueKey: 'OPS-1',
          outcome: 'failed',
          ageMs: 2 * HOUR,
          error: { code: 'RATE_LIMITED', message: 'stayed rate limited' },
        },
        {
          projectKey: 'OPS',
          issueKey: 'OPS-2',
          rule: 'fields-requirement',
          module: 'validator',
          outcome: 'blocked',
          summary: 'Due date missing',
          ageMs: HOUR,
        },
        {
          projectKey: 'OPS',
          issueKey: 'OPS-3',
          actor: { kind: 'impersonated', accountId: 'dev' },
          ageMs: 30 * 60_000,
        },
        { projectKey: 'OPS', issueKey: 'OPS-4', ageMs: 10 * 60_000 },
      ]);
    });

    it('shows the log newest first with failure counters, calls and errors explained', async () => {
      const view = data(await call<ExecutionsView>('getExecutions'));
      expect(view.failures).toEqual({ last24Hours: 1, last7Days: 2 });
      expect(view.entries.map((e) => e.issueKey)).toEqual(['OPS-4', 'OPS-3', 'OPS-2', 'OPS-1', 'FIN-1']);
      const fin = view.entries[4];
      expect(fin?.error).toMatchObject({
        code: 'MISSING_PERMISSION',
        explanation: expect.stringContaining('permission scheme'),
      });
      expect(fin?.calls).toEqual([
        expect.objectContaining({
          method: 'POST',
          status: 403,
          actor: "The Workflow Guard app's bot user",
          failure: 'MISSING_PERMISSION',
          explanation: expect.stringContaining('Jira refused'),
        }),
      ]);
      expect(view.entries[1]?.actor).toContain('The user Dana Developer');
    });

    it('filters by project, rule, outcome and actor, and pages with a cursor', async () => {
      const ids = async (payload: object) =>
        data(await call<ExecutionsView>('getExecutions', payload)).entries.map((e) => e.issueKey);
      expect(await ids({ projectKey: 'FIN' })).toEqual(['FIN-1']);
      expect(await ids({ rule: 'fields-requirement' })).toEqual(['OPS-2']);
      expect(await ids({ outcome: 'failed' })).toEqual(['OPS-1', 'FIN-1']);
      expect(await ids({ outcome: 'failed', projectKey: 'FIN' })).toEqual(['FIN-1']);
      expect(await ids({ outcome: 'blocked', projectKey: 'OPS' })).toEqual(['OPS-2']);
      expect(await ids({ actorKind: 'impersonated' })).toEqual(['OPS-3']);
      const first = data(await call<ExecutionsView>('getExecutions', { limit: 2 }));
      expect(first.entries.map((e) => e.issueKey)).toEqual(['OPS-4', 'OPS-3']);
      const second = data(await call<ExecutionsView>('getExecutions', { limit: 2, cursor: first.cursor }));
      expect(second.entries.map((e) => e.issueKey)).toEqual(['OPS-2', 'OPS-1']);
    });

    it('rejects a bad filter with a message naming the field, and writes nothing', async () => {
      const writes = kvs.writes;
      expect(await call('getExecutions', { outcome: 'exploded' })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', message: expect.stringContaining('outcome') },
      });
      expect(await call('getExecutions', { projectKey: 'ops; drop' })).toMatchObject({
        ok: false,
        error: { message: expect.stringContaining('projectKey') },
      });
      expect(kvs.writes).toBe(writes);
    });
  });

  describe('5. secrets and connections', () => {
    /** The admin's own account at the notify provider, as the runtime's externalAuth metadata lists it. */
    const provider = (connected: boolean): ExternalAuthProvider => ({
      service: 'notify-account',
      remotes: [{ key: 'notify-service', baseUrl: tp.url }],
      accounts: connected
        ? [{ id: 'acc-1', externalAccountId: 'alice', displayName: 'alice', scopes: [] }]
        : [],
    });
    const withService = () => ({ ...viaLoopback, externalAuth: [provider(false)] });

    it('sets, replaces and deletes a write-only secret, audits each change, and tests the connection', async () => {
      const connection = apiTokenConnection(tp);
      // The page asks Forge (the bridge) what is approved, then the resolver what to ask approval for.
      const forge = egressApprovalsOf(site);
      const plan = data(
        await call<EgressPlanView>('planConnection', { connection, approvals: forge.get().results }),
      );
      expect(plan).toEqual({
        hosts: [{ origin: tp.url, role: 'service', approved: false }],
        request: [
          {
            key: expect.stringMatching(/^notify-host-127-0-0-1-\d+-[0-9a-f]{8}$/),
            description: expect.stringContaining('connection "Ops hook"'),
            configured: [{ domain: tp.url, type: ['FETCH_BACKEND_SIDE'] }],
          },
        ],
      });
      // Not approved (the admin declined): nothing is saved.
      const writes = kvs.writes;
      expect(
        checkedTexts(await call('saveConnection', { connection, approvals: forge.get().results })),
      ).toEqual({
        ok: false,
        error: {
          code: 'INVALID_INPUT',
          message: `Connection "Ops hook" was not saved: ${tp.url} is not approved for Workflow Guard, so it could not send anything. Approve the host when Forge asks, then save again.`,
        },
      });
      expect(kvs.writes).toBe(writes);
      // Approved in Forge's dialog: the page reports what the bridge now answers, and the connection is saved.
      forge.set({ egresses: plan.request });
      const saved = data(
        await call<ConnectionsView>(
          'saveConnection',
          { connection, approvals: forge.get().results },
          adminContext('admin'),
          withService(),
        ),
      );
      expect(saved.connections).toEqual([
        expect.objectContaining({
          id: 'ops-hook',
          secret: { set: false },
          hosts: [{ origin: tp.url, role: 'service', approved: true }],
        }),
      ]);
      const group = plan.request[0]?.key;
      expect(saved.egress).toMatchObject({
        hosts: [{ origin: tp.url, group, usedBy: ['Ops hook'], removable: false }],
        groupsInUse: 1,
        maxGroups: 10,
      });
      // The permissions section lists it as customer-managed egress.
      expect(data(await call<PermissionsOverview>('getPermissions')).egress).toContainEqual({
        kind: 'fetch.backend',
        address: tp.url,
        origin: 'customer-managed',
      });
      expect(saved.providers).toEqual([
        { key: 'notify-account', name: 'notification service', connected: false },
      ]);

      const status = data(
        await call<SecretStatusView>('setConnectionSecret', { id: 'ops-hook', value: CANARY }),
      );
      // Issue 16, point 7: the page names who set it.
      expect(status).toEqual({
        set: true,
        setAt: expect.any(String),
        setBy: 'admin',
        setByName: 'Ada Admin',
      });
      const listed = data(
        await call<ConnectionsView>('getConnections', {}, adminContext('admin'), {
          externalAuth: [provider(true)],
        }),
      );
      expect(listed.connections[0]?.secret).toEqual(status);
      expect(listed.providers).toEqual([
        { key: 'notify-account', name: 'notification service', connected: true },
      ]);

      // A wrong token: the exact failure, in words.
      const refused = data(
        await call<{ ok: boolean; code?: string; message?: string }>(
          'testConnection',
          { id: 'ops-hook' },
          adminContext('admin'),
          withService(),
        ),
      );
      expect(refused).toMatchObject({
        ok: false,
        code: expect.any(String),
        message: expect.stringContaining('Ops hook'),
      });

      data(await call('setConnectionSecret', { id: 'ops-hook', value: 'alice-api-token' }));
      const tested = data(
        await call<{ ok: boolean; status?: number }>(
          'testConnection',
          { id: 'ops-hook' },
          adminContext('admin'),
          withService(),
        ),
      );
      expect(tested).toMatchObject({ ok: true, status: expect.any(Number) });
      expect(tp.state.received.some((r) => r.path === HOOK_PATH)).toBe(true);

      expect(data(await call('deleteConnectionSecret', { id: 'ops-hook' }))).toEqual({ set: false });
      const afterDelete = data(await call<ConnectionsView>('deleteConnection', { id: 'ops-hook' }));
      expect(afterDelete.connections).toEqual([]);
      // No connection uses the host any more: the page offers to remove it, and reports Forge's answer after.
      expect(afterDelete.egress.hosts).toEqual([{ origin: tp.url, group, usedBy: [], removable: true }]);
      forge.deleteGroup({ key: group });
      const removed = data(await call<ConnectionsView>('getConnections', { approvals: forge.get().results }));
      expect(removed.egress.hosts).toEqual([]);

      const changes = auditEntries(kvs).filter((e) => e.module === 'admin-page');
      expect(changes.map((e) => e.summary).reverse()).toEqual([
        `Hosts approved for Notify: ${tp.url}`,
        'Connection "Ops hook" added',
        'Secret of connection "Ops hook" set',
        'Secret of connection "Ops hook" replaced',
        'Secret of connection "Ops hook" deleted',
        'Connection "Ops hook" and its secret deleted',
        `Hosts no longer approved: ${tp.url}`,
      ]);
      for (const entry of changes)
        expect(entry).toMatchObject({ outcome: 'changed', triggeredBy: 'admin', actor: { kind: 'user' } });
      expect(JSON.stringify(kvs.snapshot().kvs)).not.toContain(CANARY);
    });

    it('rejects bad input with a clear error and stores nothing', async () => {
      const writes = kvs.writes;
      const bad = [
        await call('setConnectionSecret', { id: 'ops-hook', value: '   ' }),
        await call('setConnectionSecret', { id: 'Not An Id', value: CANARY }),
        await call('setConnectionSecret', { id: 'missing', value: CANARY }),
        await call('saveConnection', { connection: { ...apiTokenConnection(tp), url: 'ftp://x' } }),
        await call('saveConnection', { connection: apiTokenConnection(tp), secret: CANARY }),
      ];
      for (const envelope of bad)
        expect(envelope).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(bad.map((e) => (e.ok ? '' : e.error.message))).toEqual([
        expect.stringContaining('value'),
        expect.stringContaining('id'),
        expect.stringContaining('no connection "missing"'),
        expect.stringContaining('url'),
        expect.stringContaining('secret'),
      ]);
      expect(kvs.writes).toBe(writes);
    });
  });

  describe('authorization', () => {
    const functions: [string, unknown][] = [
      ['getPermissions', {}],
      ['getIdentity', {}],
      ['getRuleUsages', {}],
      ['getExecutions', {}],
      ['getAuditDetail', {}],
      ['setAuditDetail', { successDetail: 'summary' }],
      ['getConnections', {}],
      [
        'saveConnection',
        {
          connection: {
            id: 'x',
            name: 'X',
            url: 'https://x.example',
            auth: { kind: 'api-token', scheme: 'bearer' },
          },
        },
      ],
      ['setConnectionSecret', { id: 'x', value: CANARY }],
      ['deleteConnectionSecret', { id: 'x' }],
      ['deleteConnection', { id: 'x' }],
      ['testConnection', { id: 'x' }],
      ['connectProvider', { provider: 'notify-account' }],
      ['getDataOverview', {}],
      ['exportAuditLog', {}],
      ['purgeAuditLog', {}],
      ['deleteAllConnections', {}],
    ];
    const callers: [string, BridgeContext, string][] = [
      ['a user without Administer Jira', adminContext('dev'), 'MISSING_PERMISSION'],
      [
        'a forged context: extension and payload claiming admin',
        adminContext('dev', {
          extension: { type: 'jira:adminPage', isAdmin: true, accountId: 'admin' },
          principal: { accountId: 'admin' },
        }),
        'MISSING_PERMISSION',
      ],
      ['an anonymous caller', adminContext(undefined), 'NEEDS_AUTHENTICATION'],
      [
        'an accountId marked anonymous',
        { ...adminContext('admin'), accountType: 'anonymous' },
        'NEEDS_AUTHENTICATION',
      ],
    ];

    it.each(callers)(
      'denies %s every function, returns no data and writes nothing',
      async (_who, ctx, code) => {
        await seedAudit(site, kvs, [
          { projectKey: 'OPS', outcome: 'failed', summary: 'secret-looking audit data' },
        ]);
        const writes = kvs.writes;
        for (const [fn, payload] of functions) {
          const envelope = await call(fn, { ...(payload as object), accountId: 'admin' }, ctx);
          expect(checkedTexts(envelope)).toEqual({ ok: false, error: { code, message: expect.any(String) } });
        }
        expect(kvs.writes).toBe(writes);
        expect(responses.join()).not.toContain('secret-looking');
        // Nothing was read from Jira beyond the caller's own permission check.
        expect(
          site.calls.every((c) => c.operationId === 'getMyPermissions' && c.identity.kind === 'user'),
        ).toBe(true);
      },
    );
  });
});
