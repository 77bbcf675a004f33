import {
  callResolver,
  startInvocation,
  type BridgeContext,
  type MemoryKvs,
  type ResolverHandler,
} from '../../harness';
import { deleteConnection, saveConnection } from '../../../src/connections/store';
import { forgeWorkflowRule, type JiraSite } from '../../emulator';
import { APP_INSTALLATION } from '../../harness';
import { projectSettingsResolver } from '../../../src/pages/project-settings';
import type { ActivityPageView, ProjectSettingsView } from '../../../src/shared/project-settings';
import { pageContext, seedProjects } from '../../settings/project-site';

type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

const handler = projectSettingsResolver as unknown as ResolverHandler;

const DEFAULTS = {
  disabledRules: [],
  defaults: { actor: 'app', allowAppFallback: true, reportFailureOnIssue: false, connections: [] },
};
const commentOff = { ...DEFAULTS, disabledRules: ['comment'] };

describe('project settings resolver', () => {
  let site: JiraSite;
  let kvs: MemoryKvs;

  beforeEach(() => {
    ({ site, kvs } = seedProjects());
  });

  const call = <T>(fn: string, payload: unknown, ctx: BridgeContext) =>
    callResolver(handler, fn, payload, ctx, { site, kvs }) as Promise<Envelope<T>>;
  const data = <T>(envelope: Envelope<T>): T => {
    if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
    return envelope.data;
  };
  const read = (accountId = 'opsAdmin', project = 'OPS') =>
    call<ProjectSettingsView>('getProjectSettings', {}, pageContext(site, accountId, project)).then(data);
  const save = (payload: unknown, accountId = 'opsAdmin', project = 'OPS') =>
    call<ProjectSettingsView>('saveProjectSettings', payload, pageContext(site, accountId, project));

  it('shows a project admin the defaults, every catalog rule and what the bot needs', async () => {
    const view = await read();
    expect(view.project).toEqual({ key: 'OPS', name: 'Operations', style: 'company-managed' });
    expect(view.revision).toBe(0);
    expect(view.settings).toEqual(DEFAULTS);
    expect(view.rules.map((r) => [r.key, r.enabled])).toContainEqual(['comment', true]);
    expect(view.rules.map((r) => r.key)).toContain('fields-requirement');
    expect(view.botAccess.permissions.find((p) => p.permission === 'ADD_COMMENTS')).toMatchObject({
      held: true,
      name: 'Add comments',
      neededFor: ['Comment'],
    });
    // Reading saves no settings; it only remembers which project the key names (the key cache), and, this being
    // the environment's first resolver call, the shape of the request context (src/execution/platform-shape.ts).
    expect(Object.keys(kvs.snapshot().kvs).sort()).toEqual([
      expect.stringMatching(/^platform-shape:resolver:1\.0\.0:[0-9a-f]{16}$/),
      `project-keys:${site.requireProject('OPS').id}`,
      'project-of-key:OPS',
    ]);
  });

  it('says which rules the project’s workflows use, and where, in one workflow read', async () => {
    site.addWorkflow({
      name: 'Ops workflow',
      statuses: [
        { name: 'To Do', category: 'new' },
        { name: 'Done', category: 'done' },
      ],
      transitions: [
        {
          id: '21',
          name: 'Close',
          from: ['To Do'],
          to: 'Done',
          postFunctions: [
            forgeWorkflowRule(APP_INSTALLATION, { moduleKey: 'comment', list: 'postFunctions', config: {} }),
          ],
        },
      ],
      projects: ['OPS'],
    });
    const before = site.calls.length;
    const view = await read();
    expect(view.rules[0]).toMatchObject({ key: 'comment', usedOn: ['Close (Ops workflow)'] });
    expect(view.rules.slice(1).every((rule) => rule.usedOn.length === 0)).toBe(true);
    expect(view.rulesInUseProblem).toBeUndefined();
    expect(site.calls.slice(before).filter((c) => c.operationId === 'readWorkflows')).toHaveLength(1);
    // FIN's workflows carry none of them.
    const fin = await call<ProjectSettingsView>(
      'getProjectSettings',
      {},
      pageContext(site, 'finAdmin', 'FIN'),
    );
    expect(data(fin).rules.every((rule) => rule.usedOn.length === 0)).toBe(true);
  });

  it('says which rules are in use is unknown when Jira will not let the app read workflows', async () => {
    site.revoke('ADMINISTER', { accountId: site.appBot.accountId });
    const view = await read();
    expect(view.rulesInUseProblem).toMatch(
      /^Jira did not let the app read this project's workflows, so which rules they use is unknown: /,
    );
    expect(view.rules.length).toBeGreaterThan(0);
  });

  it('saves a project admin’s change, audits it, and names who changed what', async () => {
    const saved = data(await save({ expectedRevision: 0, settings: commentOff }));
    expect(saved.revision).toBe(1);
    expect(saved.updatedBy).toBe('opsAdmin');
    expect(saved.rules.find((r) => r.key === 'comment')?.enabled).toBe(false);
    // The bot no longer needs Add comments for anything turned on.
    expect(saved.botAccess.permissions.map((p) => p.permission)).not.toContain('ADD_COMMENTS');
    expect((await read()).settings).toEqual(commentOff);

    const activity = data(
      await call<ActivityPageView>('getProjectActivity', {}, pageContext(site, 'opsAdmin', 'OPS')),
    );
    expect(activity.entries[0]).toMatchObject({
      kind: 'project-settings',
      outcome: 'changed',
      actedAs: 'User Olga Ops-Admin',
      summary: 'Project settings turned off Comment (revision 1)',
    });
  });

  it('works for a team-managed project administered through its role', async () => {
    const view = await read('teamAdmin', 'TEAM');
    expect(view.project.style).toBe('team-managed');
    expect(view.botAccess.fix).toContain('Project settings › Access');
    expect(
      data(await save({ expectedRevision: 0, settings: commentOff }, 'teamAdmin', 'TEAM')).revision,
    ).toBe(1);
  });

  it('lets a Jira admin in too', async () => {
    expect((await read('jiraAdmin')).project.key).toBe('OPS');
  });

  it.each([
    ['an admin of another project', 'finAdmin', 'MISSING_PERMISSION'],
    ['a plain user', 'dev', 'MISSING_PERMISSION'],
  ])('denies %s reading or writing, and nothing changes', async (_who, accountId, code) => {
    for (const envelope of [
      await call('getProjectSettings', {}, pageContext(site, accountId, 'OPS')),
      await save({ expectedRevision: 0, settings: commentOff }, accountId),
      await call('getProjectActivity', {}, pageContext(site, accountId, 'OPS')),
    ]) {
      expect(envelope).toMatchObject({ ok: false, error: { code } });
      if (!envelope.ok) expect(envelope.error.message).toContain('Administer projects');
    }
    expect(kvs.writes).toBe(0);
  });

  it('refuses a forged project key: FIN’s admin sending OPS’s key with FIN’s id, or FIN’s key with OPS’s id', async () => {
    const finIdOpsKey = pageContext(site, 'finAdmin', 'FIN', 'OPS');
    const opsIdFinKey = pageContext(site, 'finAdmin', 'OPS', 'FIN');
    for (const ctx of [finIdOpsKey, opsIdFinKey]) {
      expect(
        await call('saveProjectSettings', { expectedRevision: 0, settings: commentOff }, ctx),
      ).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT', message: expect.stringContaining('does not match') },
      });
    }
    expect(kvs.writes).toBe(0);
  });

  it('refuses a forged project id the user cannot see, and a context without a project', async () => {
    const hidden = { ...pageContext(site, 'dev', 'OPS'), extension: { project: { id: '999999' } } };
    expect(await call('getProjectSettings', {}, hidden)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const none = { accountId: 'opsAdmin', extension: { type: 'jira:projectSettingsPage' } };
    expect(await call('getProjectSettings', {}, none)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(kvs.writes).toBe(0);
  });

  it.each([
    [
      'an unknown rule',
      { ...DEFAULTS, disabledRules: ['delete-everything'] },
      'settings.disabledRules.0: is not a Workflow Guard rule',
    ],
    [
      'a condition Jira evaluates without the app',
      { ...DEFAULTS, disabledRules: ['who-may-transition-condition'] },
      'settings.disabledRules.0: is evaluated by Jira without the app, so it cannot be turned off per project: remove it from the workflow instead',
    ],
    [
      'an unknown actor',
      { ...DEFAULTS, defaults: { ...DEFAULTS.defaults, actor: 'root' } },
      'settings.defaults.actor',
    ],
    [
      'a missing default',
      { disabledRules: [], defaults: { actor: 'app' } },
      'settings.defaults.allowAppFallback',
    ],
    [
      'an extra field',
      { ...DEFAULTS, defaults: { ...DEFAULTS.defaults, token: 'x' } },
      'settings.defaults: Unrecognized key: "token"',
    ],
    [
      'a badly formed connection id',
      { ...DEFAULTS, defaults: { ...DEFAULTS.defaults, connections: ['Not An Id'] } },
      'settings.defaults.connections.0: use 1–40 lower-case letters',
    ],
    [
      'a connection nobody set up',
      { ...DEFAULTS, defaults: { ...DEFAULTS.defaults, connections: ['slack'] } },
      'settings.defaults.connections: "slack" is not a connection your Jira admin has set up',
    ],
    [
      'too many connections',
      {
        ...DEFAULTS,
        defaults: { ...DEFAULTS.defaults, connections: Array.from({ length: 51 }, (_, i) => `c${i}`) },
      },
      'settings.defaults.connections: list at most 50 connections',
    ],
  ])('rejects %s with a message naming the field, and writes nothing', async (_what, settings, message) => {
    const envelope = await save({ expectedRevision: 0, settings });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!envelope.ok) expect(envelope.error.message).toContain(message);
    expect(kvs.writes).toBe(0);
  });

  it('rejects an oversized request before it reaches storage', async () => {
    const huge = { ...DEFAULTS, disabledRules: Array.from({ length: 5000 }, () => 'comment') };
    const envelope = await save({ expectedRevision: 0, settings: huge });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!envelope.ok) expect(envelope.error.message).toContain('lists more rules than Workflow Guard has');
    expect(kvs.writes).toBe(0);
  });

  it('rejects a stale save, saying who changed the settings and when, and keeps their change', async () => {
    data(await save({ expectedRevision: 0, settings: commentOff }, 'teamAdmin', 'TEAM'));
    data(await save({ expectedRevision: 0, settings: commentOff }));
    const writes = kvs.writes;
    const stale = await save({ expectedRevision: 0, settings: DEFAULTS }, 'jiraAdmin');
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    if (!stale.ok) {
      expect(stale.error.message).toContain('changed by Olga Ops-Admin at');
      expect(stale.error.message).toMatch(/at \d{4}-\d\d-\d\d \d\d:\d\d UTC \(revision 1\)/);
      expect(stale.error.message).toContain('Reload');
    }
    expect(kvs.writes).toBe(writes);
    expect((await read()).settings).toEqual(commentOff);
  });

  it('tells the same admin in a second tab that it was them', async () => {
    data(await save({ expectedRevision: 0, settings: commentOff }));
    const again = await save({ expectedRevision: 0, settings: DEFAULTS });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    if (!again.ok) expect(again.error.message).toContain('you, in another tab or window');
  });

  it('lets only one of two concurrent saves of the same revision win', async () => {
    const results = await Promise.all([
      save({ expectedRevision: 0, settings: commentOff }),
      save(
        { expectedRevision: 0, settings: { ...DEFAULTS, disabledRules: ['fields-requirement'] } },
        'jiraAdmin',
      ),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok && r.error.code === 'CONFLICT')).toHaveLength(1);
    const winner = results.find((r) => r.ok);
    expect((await read()).settings).toEqual(winner?.ok && winner.data.settings);
  });

  it('pages the project’s recent activity and filters failures, without other projects’ entries', async () => {
    data(await save({ expectedRevision: 0, settings: commentOff }));
    data(await save({ expectedRevision: 0, settings: commentOff }, 'finAdmin', 'FIN'));
    const all = data(
      await call<ActivityPageView>('getProjectActivity', {}, pageContext(site, 'opsAdmin', 'OPS')),
    );
    expect(all.entries).toHaveLength(1);
    const failures = data(
      await call<ActivityPageView>(
        'getProjectActivity',
        { onlyFailures: true },
        pageContext(site, 'opsAdmin', 'OPS'),
      ),
    );
    expect(failures.entries).toEqual([]);
    expect(
      await call('getProjectActivity', { onlyFailures: 'yes' }, pageContext(site, 'opsAdmin', 'OPS')),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('onlyFailures') },
    });
  });

  it('shows a permission the bot lacks, with the fix', async () => {
    site.revoke('ADD_COMMENTS', { accountId: site.appBot.accountId });
    const view = await read();
    expect(view.botAccess.permissions.find((p) => p.permission === 'ADD_COMMENTS')).toMatchObject({
      held: false,
      neededFor: ['Comment'],
    });
    expect(view.botAccess.fix).toContain('permission scheme of OPS');
  });
});

describe('project settings resolver: connections', () => {
  it('allows a connection the Jira admin set up, and keeps it listed after the admin removes it', async () => {
    const { site, kvs } = seedProjects();
    const inv = startInvocation({ site, kvs });
    try {
      await saveConnection({
        id: 'ops-hook',
        name: 'Ops webhook',
        url: 'https://hooks.example.com/ops',
        auth: { kind: 'api-token', scheme: 'bearer' },
      });
    } finally {
      inv.end();
    }
    const ctx = pageContext(site, 'opsAdmin', 'OPS');
    const settings = {
      disabledRules: [],
      defaults: {
        actor: 'app',
        allowAppFallback: true,
        reportFailureOnIssue: false,
        connections: ['ops-hook'],
      },
    };
    const saved = (await callResolver(
      handler,
      'saveProjectSettings',
      { expectedRevision: 0, settings },
      ctx,
      {
        site,
        kvs,
      },
    )) as Envelope<ProjectSettingsView>;
    expect(saved.ok && saved.data.connections).toEqual([
      { id: 'ops-hook', name: 'Ops webhook', configured: true },
    ]);

    const again = startInvocation({ site, kvs });
    try {
      await deleteConnection('ops-hook');
    } finally {
      again.end();
    }
    const resaved = (await callResolver(
      handler,
      'saveProjectSettings',
      { expectedRevision: 1, settings },
      ctx,
      {
        site,
        kvs,
      },
    )) as Envelope<ProjectSettingsView>;
    expect(resaved.ok && resaved.data.connections).toEqual([
      { id: 'ops-hook', name: 'ops-hook', configured: false },
    ]);
  });
});
