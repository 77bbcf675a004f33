import { SCOPE_ERROR_SHAPES } from '../emulator/faults';
import {
  AsyncEventQueue,
  buildPostFunctionEvent,
  isInvocationError,
  runPlatformRetry,
  runPostFunction,
  runQueue,
  type TransitionShape,
} from '../harness';
import { transitionRelatedPostFunction } from '../../src/rules/transition-related';
import { relatedMovesConsumer } from '../../src/rules/transition-related/background';
import { CASCADE_PROPERTY } from '../../src/rules/transition-related/cascade-guard';
import { TransitionRelatedConfig } from '../../src/rules/transition-related/configuration';
import { relatedIssues } from '../../src/rules/transition-related/related';
import { auditEntries } from '../support/audit';
import { addDoneFromAnywhere, seedSubTasks } from '../support/seed';
import type { JiraSite } from '../emulator';

type Site = JiraSite;

function setup() {
  const { site, kvs } = seedSubTasks();
  return { site, kvs, opts: { site, kvs } };
}

const event = (
  site: Site,
  issueKey: string,
  configuration: Record<string, unknown>,
  atlassianId = 'dev',
  shape: TransitionShape = 'nested-ids',
) =>
  buildPostFunctionEvent(site, {
    issueKey,
    transitionId: '21',
    atlassianId,
    configuration: JSON.stringify({ target: 'sub-tasks', transitionName: 'Done', ...configuration }),
    postFunctionId: 'pf-related',
    shape,
  });

const moves = (site: Site) =>
  site.calls
    .filter((c) => c.operationId === 'doTransition' && c.status === 204)
    .map((c) => `${c.path.split('/')[5] ?? '?'} by ${c.identity.kind}`);

describe('Transition related issues post-function', () => {
  it('moves every sub-task through the named transition as the app, marking each move', async () => {
    const { site, kvs, opts } = setup();
    await runPostFunction(transitionRelatedPostFunction, event(site, 'OPS-1', {}), opts);
    expect([site.issue('OPS-2').status, site.issue('OPS-3').status]).toEqual(['Done', 'Done']);
    expect(moves(site)).toEqual(['OPS-2 by app', 'OPS-3 by app']);
    expect(site.issue('OPS-2').properties[CASCADE_PROPERTY]).toMatchObject({ originIssueKey: 'OPS-1' });
    expect(auditEntries(kvs)[0]).toMatchObject({
      rule: 'transition-related',
      outcome: 'applied',
      summary: 'Through "Done": OPS-2 moved, OPS-3 moved',
    });
  });

  it('moves as the transitioning user after checking Transition issues on each related issue', async () => {
    const { site, opts } = setup();
    await runPostFunction(
      transitionRelatedPostFunction,
      event(site, 'OPS-1', { actor: 'transitioning-user' }),
      opts,
    );
    expect(moves(site)).toEqual(['OPS-2 by impersonated', 'OPS-3 by impersonated']);
  });

  it('fails by default when the user may not transition, and falls back to the app when allowed', async () => {
    const failing = setup();
    await runPostFunction(
      transitionRelatedPostFunction,
      event(failing.site, 'OPS-1', { actor: 'transitioning-user' }, 'viewer'),
      failing.opts,
    );
    expect(moves(failing.site)).toEqual([]);
    expect(auditEntries(failing.kvs)[0]?.error).toEqual({
      code: 'MISSING_PERMISSION',
      message: expect.stringContaining('lacks the Jira permission "Transition issues"'),
    });

    const falling = setup();
    await runPostFunction(
      transitionRelatedPostFunction,
      event(falling.site, 'OPS-1', { actor: 'transitioning-user', fallback: 'act-as-app' }, 'viewer'),
      falling.opts,
    );
    expect(moves(falling.site)).toEqual(['OPS-2 by app', 'OPS-3 by app']);
    expect(auditEntries(falling.kvs)[0]).toMatchObject({ fallback: true, actor: { kind: 'app' } });
  });

  // The fields inside the event's `transition` are not documented: the guard must hold whichever shape arrives,
  // including one that names no status at all.
  it.each([
    ['ids nested in from/to', 'nested-ids'],
    ['status names in from_status/to_status', 'flat-names'],
    ['no status at all', 'execution-id-only'],
  ] as const)(
    'stops a cascade with the event shape "%s": the moved issue does not move its own related issues, and two linked issues cannot loop',
    async (_shape, shape) => {
      const { site, kvs, opts } = setup();
      site.addIssue({ key: 'OPS-5', projectKey: 'OPS', summary: 'Partner' });
      site.linkIssues('OPS-1', 'OPS-5', 'Blocks');
      const linked = { target: 'linked', linkType: 'blocks' };
      await runPostFunction(transitionRelatedPostFunction, event(site, 'OPS-1', linked, 'dev', shape), opts);
      expect(moves(site)).toEqual(['OPS-5 by app']);
      // Jira now runs OPS-5's own post-function for the move the app made: it must not move OPS-1 back.
      await runPostFunction(transitionRelatedPostFunction, event(site, 'OPS-5', linked, 'dev', shape), opts);
      expect(moves(site)).toEqual(['OPS-5 by app']);
      expect(auditEntries(kvs)[0]).toMatchObject({
        issueKey: 'OPS-5',
        outcome: 'skipped',
        summary: expect.stringContaining(
          'OPS-5 was moved by Workflow Guard from OPS-1; related issues are moved one step only',
        ),
      });
    },
  );

  it('moves related issues again once a person moves the issue on from where the app left it', async () => {
    const { site, kvs, opts } = setup();
    site.addIssue({ key: 'OPS-5', projectKey: 'OPS', summary: 'Partner' });
    site.linkIssues('OPS-1', 'OPS-5', 'Blocks');
    const linked = { target: 'linked', linkType: 'blocks' };
    await runPostFunction(transitionRelatedPostFunction, event(site, 'OPS-1', linked), opts);
    // A person then takes OPS-5 back to In Progress: its mark leads to Done, so that move is the person's own.
    site.issues.get('OPS-5')!.status = 'In Progress';
    site.issues.get('OPS-1')!.status = 'In Progress';
    await runPostFunction(
      transitionRelatedPostFunction,
      event(site, 'OPS-5', linked, 'dev', 'execution-id-only'),
      opts,
    );
    expect(moves(site)).toEqual(['OPS-5 by app', 'OPS-1 by app']);
    expect(auditEntries(kvs)[0]).toMatchObject({ issueKey: 'OPS-5', outcome: 'applied' });
  });

  it('reads the transition from either public shape of the event', async () => {
    const { site, kvs, opts } = setup();
    await runPostFunction(transitionRelatedPostFunction, event(site, 'OPS-1', {}, 'dev', 'flat-names'), opts);
    expect(moves(site)).toEqual(['OPS-2 by app', 'OPS-3 by app']);
    expect(auditEntries(kvs)[0]).toMatchObject({ outcome: 'applied' });
  });

  it('changes Jira once when the same event is delivered twice', async () => {
    const { site, opts } = setup();
    const once = event(site, 'OPS-1', {});
    await runPostFunction(transitionRelatedPostFunction, once, opts);
    await runPostFunction(transitionRelatedPostFunction, once, opts);
    expect(moves(site)).toEqual(['OPS-2 by app', 'OPS-3 by app']);
  });

  it('survives a 429 storm through platform retries, moving each issue once', async () => {
    const { site, kvs, opts } = setup();
    site.faults.inject({
      match: { operationId: 'doTransition' },
      times: 2,
      response: { kind: 'rateLimit', reason: 'jira-burst-based', retryAfterSeconds: 60 },
    });
    const report = await runPlatformRetry(transitionRelatedPostFunction, event(site, 'OPS-1', {}), opts);
    expect(report.deliveries.map((d) => isInvocationError(d.result))).toEqual([true, true, false]);
    expect(moves(site)).toEqual(['OPS-2 by app', 'OPS-3 by app']);
    expect(auditEntries(kvs).map((e) => e.outcome)).toEqual(['applied', 'retrying', 'retrying']);
  });

  it('on a retry, counts the issues an earlier delivery of the same transition already moved', async () => {
    const { site, kvs, opts } = setup();
    const retried = event(site, 'OPS-1', {});
    const earlier = site.issues.get('OPS-2')!;
    earlier.status = 'Done';
    earlier.properties.set(CASCADE_PROPERTY, {
      executionId: retried.transition.executionId,
      originIssueKey: 'OPS-1',
      toStatusId: site.requireStatus('Done').id,
      at: Date.now(),
    });
    await runPostFunction(transitionRelatedPostFunction, retried, opts);
    expect(moves(site)).toEqual(['OPS-3 by app']);
    expect(auditEntries(kvs)[0]).toMatchObject({
      summary: 'Through "Done": OPS-2 already moved, OPS-3 moved',
    });
  });

  it('does not move an issue already in the target status through a transition still open there', async () => {
    const { site, kvs, opts } = setup();
    addDoneFromAnywhere(site, 'OPS');
    site.issues.get('OPS-2')!.status = 'Done';
    await runPostFunction(transitionRelatedPostFunction, event(site, 'OPS-1', {}), opts);
    expect(moves(site)).toEqual(['OPS-3 by app']);
    expect(auditEntries(kvs)[0]).toMatchObject({
      outcome: 'applied',
      summary: 'Through "Done": OPS-2 skipped (OPS-2 is already in "Done"), OPS-3 moved',
    });
  });

  it('says which issues it moved before a failure, and leaves no mark on the issue Jira refused to move', async () => {
    const { site, kvs, opts } = setup();
    site.faults.inject({
      match: { operationId: 'doTransition' },
      after: 1,
      response: { kind: 'needsAuthentication' },
    });
    await runPostFunction(transitionRelatedPostFunction, event(site, 'OPS-1', {}), opts);
    expect(moves(site)).toEqual(['OPS-2 by app']);
    expect(Object.keys(site.issue('OPS-2').properties)).toEqual([CASCADE_PROPERTY]);
    expect(site.issue('OPS-3').properties).toEqual({});
    expect(auditEntries(kvs)[0]).toMatchObject({
      outcome: 'failed',
      summary: 'The effect was applied only in part (OPS-2 moved)',
      error: { code: 'NEEDS_AUTHENTICATION' },
    });
  });

  it.each(SCOPE_ERROR_SHAPES)(
    'names the missing impersonation scope (missing scope answered %s)',
    async (shape) => {
      const { site, kvs } = setup();
      site.scopeErrorShape = shape;
      await runPostFunction(
        transitionRelatedPostFunction,
        event(site, 'OPS-1', { actor: 'transitioning-user' }),
        {
          site,
          kvs,
          scopes: ['read:jira-work', 'write:jira-work', 'manage:jira-configuration', 'storage:app'],
          impersonationScopes: ['read:jira-work'],
        },
      );
      expect(moves(site)).toEqual([]);
      expect(auditEntries(kvs)[0]?.error).toEqual({
        code: 'MISSING_SCOPE',
        message: expect.stringMatching(/lacks the OAuth scope write:jira-work .*allowImpersonation: true/),
      });
    },
  );

  it('skips or fails on issues without the transition, as configured', async () => {
    const { site, kvs, opts } = setup();
    site.linkIssues('OPS-1', 'OPS-4', 'Blocks');
    await runPostFunction(
      transitionRelatedPostFunction,
      event(site, 'OPS-1', { target: 'linked', linkType: 'Blocks' }),
      opts,
    );
    expect(auditEntries(kvs)[0]).toMatchObject({
      outcome: 'skipped',
      summary: 'Through "Done": OPS-4 skipped (OPS-4 has no "Done" transition from its current status)',
    });
    await runPostFunction(
      transitionRelatedPostFunction,
      event(site, 'OPS-1', { target: 'linked', linkType: 'Blocks', whenUnavailable: 'fail' }),
      opts,
    );
    expect(auditEntries(kvs)[0]?.error).toEqual({
      code: 'INVALID_INPUT',
      message:
        'OPS-4 has no "Done" transition from its current status. Check the transition name, or choose to skip such issues.',
    });
  });
});

describe('Transition related issues: one search for every related issue, the mark in the move', () => {
  const calls = (site: Site) =>
    site.calls.map((c) => `${c.method} ${c.operationId ?? c.path} by ${c.identity.kind} ${c.status}`);

  it('reads the origin, searches once for every related issue as the actor, then only moves', async () => {
    const { site, opts } = setup();
    await runPostFunction(
      transitionRelatedPostFunction,
      event(site, 'OPS-1', { actor: 'transitioning-user' }),
      opts,
    );
    expect(calls(site).filter((call) => !call.includes('getMyPermissions'))).toEqual([
      'GET getIssue by impersonated 200',
      'POST searchAndReconsileIssuesUsingJqlPost by impersonated 200',
      'POST doTransition by impersonated 204',
      'POST doTransition by impersonated 204',
    ]);
    expect(site.issue('OPS-3').properties[CASCADE_PROPERTY]).toMatchObject({
      originIssueKey: 'OPS-1',
      toStatusId: site.requireStatus('Done').id,
    });
  });

  it('searches 50 issues at a time, reconciling their ids, and follows pages Jira cuts short', async () => {
    const { site, kvs, opts } = setup();
    for (let n = 0; n < 53; n += 1)
      site.addIssue({ projectKey: 'OPS', summary: `Step ${n}`, issueType: 'Subtask', parentKey: 'OPS-1' });
    site.searchPageCap = 20;
    const sent: unknown[] = [];
    const handle = site.handle.bind(site);
    site.handle = (identity, path, init) => {
      if (path.startsWith('/rest/api/3/search/jql') && typeof init?.body === 'string')
        sent.push(JSON.parse(init.body));
      return handle(identity, path, init);
    };
    // More than 50: the post-function hands them to the queue, whose consumer moves them 50 at a time.
    const queue = new AsyncEventQueue();
    await runPostFunction(transitionRelatedPostFunction, event(site, 'OPS-1', {}), { ...opts, queue });
    await runQueue(relatedMovesConsumer, queue, opts);
    expect(moves(site)).toHaveLength(55);
    expect(auditEntries(kvs)[0]).toMatchObject({
      outcome: 'applied',
      summary: expect.stringContaining('55 related issues in 2 batches: 55 moved'),
    });
    const bodies = sent as Array<{ reconcileIssues: number[]; nextPageToken?: string }>;
    // 50 issues in pages of 20, 20 and 10, then the other 5.
    expect(bodies.map((body) => [body.reconcileIssues.length, body.nextPageToken !== undefined])).toEqual([
      [50, false],
      [50, true],
      [50, true],
      [5, false],
    ]);
    expect(site.contractViolations).toEqual([]);
  });

  it('fails, naming it, when a related issue is gone by the time of the search, and moves nothing', async () => {
    const { site, kvs, opts } = setup();
    const handle = site.handle.bind(site);
    site.handle = async (identity, path, init) => {
      const answer = await handle(identity, path, init);
      if (path.startsWith('/rest/api/3/issue/OPS-1?')) site.issues.delete('OPS-3');
      return answer;
    };
    await runPostFunction(transitionRelatedPostFunction, event(site, 'OPS-1', {}), opts);
    expect(moves(site)).toEqual([]);
    expect(auditEntries(kvs)[0]).toMatchObject({
      outcome: 'failed',
      error: {
        code: 'NOT_FOUND',
        message: expect.stringContaining('The search for the issues to move did not return OPS-3'),
      },
    });
  });

  it('fails, naming them, when the search leaves related issues out, and moves nothing', async () => {
    const { site, kvs, opts } = setup();
    site.faults.inject({
      match: { operationId: 'searchAndReconsileIssuesUsingJqlPost' },
      response: { kind: 'raw', status: 200, body: { issues: [], isLast: true } },
    });
    await runPostFunction(transitionRelatedPostFunction, event(site, 'OPS-1', {}), opts);
    expect(moves(site)).toEqual([]);
    expect(auditEntries(kvs)[0]?.error).toEqual({
      code: 'NOT_FOUND',
      message: expect.stringContaining('did not return OPS-2, OPS-3: deleted, or hidden from'),
    });
  });
});

describe('related issues and configuration', () => {
  const fields = {
    parent: { key: 'A-1' },
    subtasks: [{ key: 'A-3' }, { key: 'A-3' }],
    issuelinks: [
      { type: { name: 'Blocks' }, outwardIssue: { key: 'A-4' } },
      { type: { name: 'Blocks' }, inwardIssue: { key: 'A-2' } },
      { type: { name: 'Relates' }, outwardIssue: { key: 'A-5' } },
    ],
  };

  it('picks each related issue once and never the issue itself', () => {
    expect(relatedIssues('A-2', fields, { target: 'parent' })).toEqual(['A-1']);
    expect(relatedIssues('A-2', fields, { target: 'sub-tasks' })).toEqual(['A-3']);
    expect(relatedIssues('A-2', fields, { target: 'linked', linkType: 'blocks' })).toEqual(['A-4']);
  });

  it('needs a link type for linked issues', () => {
    const result = TransitionRelatedConfig.safeParse({ target: 'linked', transitionName: 'Done' });
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['linkType', 'choose the link type of the issues to move'],
    ]);
  });
});
