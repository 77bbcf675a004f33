import {
  AsyncEventQueue,
  buildPostFunctionEvent,
  callResolver,
  isInvocationError,
  runPostFunction,
  runQueue,
  MAX_EVENTS_PER_PUSH,
  MAX_PUSH_KB,
  type MemoryKvs,
} from '../harness';
import type { JiraSite } from '../emulator';
import { transitionRelatedPostFunction } from '../../src/rules/transition-related';
import {
  CONSUMER_TIMEOUT_SECONDS,
  relatedMovesConsumer,
} from '../../src/rules/transition-related/background';
import { CASCADE_PROPERTY } from '../../src/rules/transition-related/cascade-guard';
import { resolveByStatus, type TransitionCatalog } from '../../src/rules/transition-related/resolve';
import { validatorConfigResolver } from '../../src/rules/validator-config';
import { auditEntries } from '../support/audit';
import { seedSite } from '../support/seed';

/**
 * Jira Cloud limits an issue to 2,000 issue links (child issues not included); no limit on sub-tasks is documented
 * (Atlassian's issue entity limits, support.atlassian.com/jira-cloud-administration/docs/data-limits-and-guardrails
 * and its 2024 announcement). So: 2,000 linked issues, and 1,000 sub-tasks.
 */
const MAX_LINKS_PER_ISSUE = 2_000;
const SUB_TASKS = 1_000;
/** Every Jira call answers after 200 ms, a realistic round trip from a Forge function to Jira Cloud. */
const LATENCY_MS = 200;

function seed(kind: 'linked' | 'sub-tasks', count: number) {
  const { site, kvs } = seedSite();
  for (let n = 0; n < count; n += 1) {
    const key = `OPS-${n + 2}`;
    if (kind === 'linked') {
      site.addIssue({ key, projectKey: 'OPS', summary: `Linked ${n}` });
      site.linkIssues('OPS-1', key, 'Blocks');
    } else
      site.addIssue({
        key,
        projectKey: 'OPS',
        summary: `Step ${n}`,
        issueType: 'Subtask',
        parentKey: 'OPS-1',
      });
  }
  site.faults.inject({ match: {}, times: Infinity, response: { kind: 'latency', ms: LATENCY_MS } });
  return { site, kvs, queue: new AsyncEventQueue() };
}

/** A queue holding one event with the given body, as if pushed. */
function queueWith(queue: AsyncEventQueue, body: Record<string, unknown>): AsyncEventQueue {
  queue.accept({ body: JSON.stringify({ queueName: 'related-moves', jobId: 'job', payload: [{ body }] }) });
  return queue;
}

/** Runs `work` while advancing fake time, as the platform's clock would move. */
async function drive<T>(work: Promise<T>): Promise<T> {
  let settled = false;
  const tracked = work.finally(() => (settled = true));
  while (!settled) await jest.advanceTimersByTimeAsync(5_000);
  return tracked;
}

const movesPerIssue = (site: JiraSite) => {
  const counts = new Map<string, number>();
  for (const call of site.calls)
    if (call.operationId === 'doTransition' && call.status === 204) {
      const key = call.path.split('/')[5] ?? '?';
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  return counts;
};

function expectEachMovedOnce(site: JiraSite, count: number) {
  const counts = movesPerIssue(site);
  expect(counts.size).toBe(count);
  expect([...counts.values()].every((n) => n === 1)).toBe(true);
  for (let n = 0; n < count; n += 1) expect(site.issue(`OPS-${n + 2}`).status).toBe('Done');
}

/**
 * 60 sub-tasks of OPS-1 in their own workflow, where "Done" is 31 and 21 is "Cancel" (the parent's "Done" is 21):
 * OPS-2..31 are in "Ready", a status only that workflow has (its "Done" id is resolved when the rule is saved),
 * OPS-32..61 in "To Do", where the two workflows disagree (looked up by name at run time).
 */
function seedTwoWorkflows() {
  const { site, kvs, queue } = seed('sub-tasks', 0);
  site.addWorkflow({
    name: 'Sub-task workflow',
    statuses: [
      { name: 'Ready', category: 'new' },
      { name: 'To Do', category: 'new' },
      { name: 'Done', category: 'done' },
      { name: 'Cancelled', category: 'done' },
    ],
    transitions: [
      { id: '21', name: 'Cancel', from: ['To Do', 'Ready'], to: 'Cancelled' },
      { id: '31', name: 'Done', from: ['To Do', 'Ready'], to: 'Done' },
    ],
    projects: ['OPS'],
    issueTypes: ['Subtask'],
  });
  for (let n = 0; n < 60; n += 1)
    site.addIssue({
      key: `OPS-${n + 2}`,
      projectKey: 'OPS',
      summary: `Step ${n}`,
      issueType: 'Subtask',
      parentKey: 'OPS-1',
      status: n < 30 ? 'Ready' : 'To Do',
    });
  site.addUser({ accountId: 'admin', displayName: 'Ada Admin' });
  site.grant('ADMINISTER', { accountId: 'admin' });
  return { site, kvs, queue };
}

/** The ids of "Done" per status, as the configuration screen resolves them from the resolver's workflows. */
async function resolvedDone(site: JiraSite, kvs: MemoryKvs) {
  const answer = (await callResolver(
    validatorConfigResolver,
    'listWorkflowTransitions',
    {},
    { accountId: 'admin', moduleKey: 'transition-related', extension: { type: 'jira:workflowPostFunction' } },
    { site, kvs },
  )) as { ok: true; data: TransitionCatalog } | { ok: false; error: { message: string } };
  if (!answer.ok) throw new Error(answer.error.message);
  return resolveByStatus('Done', answer.data);
}

const searchPoints = (site: JiraSite) =>
  site.calls
    .filter((call) => call.operationId === 'searchAndReconsileIssuesUsingJqlPost')
    .reduce((sum, call) => sum + call.points, 0);

async function transition(
  site: JiraSite,
  kvs: MemoryKvs,
  queue: AsyncEventQueue,
  target: Record<string, unknown>,
) {
  const started = Date.now();
  await drive(
    runPostFunction(
      transitionRelatedPostFunction,
      buildPostFunctionEvent(site, {
        issueKey: 'OPS-1',
        transitionId: '21',
        atlassianId: 'dev',
        configuration: { transitionName: 'Done', ...target },
        postFunctionId: 'pf-related',
      }),
      { site, kvs, queue },
    ),
  );
  return Date.now() - started;
}

describe('Transition related issues: large sets finish through async events', () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] }));
  afterEach(() => jest.useRealTimers());

  it(`moves ${MAX_LINKS_PER_ISSUE} linked issues (Jira's limit per issue) exactly once, in batches, within every time limit`, async () => {
    const { site, kvs, queue } = seed('linked', MAX_LINKS_PER_ISSUE);
    const postFunctionMs = await transition(site, kvs, queue, { target: 'linked', linkType: 'Blocks' });
    expect(postFunctionMs).toBeLessThan(25_000);
    expect(auditEntries(kvs)[0]).toMatchObject({
      outcome: 'applied',
      summary: `Through "Done": ${MAX_LINKS_PER_ISSUE} related issues are being moved in the background, in 40 batches; their result follows in its own entry`,
    });
    // The real @forge/events Queue pushed them within its limits.
    expect(queue.pushed).toHaveLength(40);
    expect(queue.pushes.every((p) => p.events <= MAX_EVENTS_PER_PUSH && p.bytes <= MAX_PUSH_KB * 1024)).toBe(
      true,
    );

    const deliveries = await drive(
      runQueue(relatedMovesConsumer, queue, { site, kvs, timeoutSeconds: CONSUMER_TIMEOUT_SECONDS }),
    );
    expect(deliveries.map((d) => d.outcome)).toEqual(Array(40).fill('done'));
    expectEachMovedOnce(site, MAX_LINKS_PER_ISSUE);
    expect(site.issue('OPS-2001').properties[CASCADE_PROPERTY]).toMatchObject({ originIssueKey: 'OPS-1' });
    expect(auditEntries(kvs)[0]).toMatchObject({
      issueKey: 'OPS-1',
      outcome: 'applied',
      summary: `Background moves through "Done" finished, ${MAX_LINKS_PER_ISSUE} related issues in 40 batches: ${MAX_LINKS_PER_ISSUE} moved (0 of them by an earlier, interrupted delivery)`,
    });
    // Progress on the way: a quarter, half and three quarters of the batches.
    expect(
      auditEntries(kvs)
        .filter((entry) => entry.summary.startsWith('Moving related issues'))
        .map((entry) => entry.summary)
        .reverse(),
    ).toEqual(
      [10, 20, 30].map(
        (batches) =>
          `Moving related issues through "Done" in the background: ${batches * 50} of ${MAX_LINKS_PER_ISSUE} moved so far (${batches} of 40 batches done)`,
      ),
    );
    expect(site.contractViolations).toEqual([]);
  }, 300_000);

  it(`loses nothing and doubles nothing among ${SUB_TASKS} sub-tasks when consumer invocations die half-way and events arrive twice`, async () => {
    const { site, kvs, queue } = seed('sub-tasks', SUB_TASKS);
    await transition(site, kvs, queue, { target: 'sub-tasks' });
    expect(queue.pushed).toHaveLength(20);
    // At-least-once delivery: every event is delivered twice, the copy right after the original.
    queue.pending.splice(0, Infinity, ...queue.pending.flatMap((event) => [event, { ...event }]));
    // The 1st delivery dies right after its 30th platform call (a move Jira applied, whose answer never came);
    // the 6th dies after its claim was taken, before any move.
    const dieAt = (delivery: number) => (delivery === 0 ? 30 : delivery === 5 ? 2 : undefined);
    const deliveries = await drive(
      runQueue(relatedMovesConsumer, queue, { site, kvs, timeoutSeconds: CONSUMER_TIMEOUT_SECONDS, dieAt }),
    );
    expect(deliveries.filter((d) => d.outcome === 'died')).toHaveLength(2);
    // A copy that found its batch held by a delivery still within its time asked to come back later.
    expect(deliveries.some((d) => d.outcome === 'retry-requested')).toBe(true);
    expect(deliveries.every((d) => d.outcome !== 'threw' && d.outcome !== 'timed-out')).toBe(true);
    expectEachMovedOnce(site, SUB_TASKS);
    const finals = auditEntries(kvs).filter((entry) => entry.summary.startsWith('Background moves'));
    expect(finals).toHaveLength(1);
    expect(finals[0]).toMatchObject({
      outcome: 'applied',
      summary: expect.stringMatching(
        new RegExp(
          `^Background moves through "Done" finished, ${SUB_TASKS} related issues in 20 batches: ${SUB_TASKS} moved \\([1-9]\\d* of them by an earlier, interrupted delivery\\)$`,
        ),
      ),
    });
  }, 300_000);

  it('moves batches through the ids resolved at save, listing by name only the statuses the workflows disagree on', async () => {
    const run = async (resolved: boolean) => {
      const { site, kvs, queue } = seedTwoWorkflows();
      const transitionsByStatus = resolved ? await drive(resolvedDone(site, kvs)) : undefined;
      await transition(site, kvs, queue, {
        target: 'sub-tasks',
        ...(resolved ? { transitionsByStatus } : {}),
      });
      site.resetCalls();
      await drive(
        runQueue(relatedMovesConsumer, queue, { site, kvs, timeoutSeconds: CONSUMER_TIMEOUT_SECONDS }),
      );
      // Never the parent's 21 (Cancel in the sub-tasks' workflow): every sub-task ends Done, moved once.
      expectEachMovedOnce(site, 60);
      return searchPoints(site);
    };
    const byName = await run(false);
    const resolved = await run(true);
    // The 30 issues in "Ready" are searched for their status alone: their transitions are not listed.
    expect(resolved).toBeLessThan(byName);
  }, 120_000);

  it('hands a 429 storm on the moves to the wait line: each delivery ends, the platform retries, nothing is doubled', async () => {
    const { site, kvs, queue } = seedTwoWorkflows();
    const transitionsByStatus = await drive(resolvedDone(site, kvs));
    await transition(site, kvs, queue, { target: 'sub-tasks', transitionsByStatus });
    // A per-issue write limit naming 30 s, ten times the 3 s a post-function sleeps (POST_FUNCTION_MAX_SLEEP_MS).
    site.faults.inject({
      match: { operationId: 'doTransition' },
      after: 10,
      times: 3,
      response: { kind: 'rateLimit', reason: 'jira-per-issue-on-write', retryAfterSeconds: 30 },
    });
    const deliveries = await drive(
      runQueue(relatedMovesConsumer, queue, { site, kvs, timeoutSeconds: CONSUMER_TIMEOUT_SECONDS }),
    );
    // Each 429 ended its delivery with a retry request instead of a 30 s sleep inside it.
    expect(deliveries.map((d) => d.outcome)).toEqual([
      'retry-requested',
      'retry-requested',
      'retry-requested',
      'done',
      'done',
    ]);
    expectEachMovedOnce(site, 60);
    const finals = auditEntries(kvs).filter((entry) => entry.summary.startsWith('Background moves'));
    expect(finals).toEqual([
      expect.objectContaining({
        outcome: 'applied',
        summary:
          'Background moves through "Done" finished, 60 related issues in 2 batches: 60 moved (10 of them by an earlier, interrupted delivery)',
      }),
    ]);
    expect(site.contractViolations).toEqual([]);
  }, 120_000);

  it('hands the post-function to the platform retry when the queue refuses the push, moving nothing', async () => {
    const { site, kvs } = seed('sub-tasks', 60);
    const result = await drive(
      runPostFunction(
        transitionRelatedPostFunction,
        buildPostFunctionEvent(site, {
          issueKey: 'OPS-1',
          transitionId: '21',
          configuration: { target: 'sub-tasks', transitionName: 'Done' },
        }),
        { site, kvs }, // no queue: the push answers 501
      ),
    );
    expect(isInvocationError(result)).toBe(true);
    expect(movesPerIssue(site).size).toBe(0);
    expect(auditEntries(kvs)[0]).toMatchObject({ outcome: 'retrying', error: { code: 'UPSTREAM_FAILURE' } });
  });

  it('refuses a malformed batch without calling Jira, and says so in the audit log', async () => {
    const { site, kvs, queue } = seed('sub-tasks', 1);
    await drive(
      runQueue(relatedMovesConsumer, queueWith(queue, { executionId: 'x', targets: 'OPS-1' }), { site, kvs }),
    );
    expect(site.calls).toEqual([]);
    expect(auditEntries(kvs)[0]).toMatchObject({
      outcome: 'failed',
      summary: 'Malformed background batch: nothing was moved',
      error: { code: 'INVALID_INPUT' },
    });
  });
});
