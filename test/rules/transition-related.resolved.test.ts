import {
  buildPostFunctionEvent,
  callResolver,
  isInvocationError,
  runPlatformRetry,
  runPostFunction,
} from '../harness';
import { transitionRelatedPostFunction } from '../../src/rules/transition-related';
import {
  resolveByStatus,
  type TransitionCatalog,
  type TransitionsByStatus,
} from '../../src/rules/transition-related/resolve';
import { validatorConfigResolver } from '../../src/rules/validator-config';
import { auditEntries } from '../support/audit';
import { seedSubTasks } from '../support/seed';
import type { JiraSite } from '../emulator';

/**
 * Transition related issues at its floor: the ids resolved when the rule is saved (through the configuration
 * resolver, from Jira's workflows) make the moves need no search, and acting as the user asks no permission
 * unless Jira refuses them, then once per project.
 */
type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

function setup() {
  const seeded = seedSubTasks();
  const { site } = seeded;
  site.addIssue({
    key: 'OPS-5',
    projectKey: 'OPS',
    summary: 'Sub three',
    issueType: 'Subtask',
    parentKey: 'OPS-1',
  });
  site.addUser({ accountId: 'admin', displayName: 'Ada Admin' });
  site.grant('ADMINISTER', { accountId: 'admin' });
  return { ...seeded, opts: seeded };
}

/** What the configuration screen gets from the resolver, as the Jira admin configuring the rule. */
async function catalogOf(
  site: JiraSite,
  kvs: ReturnType<typeof seedSubTasks>['kvs'],
): Promise<TransitionCatalog> {
  const answer = (await callResolver(
    validatorConfigResolver,
    'listWorkflowTransitions',
    {},
    { accountId: 'admin', moduleKey: 'transition-related', extension: { type: 'jira:workflowPostFunction' } },
    { site, kvs },
  )) as Envelope<TransitionCatalog>;
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.data;
}

const event = (site: JiraSite, configuration: Record<string, unknown>, atlassianId = 'dev') =>
  buildPostFunctionEvent(site, {
    issueKey: 'OPS-1',
    transitionId: '21',
    atlassianId,
    configuration: JSON.stringify({ target: 'sub-tasks', transitionName: 'Done', ...configuration }),
    postFunctionId: 'pf-related',
  });

const calls = (site: JiraSite) =>
  site.calls.map((c) => `${c.method} ${c.operationId} by ${c.identity.kind} ${c.status}`);

const statusId = (site: JiraSite, name: string) => site.requireStatus(name).id;

describe('Transition related issues with ids resolved when the rule is saved', () => {
  it('moves 3 sub-tasks in 4 Jira calls as the app (the read, then the moves), where by name it took 5', async () => {
    const byName = setup();
    await runPostFunction(transitionRelatedPostFunction, event(byName.site, {}), byName.opts);
    expect(calls(byName.site)).toEqual([
      'GET getIssue by app 200',
      'POST searchAndReconsileIssuesUsingJqlPost by app 200',
      'POST doTransition by app 204',
      'POST doTransition by app 204',
      'POST doTransition by app 204',
    ]);

    const resolved = setup();
    const transitionsByStatus = resolveByStatus('Done', await catalogOf(resolved.site, resolved.kvs));
    expect(transitionsByStatus).toEqual({
      [statusId(resolved.site, 'To Do')]: { id: '21', to: statusId(resolved.site, 'Done') },
      [statusId(resolved.site, 'In Progress')]: { id: '21', to: statusId(resolved.site, 'Done') },
      [statusId(resolved.site, 'Done')]: null,
    });
    resolved.site.resetCalls();
    await runPostFunction(
      transitionRelatedPostFunction,
      event(resolved.site, { transitionsByStatus }),
      resolved.opts,
    );
    expect(calls(resolved.site)).toEqual([
      'GET getIssue by app 200',
      'POST doTransition by app 204',
      'POST doTransition by app 204',
      'POST doTransition by app 204',
    ]);
    expect(['OPS-2', 'OPS-3', 'OPS-5'].map((key) => resolved.site.issue(key).status)).toEqual([
      'Done',
      'Done',
      'Done',
    ]);
    expect(auditEntries(resolved.kvs)[0]).toMatchObject({
      outcome: 'applied',
      summary: 'Through "Done": OPS-2 moved, OPS-3 moved, OPS-5 moved',
    });
  });

  it('moves as the transitioning user with no permission call: Jira enforces Transition issues for them', async () => {
    const { site, kvs, opts } = setup();
    const transitionsByStatus = resolveByStatus('Done', await catalogOf(site, kvs));
    site.resetCalls();
    await runPostFunction(
      transitionRelatedPostFunction,
      event(site, { transitionsByStatus, actor: 'transitioning-user' }),
      opts,
    );
    expect(calls(site)).toEqual([
      'GET getIssue by impersonated 200',
      'POST doTransition by impersonated 204',
      'POST doTransition by impersonated 204',
      'POST doTransition by impersonated 204',
    ]);
  });

  it('asks once per project, not once per issue, when Jira refuses the user; then falls back or fails', async () => {
    const falling = setup();
    const transitionsByStatus = resolveByStatus('Done', await catalogOf(falling.site, falling.kvs));
    falling.site.resetCalls();
    await runPostFunction(
      transitionRelatedPostFunction,
      event(
        falling.site,
        { transitionsByStatus, actor: 'transitioning-user', fallback: 'act-as-app' },
        'viewer',
      ),
      falling.opts,
    );
    expect(calls(falling.site)).toEqual([
      'GET getIssue by impersonated 200',
      // Jira answers 400 to a user without Transition issues (the spec's doTransition); one call tells why.
      'POST doTransition by impersonated 400',
      'GET getMyPermissions by impersonated 200',
      'POST doTransition by app 204',
      'POST doTransition by app 204',
      'POST doTransition by app 204',
    ]);
    expect(auditEntries(falling.kvs)[0]).toMatchObject({
      outcome: 'applied',
      fallback: true,
      actor: { kind: 'app' },
      summary: expect.stringContaining(
        'acted as the app: the user viewer (Workflow Guard acting on their behalf) may not transition issues in project OPS, and project OPS allows the app to act for them',
      ),
    });

    const failing = setup();
    await runPostFunction(
      transitionRelatedPostFunction,
      event(failing.site, { transitionsByStatus, actor: 'transitioning-user' }, 'viewer'),
      failing.opts,
    );
    expect(failing.site.calls.filter((c) => c.operationId === 'doTransition' && c.status === 204)).toEqual(
      [],
    );
    expect(failing.site.calls.filter((c) => c.operationId === 'getMyPermissions')).toHaveLength(1);
    expect(auditEntries(failing.kvs)[0]?.error).toEqual({
      code: 'MISSING_PERMISSION',
      message: expect.stringContaining('lacks the Jira permission "Transition issues" in project OPS'),
    });
  });

  it("moves each issue once when a move's answer is lost and the platform retries, with ids resolved at save", async () => {
    const { site, kvs, opts } = setup();
    const transitionsByStatus = resolveByStatus('Done', await catalogOf(site, kvs));
    site.faults.inject({
      match: { operationId: 'doTransition' },
      after: 1,
      response: { kind: 'lostAnswer' },
    });
    const report = await runPlatformRetry(
      transitionRelatedPostFunction,
      event(site, { transitionsByStatus }),
      opts,
    );
    expect(report.deliveries.map((d) => isInvocationError(d.result))).toEqual([true, false]);
    expect(
      site.calls.filter((c) => c.operationId === 'doTransition' && c.status === 204).map((c) => c.path),
    ).toHaveLength(3);
    expect(['OPS-2', 'OPS-3', 'OPS-5'].map((key) => site.issue(key).history.length)).toEqual([1, 1, 1]);
    expect(auditEntries(kvs)[0]).toMatchObject({
      outcome: 'applied',
      summary: 'Through "Done": OPS-2 already moved, OPS-3 already moved, OPS-5 moved',
    });
  });

  describe('a parent and its sub-tasks in different workflows, where the same id means another transition', () => {
    /**
     * The parent (Task) uses the default workflow: "Done" is 21 from To Do and In Progress. Sub-tasks use their
     * own workflow, where 21 is "Cancel" and "Done" is 31. A "Done" id taken from the parent's workflow alone
     * would cancel the sub-tasks.
     */
    function twoWorkflows() {
      const seeded = setup();
      seeded.site.addWorkflow({
        name: 'Sub-task workflow',
        statuses: [
          { name: 'To Do', category: 'new' },
          { name: 'Done', category: 'done' },
          { name: 'Cancelled', category: 'done' },
        ],
        transitions: [
          { id: '21', name: 'Cancel', from: ['To Do'], to: 'Cancelled' },
          { id: '31', name: 'Done', from: ['To Do'], to: 'Done' },
        ],
        projects: ['OPS'],
        issueTypes: ['Subtask'],
      });
      return seeded;
    }

    it('a naive id resolved from the parent workflow alone cancels the sub-tasks (what the resolution avoids)', async () => {
      const { site, kvs, opts } = twoWorkflows();
      const catalog = await catalogOf(site, kvs);
      const naive = resolveByStatus('Done', {
        ...catalog,
        workflows: catalog.workflows.filter((w) => w.name === 'Default Workflow'),
      }) as TransitionsByStatus;
      await runPostFunction(transitionRelatedPostFunction, event(site, { transitionsByStatus: naive }), opts);
      expect(site.issue('OPS-2').status).toBe('Cancelled');
    });

    it('resolves only the statuses every workflow agrees on, and asks Jira by name for the rest: the sub-tasks end Done', async () => {
      const { site, kvs, opts } = twoWorkflows();
      const transitionsByStatus = resolveByStatus('Done', await catalogOf(site, kvs));
      // To Do: 21 in one workflow, 31 in the other; In Progress exists only in the parent's workflow.
      expect(transitionsByStatus).toEqual({
        [statusId(site, 'In Progress')]: { id: '21', to: statusId(site, 'Done') },
        [statusId(site, 'Done')]: null,
        [statusId(site, 'Cancelled')]: null,
      });
      site.resetCalls();
      await runPostFunction(transitionRelatedPostFunction, event(site, { transitionsByStatus }), opts);
      expect(['OPS-2', 'OPS-3', 'OPS-5'].map((key) => site.issue(key).status)).toEqual([
        'Done',
        'Done',
        'Done',
      ]);
      // The sub-tasks' status was not resolved: one search lists their transitions, so 5 calls, not 4.
      expect(calls(site)).toEqual([
        'GET getIssue by app 200',
        'POST searchAndReconsileIssuesUsingJqlPost by app 200',
        'POST doTransition by app 204',
        'POST doTransition by app 204',
        'POST doTransition by app 204',
      ]);
    });

    it('moves the parent from a sub-task through the id resolved for its status, with no search', async () => {
      const { site, kvs, opts } = twoWorkflows();
      site.issues.get('OPS-1')!.status = 'In Progress';
      const transitionsByStatus = resolveByStatus('Done', await catalogOf(site, kvs));
      site.resetCalls();
      await runPostFunction(
        transitionRelatedPostFunction,
        buildPostFunctionEvent(site, {
          issueKey: 'OPS-2',
          transitionId: '31',
          atlassianId: 'dev',
          configuration: JSON.stringify({ target: 'parent', transitionName: 'Done', transitionsByStatus }),
          postFunctionId: 'pf-parent',
        }),
        opts,
      );
      expect(site.issue('OPS-1').status).toBe('Done');
      expect(calls(site)).toEqual(['GET getIssue by app 200', 'POST doTransition by app 204']);
    });
  });
});
