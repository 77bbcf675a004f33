import {
  buildPostFunctionEvent,
  callResolver,
  runPostFunction,
  type BridgeContext,
  type MemoryKvs,
  type ResolverHandler,
} from '../../harness';
import type { JiraSite } from '../../emulator';
import { projectSettingsResolver } from '../../../src/pages/project-settings';
import { commentPostFunction } from '../../../src/rules/comment';
import type { ActivityPageView, ProjectSettingsView } from '../../../src/shared/project-settings';
import { pageContext, seedProjects } from '../../settings/project-site';

type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };
const handler = projectSettingsResolver as unknown as ResolverHandler;
const commentOff = {
  disabledRules: ['comment'],
  defaults: { actor: 'app', allowAppFallback: true, reportFailureOnIssue: false, connections: [] },
};

/** A Jira admin renames OPS to OPSX after its project admin configured Workflow Guard. */
describe('a project key change keeps the project’s settings and activity', () => {
  let site: JiraSite;
  let kvs: MemoryKvs;

  beforeEach(() => {
    ({ site, kvs } = seedProjects());
  });

  const call = async <T>(fn: string, payload: unknown, ctx: BridgeContext): Promise<T> => {
    const envelope = (await callResolver(handler, fn, payload, ctx, { site, kvs })) as Envelope<T>;
    if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
    return envelope.data;
  };
  const transition = (issueKey: string) =>
    runPostFunction(
      commentPostFunction,
      buildPostFunctionEvent(site, { issueKey, transitionId: '21', configuration: { template: 'Moved' } }),
      { site, kvs },
    );

  it('through the settings page and a post-function, before and after the rename', async () => {
    await call<ProjectSettingsView>('getProjectSettings', {}, pageContext(site, 'opsAdmin', 'OPS'));
    await call(
      'saveProjectSettings',
      { expectedRevision: 0, settings: commentOff },
      pageContext(site, 'opsAdmin', 'OPS'),
    );
    await transition('OPS-1');
    expect(site.issue('OPS-1').comments).toEqual([]);

    const id = site.requireProject('OPS').id;
    site.renameProjectKey('OPS', 'OPSX');
    expect(site.requireProject('OPSX').id).toBe(id);

    // A transition under the new key: Comment is still off there. Jira is asked once which project OPSX is.
    const before = site.calls.length;
    await transition('OPSX-1');
    expect(site.issue('OPSX-1').comments).toEqual([]);
    expect(site.calls.slice(before).map((c) => `${c.method} ${c.pathTemplate}`)).toEqual([
      'GET /rest/api/3/issue/{issueIdOrKey}',
    ]);
    // The next one asks no one: the key is cached.
    const cached = site.calls.length;
    await transition('OPSX-1');
    expect(site.calls.length).toBe(cached);

    // The page, opened under the new key, shows the saved settings at their revision.
    const view = await call<ProjectSettingsView>(
      'getProjectSettings',
      {},
      pageContext(site, 'opsAdmin', 'OPSX'),
    );
    expect(view.project.key).toBe('OPSX');
    expect(view.revision).toBe(1);
    expect(view.settings).toEqual(commentOff);

    // Activity from before and after the rename, on one page, newest first.
    const activity = await call<ActivityPageView>(
      'getProjectActivity',
      {},
      pageContext(site, 'opsAdmin', 'OPSX'),
    );
    expect(activity.entries.map((e) => [e.kind, e.outcome, e.issueKey ?? ''])).toEqual([
      ['post-function', 'skipped', 'OPSX-1'],
      ['post-function', 'skipped', 'OPSX-1'],
      ['post-function', 'skipped', 'OPS-1'],
      ['project-settings', 'changed', ''],
    ]);
    expect(activity.entries[0]?.summary).toBe('Turned off in the project settings of OPSX: nothing was done');
  });

  it('an event still carrying the earlier issue key finds the same settings', async () => {
    await call(
      'saveProjectSettings',
      { expectedRevision: 0, settings: commentOff },
      pageContext(site, 'opsAdmin', 'OPS'),
    );
    const late = buildPostFunctionEvent(site, {
      issueKey: 'OPS-1',
      transitionId: '21',
      configuration: { template: 'x' },
    });
    site.renameProjectKey('OPS', 'OPSX');
    await runPostFunction(commentPostFunction, late, { site, kvs });
    expect(site.issue('OPSX-1').comments).toEqual([]);
  });
});
