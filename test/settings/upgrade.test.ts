import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildPostFunctionEvent,
  callResolver,
  runPostFunction,
  withInvocation,
  type BridgeContext,
  type MemoryKvs,
  type ResolverHandler,
} from '../harness';
import type { JiraSite } from '../emulator';
import { claimEffect } from '../../src/access/idempotency';
import { forgeStore } from '../../src/access/kv-store';
import { storageKeys } from '../../src/access/storage-keys';
import { getConnection, listConnections } from '../../src/connections/store';
import { adminResolver } from '../../src/index';
import { projectSettingsResolver } from '../../src/pages/project-settings';
import { commentPostFunction } from '../../src/rules/comment';
import { createSettingsStore } from '../../src/settings/store';
import type { ExecutionsView } from '../../src/shared/admin-page';
import type { ActivityPageView, ProjectSettingsView } from '../../src/shared/project-settings';
import { capturingConsole } from '../support/console';
import { pageContext, seedProjects } from './project-site';

type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

/** Every shape the version before project ids wrote (test/settings/fixtures/before-project-ids.json). */
function earlierData(site: JiraSite): Record<string, unknown> {
  const text = readFileSync(join(__dirname, 'fixtures', 'before-project-ids.json'), 'utf8');
  return (
    JSON.parse(text.replaceAll('{{OPS_ID}}', site.requireProject('OPS').id)) as {
      kvs: Record<string, unknown>;
    }
  ).kvs;
}

const NOW = Date.parse('2026-11-20T10:30:00Z');

describe('upgrading from the version before project ids: every earlier shape is read', () => {
  let site: JiraSite;
  let kvs: MemoryKvs;
  let earlier: Record<string, unknown>;

  beforeEach(async () => {
    jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    ({ site, kvs } = seedProjects());
    site.addUser({ accountId: 'admin', displayName: 'Ada Admin' });
    site.grant('ADMINISTER', { accountId: 'admin' });
    earlier = earlierData(site);
    await withInvocation({ site, kvs }, async () => {
      for (const [key, value] of Object.entries(earlier)) await forgeStore.set(key, value);
    });
  });
  afterEach(() => jest.useRealTimers());

  const call = async <T>(resolver: unknown, fn: string, payload: unknown, ctx: BridgeContext): Promise<T> => {
    const envelope = (await callResolver(resolver as ResolverHandler, fn, payload, ctx, {
      site,
      kvs,
    })) as Envelope<T>;
    if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
    return envelope.data;
  };
  const unchanged = () => {
    const now = kvs.snapshot().kvs;
    for (const [key, value] of Object.entries(earlier))
      if (!key.startsWith('effect:')) expect(now[key]).toEqual(value);
  };

  it('settings: a post-function honours them before anyone opens the page, with no Jira call', async () => {
    const before = site.calls.length;
    await runPostFunction(
      commentPostFunction,
      buildPostFunctionEvent(site, {
        issueKey: 'OPS-1',
        transitionId: '21',
        configuration: { template: 'x' },
      }),
      { site, kvs },
    );
    expect(site.issue('OPS-1').comments).toEqual([]);
    expect(site.calls.slice(before).map((c) => c.operationId)).toEqual([]);
    unchanged();
  });

  it('settings: the page shows the saved revision; the old document stays for the earlier version', async () => {
    const view = await call<ProjectSettingsView>(
      projectSettingsResolver,
      'getProjectSettings',
      {},
      pageContext(site, 'opsAdmin', 'OPS'),
    );
    expect(view.revision).toBe(2);
    expect(view.settings.disabledRules).toEqual(['comment']);
    expect(view.settings.defaults.connections).toEqual(['billing']);
    unchanged();
    // The next save builds on revision 2, by project id.
    await call(
      projectSettingsResolver,
      'saveProjectSettings',
      { expectedRevision: 2, settings: { ...view.settings, disabledRules: [] } },
      pageContext(site, 'opsAdmin', 'OPS'),
    );
    expect(kvs.snapshot().kvs[storageKeys.projectSettings(site.requireProject('OPS').id)]).toMatchObject({
      schemaVersion: 1,
      revision: 3,
    });
    unchanged();
  });

  it('settings: two first reads at once adopt the old document once', async () => {
    const store = createSettingsStore(forgeStore);
    const ops = site.requireProject('OPS');
    const states = await withInvocation({ site, kvs }, () => Promise.all([store.load(ops), store.load(ops)]));
    expect(states.map((s) => s.revision)).toEqual([2, 2]);
    // Both tried to create the id-keyed copy; the KVS let one in.
    expect(kvs.calls.filter((c) => c.op === 'set' && c.status === 409)).toHaveLength(1);
  });

  it('activity and the admin log: entries of the first shape are listed, and counted', async () => {
    await runPostFunction(
      commentPostFunction,
      buildPostFunctionEvent(site, {
        issueKey: 'OPS-1',
        transitionId: '21',
        configuration: { template: 'x' },
      }),
      { site, kvs },
    );
    const activity = await call<ActivityPageView>(
      projectSettingsResolver,
      'getProjectActivity',
      {},
      pageContext(site, 'opsAdmin', 'OPS'),
    );
    expect(activity.entries.map((e) => [e.kind, e.outcome, e.summary])).toEqual([
      ['post-function', 'skipped', 'Turned off in the project settings of OPS: nothing was done'],
      ['post-function', 'failed', 'The effect was not applied'],
      ['validator', 'allowed', 'Every required field is filled in'],
    ]);
    const admin = await call<ExecutionsView>(
      adminResolver,
      'getExecutions',
      { projectKey: 'OPS' },
      {
        accountId: 'admin',
      },
    );
    expect(admin.entries.map((e) => e.summary)).toContain('The effect was not applied');
    expect(admin.entries.find((e) => e.outcome === 'failed')?.calls[0]).toMatchObject({
      failure: 'MISSING_PERMISSION',
      actor: "The Workflow Guard app's bot user",
    });
    // The first shape's counter document still counts: 1 in the last 24 hours, 4 in the week.
    expect(admin.failures).toEqual({ last24Hours: 1, last7Days: 4 });
    unchanged();
  });

  it('after the upgrade, a key change still finds the old settings and activity', async () => {
    await call(projectSettingsResolver, 'getProjectSettings', {}, pageContext(site, 'opsAdmin', 'OPS'));
    site.renameProjectKey('OPS', 'OPSX');
    const view = await call<ProjectSettingsView>(
      projectSettingsResolver,
      'getProjectSettings',
      {},
      pageContext(site, 'opsAdmin', 'OPSX'),
    );
    expect(view.revision).toBe(2);
    const activity = await call<ActivityPageView>(
      projectSettingsResolver,
      'getProjectActivity',
      { onlyFailures: true },
      pageContext(site, 'opsAdmin', 'OPSX'),
    );
    expect(activity.entries.map((e) => e.summary)).toEqual(['The effect was not applied']);
  });

  it('connections and their secret status, of every kind', async () => {
    await withInvocation({ site, kvs }, async () => {
      const connections = await listConnections();
      expect(connections.map((c) => [c.id, c.auth.kind, c.secret.set])).toEqual([
        ['billing', 'api-token', true],
        ['hr', 'oauth-client-credentials', false],
        ['me', 'user-account', false],
      ]);
      expect(connections[0]?.secret).toEqual({
        set: true,
        setAt: '2026-11-01T12:00:00.000Z',
        setBy: 'jiraAdmin',
      });
      expect(await getConnection('hr')).toMatchObject({ auth: { scope: 'events.write' } });
      // A connection written by a newer version is left alone rather than half-read, and said so by its key.
      await forgeStore.set(storageKeys.connection('future'), { schemaVersion: 9, id: 'future' });
      await capturingConsole(async (printed) => {
        expect((await listConnections()).map((c) => c.id)).toEqual(['billing', 'hr', 'me']);
        expect(printed).toEqual([
          'Workflow Guard ignored connection:future: stored in a shape this version does not read.',
        ]);
      });
    });
  });

  it('post-function effect marks of both earlier forms', async () => {
    await withInvocation({ site, kvs }, async () => {
      const claim = (execution: string, now: number) => claimEffect(forgeStore, execution, 'pf-1', now);
      const started = Date.parse('2026-11-20T10:00:00Z');
      // The first form held a claim for 60 seconds from `since`.
      expect(await claim('exec-first-form', started + 30_000)).toEqual({
        kind: 'duplicate',
        state: 'running',
      });
      expect(await claim('exec-first-form', started + 61_000)).toMatchObject({
        kind: 'claimed',
        resumed: true,
      });
      expect(await claim('exec-with-until', started + 20_000)).toEqual({
        kind: 'duplicate',
        state: 'running',
      });
      expect(await claim('exec-done', NOW)).toEqual({
        kind: 'duplicate',
        state: 'done',
        summary: 'Comment 10023 added',
      });
      expect(await claim('exec-released', NOW)).toMatchObject({ kind: 'claimed', resumed: true });
    });
  });
});
