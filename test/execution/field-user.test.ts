import { buildPostFunctionEvent, callResolver, runPostFunction, type MemoryKvs } from '../harness';
import type { JiraSite } from '../emulator';
import { ruleCatalog } from '../../src/rules/catalog';
import { commentPostFunction } from '../../src/rules/comment';
import { setFieldsPostFunction } from '../../src/rules/set-fields';
import { transitionRelatedPostFunction } from '../../src/rules/transition-related';
import { createIssuePostFunction } from '../../src/rules/create-issue';
import { linkIssuesPostFunction } from '../../src/rules/link-issues';
import { assignPostFunction } from '../../src/rules/assign';
import { notifyPostFunction } from '../../src/rules/notify';
import { copyFieldValuesPostFunction } from '../../src/rules/copy-field-values';
import { adminResolver } from '../../src/pages/admin';
import { summariseRule } from '../../src/pages/admin/rule-summaries';
import type { ExecutionsView } from '../../src/shared/admin-page';
import { startThirdParty, type ThirdParty } from '../third-party';
import { apiTokenConnection, delivered, setUpConnection, viaLoopback } from '../connections/support';
import { auditEntries } from '../support/audit';
import {
  COPY_FIELDS,
  SET_FIELDS_OPERATIONS,
  seedCopyValues,
  seedFieldsToSet,
  seedIssueCreation,
  seedSite,
  seedSubTasks,
  seedTeamManagedSite,
} from '../support/seed';

/**
 * Acting as the user named in a field (issue 18, point 6), for every post-function of the catalogue: the runner
 * reads the field once, as the app, then acts as that user with the same permission handling and fallback policy
 * as for the transitioning user. Rita Reporter is the user in the field; Dana (`dev`) makes the transition.
 */

type Seeded = { site: JiraSite; kvs: MemoryKvs };
type Handler = Parameters<typeof runPostFunction>[0];

interface Scenario {
  seed(): Seeded;
  handler: Handler;
  issueKey: string;
  transitionId: string;
  configuration(site: JiraSite): Record<string, unknown>;
  /** What Rita needs to make the effect herself, in these projects. */
  permissions: string[];
  projects: string[];
  /** The calls that make the effect (whose identity says who acted). */
  writes: string[];
  /** Of those, only the calls on these paths (Notify's read of the issue, not the read of the field). */
  writePath?: string;
  /** The effect, counted from Jira's or the service's state: 1 after one clean run. */
  effects(world: World): number;
  /** For Notify: a connection saved, allowed in OPS, and the loopback service. */
  notify?: boolean;
}

interface World extends Seeded {
  tp: ThirdParty;
}

const moves = (site: JiraSite, key: string) =>
  site.issue(key).history.filter((change) => change.items.some((item) => item.field === 'status')).length;

const SCENARIOS: Record<string, Scenario> = {
  comment: {
    seed: seedSite,
    handler: commentPostFunction,
    issueKey: 'OPS-1',
    transitionId: '11',
    configuration: () => ({ template: 'Moved' }),
    permissions: ['BROWSE_PROJECTS', 'ADD_COMMENTS'],
    projects: ['OPS'],
    writes: ['addComment'],
    effects: ({ site }) => site.issue('OPS-1').comments.length,
  },
  'set-fields': {
    seed: seedFieldsToSet,
    handler: setFieldsPostFunction,
    issueKey: 'OPS-2',
    transitionId: '21',
    configuration: () => ({ operations: SET_FIELDS_OPERATIONS }),
    permissions: ['BROWSE_PROJECTS', 'EDIT_ISSUES'],
    projects: ['OPS'],
    writes: ['editIssue'],
    // One edit changing every value: Jira's history records an edit only when it changes one.
    effects: ({ site }) => Math.min(1, site.issue('OPS-2').history.length),
  },
  'transition-related': {
    seed: seedSubTasks,
    handler: transitionRelatedPostFunction,
    issueKey: 'OPS-1',
    transitionId: '21',
    configuration: () => ({ target: 'sub-tasks', transitionName: 'Done' }),
    permissions: ['BROWSE_PROJECTS', 'TRANSITION_ISSUES'],
    projects: ['OPS'],
    writes: ['doTransition'],
    effects: ({ site }) => (moves(site, 'OPS-2') === 1 && moves(site, 'OPS-3') === 1 ? 1 : 0),
  },
  'create-issue': {
    seed: seedIssueCreation,
    handler: createIssuePostFunction,
    issueKey: 'OPS-1',
    transitionId: '21',
    configuration: (site) => ({
      kind: 'sub-task',
      issueTypeId: site.issueTypes.get('Subtask')?.id,
      issueTypeName: 'Subtask',
      summary: 'Check {{issue.key}}',
    }),
    permissions: ['BROWSE_PROJECTS', 'CREATE_ISSUES'],
    projects: ['OPS'],
    writes: ['createIssue'],
    effects: ({ site }) => [...site.issues.values()].filter((i) => i.parentKey === 'OPS-1').length,
  },
  'link-issues': {
    seed: seedIssueCreation,
    handler: linkIssuesPostFunction,
    issueKey: 'OPS-1',
    transitionId: '21',
    configuration: () => ({ source: 'jql', jql: 'key = OPS-5', linkType: 'Relates' }),
    permissions: ['BROWSE_PROJECTS', 'LINK_ISSUES'],
    projects: ['OPS'],
    writes: ['linkIssues'],
    effects: ({ site }) =>
      site.links.filter((l) => l.outwardKey === 'OPS-1' && l.inwardKey === 'OPS-5').length,
  },
  assign: {
    seed: seedIssueCreation,
    handler: assignPostFunction,
    issueKey: 'OPS-1',
    transitionId: '21',
    // Assigns Dana, named in another user field, so an empty Reporter leaves something to do.
    configuration: () => ({ target: 'user-field', fieldId: NEXT_OWNER, fieldName: 'Next owner' }),
    permissions: ['BROWSE_PROJECTS', 'ASSIGN_ISSUES'],
    projects: ['OPS'],
    writes: ['assignIssue'],
    effects: ({ site }) =>
      site.issue('OPS-1').history.filter((change) => change.items.some((item) => item.field === 'assignee'))
        .length,
  },
  'copy-field-values': {
    seed: seedCopyValues,
    handler: copyFieldValuesPostFunction,
    issueKey: 'OPS-1',
    transitionId: '21',
    configuration: () => ({
      relation: 'sub-tasks',
      pairs: [
        {
          from: COPY_FIELDS.points.id,
          fromName: COPY_FIELDS.points.name,
          fromSchema: { type: COPY_FIELDS.points.type },
          to: COPY_FIELDS.total.id,
          toName: COPY_FIELDS.total.name,
          toSchema: { type: COPY_FIELDS.total.type },
          aggregation: 'sum',
        },
      ],
    }),
    permissions: ['BROWSE_PROJECTS', 'EDIT_ISSUES'],
    projects: ['OPS'],
    writes: ['editIssue'],
    effects: ({ site }) => (site.issue('OPS-1').fields[COPY_FIELDS.total.id] === 8 ? 1 : 0),
  },
  notify: {
    seed: seedSite,
    handler: notifyPostFunction,
    issueKey: 'OPS-1',
    transitionId: '11',
    configuration: () => ({ connectionId: 'ops-hook' }),
    permissions: ['BROWSE_PROJECTS'],
    projects: ['OPS'],
    // Notify writes nothing in Jira: it reads the issue as whoever acts, then calls the service.
    writes: ['getIssue'],
    writePath: 'fields=summary',
    effects: ({ tp }) => delivered(tp).length,
    notify: true,
  },
};

const NEXT_OWNER = 'customfield_10071';

const POST_FUNCTIONS = ruleCatalog.filter((rule) => rule.kind === 'post-function').map((rule) => rule.key);

const REPORTER = { id: 'reporter', name: 'Reporter' };
const APPROVER = { id: 'customfield_10090', name: 'Approver' };

interface Run {
  world: World;
  /** The effect's calls: who made each and what Jira answered. */
  writes: Array<[string, number]>;
  entry: ReturnType<typeof auditEntries>[number] | undefined;
}

/**
 * Seeds the scenario with Rita in the field (or nobody), holding `granted` of the rule's permissions, and delivers
 * the event once (or `deliveries` times, the same event).
 */
async function run(
  name: string,
  tp: ThirdParty,
  options: {
    field?: typeof REPORTER;
    granted?: 'all' | 'browse' | 'none';
    empty?: boolean;
    fallback?: 'fail' | 'act-as-app';
    actor?: 'field-user' | 'transitioning-user';
    deliveries?: number;
    seed?: () => Seeded;
    tweak?: (site: JiraSite) => void;
  } = {},
): Promise<Run> {
  const scenario = SCENARIOS[name]!;
  const field = options.field ?? REPORTER;
  const { site, kvs } = (options.seed ?? scenario.seed)();
  const world = { site, kvs, tp };
  tp.state.reset();
  site.addUser({ accountId: 'rita', displayName: 'Rita Reporter' });
  site.addField({ id: APPROVER.id, name: APPROVER.name, type: 'user' });
  const granted = options.granted ?? 'all';
  for (const projectKey of scenario.projects) {
    const permissions =
      granted === 'all' ? scenario.permissions : granted === 'browse' ? ['BROWSE_PROJECTS'] : [];
    for (const permission of permissions) site.grant(permission, { accountId: 'rita', projectKey });
  }
  const issue = site.issues.get(scenario.issueKey)!;
  issue.reporter = undefined;
  if (!options.empty) {
    if (field.id === 'reporter') issue.reporter = 'rita';
    else issue.fields[field.id] = { accountId: 'rita' };
  }
  if (name === 'assign') {
    site.addField({ id: NEXT_OWNER, name: 'Next owner', type: 'user' });
    issue.fields[NEXT_OWNER] = { accountId: 'dev' };
  }
  options.tweak?.(site);
  if (scenario.notify) await setUpConnection(site, kvs, apiTokenConnection(tp), 'alice-api-token');
  const actor = options.actor ?? 'field-user';
  const event = buildPostFunctionEvent(site, {
    issueKey: scenario.issueKey,
    transitionId: scenario.transitionId,
    // Acting as the transitioning user (for comparison), Rita makes the transition herself.
    atlassianId: actor === 'transitioning-user' ? 'rita' : 'dev',
    configuration: JSON.stringify({
      ...scenario.configuration(site),
      actor,
      ...(actor === 'field-user' ? { actorField: field } : {}),
      fallback: options.fallback ?? 'fail',
    }),
    postFunctionId: `pf-${name}`,
  });
  const before = site.calls.length;
  for (let n = 0; n < (options.deliveries ?? 1); n++)
    await runPostFunction(scenario.handler, event, { site, kvs, ...(scenario.notify ? viaLoopback : {}) });
  const writes = site.calls
    .slice(before)
    .filter((call) => scenario.writes.includes(call.operationId ?? ''))
    .filter((call) => !scenario.writePath || call.path.includes(scenario.writePath))
    .map((call): [string, number] => [
      call.identity.kind === 'impersonated' ? call.identity.accountId : call.identity.kind,
      call.status,
    ]);
  return { world, writes, entry: auditEntries(kvs)[0] };
}

const succeeded = (writes: Array<[string, number]>) =>
  writes.filter(([, status]) => status < 300).map(([who]) => who);

describe('acting as the user in a field, for every post-function of the catalogue', () => {
  let tp: ThirdParty;
  beforeAll(async () => {
    tp = await startThirdParty();
  });
  afterAll(() => tp.close());

  it('has a scenario for every post-function the catalogue lists', () => {
    expect(Object.keys(SCENARIOS).sort()).toEqual([...POST_FUNCTIONS].sort());
  });

  describe.each(POST_FUNCTIONS)('%s', (name) => {
    const effects = (r: Run) => SCENARIOS[name]!.effects(r.world);

    it('acts as the user in Reporter, with one read of that field as the app before anything else', async () => {
      const r = await run(name, tp);
      expect(effects(r)).toBe(1);
      expect(succeeded(r.writes).every((who) => who === 'rita')).toBe(true);
      expect(succeeded(r.writes).length).toBeGreaterThan(0);
      expect(r.entry).toMatchObject({
        outcome: 'applied',
        actor: { kind: 'impersonated', accountId: 'rita' },
        actingFor: { field: 'Reporter', accountId: 'rita' },
      });
      expect(r.entry?.fallback).toBeUndefined();
      expect(r.world.site.calls.filter((call) => call.path.endsWith('fields=reporter'))).toEqual([
        expect.objectContaining({ identity: { kind: 'app' }, operationId: 'getIssue', status: 200 }),
      ]);
      const calls = r.world.site.calls;
      expect(calls.findIndex((call) => call.path.endsWith('fields=reporter'))).toBeLessThan(
        calls.findIndex((call) => call.identity.kind === 'impersonated'),
      );
    });

    it('makes exactly the calls acting as the transitioning user makes, plus the one read of the field', async () => {
      const asField = await run(name, tp);
      const asTransitioning = await run(name, tp, { actor: 'transitioning-user' });
      const shape = (r: Run, from: number) =>
        r.world.site.calls
          .slice(from)
          .map(
            (call) =>
              `${call.identity.kind === 'impersonated' ? 'as rita' : call.identity.kind} ${call.method} ${call.pathTemplate}`,
          );
      // The same calls in the same order once the read of the field is taken out.
      const fieldRead = asField.world.site.calls.findIndex((call) => call.path.endsWith('fields=reporter'));
      expect(shape(asField, 0)[fieldRead]).toBe('app GET /rest/api/3/issue/{issueIdOrKey}');
      expect(shape(asField, 0).filter((_, i) => i !== fieldRead)).toEqual(shape(asTransitioning, 0));
      expect(effects(asTransitioning)).toBe(1);
    });

    it('reads a user picker custom field the same way', async () => {
      const r = await run(name, tp, { field: APPROVER });
      expect(effects(r)).toBe(1);
      expect(succeeded(r.writes).every((who) => who === 'rita')).toBe(true);
      expect(r.entry).toMatchObject({ actingFor: { field: 'Approver', accountId: 'rita' } });
      expect(r.world.site.calls.filter((call) => call.path.includes(`fields=${APPROVER.id}`))).toHaveLength(
        1,
      );
    });

    it('fails by default when Jira refuses the user, naming the permission, and changes nothing', async () => {
      const r = await run(name, tp, { granted: name === 'notify' ? 'none' : 'browse' });
      expect(effects(r)).toBe(0);
      expect(succeeded(r.writes).filter((who) => who !== 'rita')).toEqual([]);
      expect(r.entry).toMatchObject({
        outcome: 'failed',
        error: { code: 'MISSING_PERMISSION' },
        actingFor: { field: 'Reporter', accountId: 'rita' },
      });
    });

    it('acts as the app when Jira refuses the user and the fallback allows it, and says for whom', async () => {
      const r = await run(name, tp, {
        granted: name === 'notify' ? 'none' : 'browse',
        fallback: 'act-as-app',
      });
      expect(effects(r)).toBe(1);
      expect(succeeded(r.writes)).toContain('app');
      expect(succeeded(r.writes)).not.toContain('rita');
      expect(r.entry).toMatchObject({
        outcome: 'applied',
        fallback: true,
        actingFor: { field: 'Reporter', accountId: 'rita' },
      });
    });

    it('fails saying the field is empty, without acting as anyone', async () => {
      const r = await run(name, tp, { empty: true });
      expect(effects(r)).toBe(0);
      expect(r.writes).toEqual([]);
      expect(r.world.site.calls.some((call) => call.identity.kind === 'impersonated')).toBe(false);
      expect(r.entry).toMatchObject({
        outcome: 'failed',
        actor: { kind: 'none' },
        actingFor: { field: 'Reporter' },
        error: { code: 'INVALID_INPUT', message: expect.stringContaining('the field "Reporter" is empty') },
      });
    });

    it('acts as the app when the field is empty and the fallback allows it, with that reason', async () => {
      const r = await run(name, tp, { empty: true, fallback: 'act-as-app' });
      expect(effects(r)).toBe(1);
      expect(succeeded(r.writes).every((who) => who === 'app')).toBe(true);
      expect(r.entry).toMatchObject({
        outcome: 'applied',
        fallback: true,
        actor: { kind: 'app' },
        summary: expect.stringContaining(
          'acted as the app instead of the user in "Reporter": the field "Reporter" is empty',
        ),
      });
    });

    it('never acts as a deactivated user: the fallback policy decides, with that reason', async () => {
      const r = await run(name, tp, { fallback: 'act-as-app', tweak: (site) => site.deactivateUser('rita') });
      expect(effects(r)).toBe(1);
      expect(r.world.site.calls.some((call) => call.identity.kind === 'impersonated')).toBe(false);
      expect(r.entry?.summary).toContain('the user rita in "Reporter" is deactivated');
    });

    it('applies the effect once when Jira delivers the event twice', async () => {
      const r = await run(name, tp, { deliveries: 2 });
      expect(effects(r)).toBe(1);
      expect(auditEntries(r.world.kvs).map((entry) => entry.outcome)).toEqual(['skipped', 'applied']);
      // The duplicate reads nothing from Jira: the claim answers it.
      expect(r.world.site.calls.filter((call) => call.path.endsWith('fields=reporter'))).toHaveLength(1);
    });
  });
});

describe('acting as the user in a field: what people read', () => {
  let tp: ThirdParty;
  beforeAll(async () => {
    tp = await startThirdParty();
  });
  afterAll(() => tp.close());

  it('the admin page says who acted and why: "As Rita Reporter (the user in Reporter)"', async () => {
    /** The actor column of the admin page's newest execution, as its resolver answers a Jira admin. */
    const shown = async (r: Run) => {
      const { site, kvs } = r.world;
      site.addUser({ accountId: 'admin', displayName: 'Ada Admin' });
      site.grant('ADMINISTER', { accountId: 'admin' });
      const answer = (await callResolver(
        adminResolver,
        'getExecutions',
        {},
        { accountId: 'admin', accountType: 'licensed', extension: { type: 'jira:adminPage' } },
        { site, kvs },
      )) as { data: ExecutionsView };
      return answer.data.entries[0]?.actor;
    };
    expect(await shown(await run('comment', tp))).toBe('As Rita Reporter (the user in Reporter)');
    expect(await shown(await run('comment', tp, { granted: 'browse', fallback: 'act-as-app' }))).toBe(
      "The Workflow Guard app's bot user, as a fallback for Rita Reporter (the user in Reporter)",
    );
    expect(await shown(await run('comment', tp, { empty: true }))).toBe(
      'Nobody (nothing was done in Jira), acting for the user in Reporter (it was empty)',
    );
  });

  it('the rules in use say a Comment acts as the user in its field', () => {
    expect(
      summariseRule('comment', {
        template: 'Approved',
        actor: 'field-user',
        actorField: { id: 'customfield_10090', name: 'Approver' },
        fallback: 'act-as-app',
      }),
    ).toBe('Adds a comment as the user in Approver (as the app when they may not): “Approved”');
  });

  it('the comment the app adds instead names the user in the field it acted for', async () => {
    const r = await run('comment', tp, { granted: 'browse', fallback: 'act-as-app' });
    expect(r.world.site.issue('OPS-1').comments.map((c) => c.text)).toEqual([
      expect.stringContaining('added by Workflow Guard on behalf of @Rita Reporter'),
    ]);
  });

  it('a field holding a list of users is a configuration to fix, said as such', async () => {
    const r = await run('comment', tp, {
      field: APPROVER,
      tweak: (site) => {
        site.issues.get('OPS-1')!.fields[APPROVER.id] = [{ accountId: 'rita' }];
      },
    });
    expect(r.entry).toMatchObject({
      outcome: 'failed',
      error: {
        code: 'INVALID_INPUT',
        message: expect.stringContaining('on OPS-1 that field does not hold one user (it holds a list)'),
      },
    });
  });

  it('an app account in the field is not acted as', async () => {
    const r = await run('comment', tp, {
      fallback: 'act-as-app',
      tweak: (site) => {
        site.issues.get('OPS-1')!.reporter = site.appBot.accountId;
      },
    });
    expect(r.world.site.calls.some((call) => call.identity.kind === 'impersonated')).toBe(false);
    expect(r.entry?.summary).toContain('is an app account, which Workflow Guard does not act as');
  });

  it('Forge refusing to act as the user (needs authentication) falls back as the policy says, or fails', async () => {
    const faulted = (site: JiraSite) =>
      site.faults.inject({
        match: { operationId: 'addComment', identity: 'impersonated' },
        response: { kind: 'needsAuthentication' },
      });
    const falling = await run('comment', tp, { fallback: 'act-as-app', tweak: faulted });
    expect(SCENARIOS.comment!.effects(falling.world)).toBe(1);
    expect(falling.entry?.summary).toContain('Forge would not act as the user rita in "Reporter"');
    const failing = await run('comment', tp, { tweak: faulted });
    expect(failing.entry).toMatchObject({ outcome: 'failed', error: { code: 'NEEDS_AUTHENTICATION' } });
  });
});

describe('acting as the user in a field in a team-managed project', () => {
  it('comments and sets fields as the user in a user picker', async () => {
    const tp = await startThirdParty();
    try {
      for (const name of ['comment', 'set-fields'] as const) {
        const r = await run(name, tp, {
          field: APPROVER,
          seed: seedTeamManagedSite,
          tweak: (site) => {
            // The scenarios' issues, in the team-managed OPS.
            if (name === 'set-fields') {
              site.addField({ id: 'customfield_10010', name: 'Target date', type: 'date' });
              site.addField({ id: 'customfield_10020', name: 'Draft' });
              const ops2 = site.issues.get('OPS-2')!;
              Object.assign(ops2.fields, { customfield_10010: '2026-12-24', customfield_10020: 'draft' });
            }
          },
        });
        expect({ name, effects: SCENARIOS[name]!.effects(r.world) }).toEqual({ name, effects: 1 });
        expect(succeeded(r.writes).every((who) => who === 'rita')).toBe(true);
        expect(r.world.site.requireProject('OPS').style).toBe('team-managed');
      }
    } finally {
      await tp.close();
    }
  });
});
