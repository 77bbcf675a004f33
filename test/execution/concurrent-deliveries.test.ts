import {
  buildPostFunctionEvent,
  isInvocationError,
  runPostFunction,
  withInvocation,
  type MemoryKvs,
  type PostFunctionEvent,
  type RunOptions,
} from '../harness';
import type { JiraSite } from '../emulator';
import { claimEffect } from '../../src/access/idempotency';
import { forgeStore } from '../../src/access/kv-store';
import { commentPostFunction } from '../../src/rules/comment';
import { notifyPostFunction } from '../../src/rules/notify';
import { setFieldsPostFunction } from '../../src/rules/set-fields';
import { transitionRelatedPostFunction } from '../../src/rules/transition-related';
import { startThirdParty, type ThirdParty } from '../third-party';
import { apiTokenConnection, delivered, setUpConnection, viaLoopback } from '../connections/support';
import { auditEntries } from '../support/audit';
import { SET_FIELDS_OPERATIONS, seedFieldsToSet, seedSite, seedSubTasks } from '../support/seed';

/**
 * Deliveries of one post-function event that arrive together: Jira's duplicate delivery, the platform's retry of
 * an earlier delivery, in every combination, for every post-function. Effects are counted from what Jira and the
 * service received: each exactly once, whichever delivery wins.
 *
 * Two deliveries run concurrently inside one harness invocation (the harness binds one Forge runtime at a time):
 * they share the Jira site, the KVS and the time budget, and interleave at every request, as two invocations of
 * the same app do.
 */

type Handler = (event: PostFunctionEvent) => Promise<unknown>;

interface World {
  site: JiraSite;
  kvs: MemoryKvs;
  opts: RunOptions;
  event: PostFunctionEvent;
  /** Each effect the rule makes, counted from the receiving side. */
  effects(): Record<string, number>;
}

interface Scenario {
  name: string;
  handler: Handler;
  world(tp: ThirdParty): Promise<World>;
}

/** Successful Jira writes by operation and issue: what a doubled effect would show. */
const jiraWrites = (site: JiraSite, operationId: string) =>
  site.calls
    .filter((call) => call.operationId === operationId && call.status >= 200 && call.status < 300)
    .reduce<Record<string, number>>((counts, call) => {
      const key = `${operationId} ${call.path.split('?')[0]}`;
      counts[key] = (counts[key] ?? 0) + 1;
      return counts;
    }, {});

function eventFor(site: JiraSite, issueKey: string, transitionId: string, configuration: object) {
  return buildPostFunctionEvent(site, {
    issueKey,
    transitionId,
    atlassianId: 'dev',
    configuration: JSON.stringify(configuration),
    executionId: 'exec-race',
    postFunctionId: 'pf-race',
  });
}

const SCENARIOS: Scenario[] = [
  {
    name: 'comment',
    handler: commentPostFunction,
    world: () => {
      const { site, kvs } = seedSite();
      return Promise.resolve({
        site,
        kvs,
        opts: { site, kvs },
        event: eventFor(site, 'OPS-1', '11', { template: 'Moved' }),
        effects: () => ({ comments: site.issue('OPS-1').comments.length }),
      });
    },
  },
  {
    name: 'set fields',
    handler: setFieldsPostFunction,
    world: () => {
      const { site, kvs } = seedFieldsToSet();
      return Promise.resolve({
        site,
        kvs,
        opts: { site, kvs },
        event: eventFor(site, 'OPS-2', '21', { operations: SET_FIELDS_OPERATIONS }),
        // A repeated edit with the same values changes no history, so the edits Jira accepted are counted.
        effects: () => jiraWrites(site, 'editIssue'),
      });
    },
  },
  {
    name: 'transition related',
    handler: transitionRelatedPostFunction,
    world: () => {
      const { site, kvs } = seedSubTasks();
      return Promise.resolve({
        site,
        kvs,
        opts: { site, kvs },
        event: eventFor(site, 'OPS-1', '21', { target: 'sub-tasks', transitionName: 'Done' }),
        effects: () => jiraWrites(site, 'doTransition'),
      });
    },
  },
  {
    name: 'notify',
    handler: notifyPostFunction,
    async world(tp) {
      const { site, kvs } = seedSite();
      await setUpConnection(site, kvs, apiTokenConnection(tp), 'alice-api-token');
      return {
        site,
        kvs,
        opts: { site, kvs, ...viaLoopback },
        event: eventFor(site, 'OPS-1', '11', { connectionId: 'ops-hook' }),
        effects: () => ({ notifications: delivered(tp).length }),
      };
    },
  },
];

const retryOf = (event: PostFunctionEvent, retryCount = 1): PostFunctionEvent => ({
  ...event,
  retryContext: { retryCount, retryReason: 'FUNCTION_RETRY_REQUEST' },
});

/** Delivers every event at the same time and waits for all of them. */
function together(handler: Handler, events: PostFunctionEvent[], opts: RunOptions) {
  return withInvocation(opts, () => Promise.all(events.map((event) => handler(structuredClone(event)))));
}

/** A first delivery that Jira rate-limits beyond the invocation's time: it hands the effect to a platform retry. */
async function handedToRetry(world: World, handler: Handler) {
  world.site.faults.inject({
    times: 1,
    response: { kind: 'rateLimit', reason: 'jira-quota-tenant-based', retryAfterSeconds: 600 },
  });
  const result = await runPostFunction(handler, world.event, { ...world.opts, budgetMs: 3_000 });
  expect(isInvocationError(result)).toBe(true);
}

/** A first delivery that claimed the effect and was ended by the platform before doing anything (a timeout). */
async function diedWhileRunning(world: World) {
  await withInvocation({ ...world.opts, budgetMs: 1 }, () =>
    claimEffect(forgeStore, world.event.transition.executionId, 'pf-race', Date.now()),
  );
  // Past that invocation's deadline, its claim is stale.
  await new Promise((resolve) => setTimeout(resolve, 20));
}

interface Race {
  name: string;
  before?(world: World, handler: Handler): Promise<void>;
  deliveries(event: PostFunctionEvent): PostFunctionEvent[];
  /** Outcomes of the racing deliveries' audit entries, in any order. */
  outcomes: string[];
}

const RACES: Race[] = [
  {
    name: 'first delivery with its duplicate',
    deliveries: (event) => [event, event],
    outcomes: ['applied', 'skipped'],
  },
  {
    name: 'platform retry with a duplicate, after a delivery handed over',
    before: handedToRetry,
    deliveries: (event) => [retryOf(event), event],
    outcomes: ['applied', 'skipped'],
  },
  {
    name: 'platform retry with two duplicates, after a delivery handed over',
    before: handedToRetry,
    deliveries: (event) => [event, retryOf(event), event],
    outcomes: ['applied', 'skipped', 'skipped'],
  },
  {
    name: 'platform retry with a duplicate, after a delivery died while running',
    before: (world) => diedWhileRunning(world),
    deliveries: (event) => [retryOf(event), event],
    outcomes: ['applied', 'skipped'],
  },
  {
    name: 'two platform retries, after a delivery died while running',
    before: (world) => diedWhileRunning(world),
    deliveries: (event) => [retryOf(event), retryOf(event)],
    outcomes: ['applied', 'skipped'],
  },
];

describe('exactly once when deliveries of one transition race', () => {
  let tp: ThirdParty;
  beforeAll(async () => {
    tp = await startThirdParty({
      users: [{ username: 'alice', displayName: 'Alice', apiToken: 'alice-api-token' }],
    });
  });
  afterAll(() => tp.close());
  beforeEach(() => tp.state.reset());

  describe.each(SCENARIOS.map((scenario) => [scenario.name, scenario] as const))('%s', (_name, scenario) => {
    it.each(RACES.map((race) => [race.name, race] as const))('%s', async (_race, race) => {
      const world = await scenario.world(tp);
      await race.before?.(world, scenario.handler);
      const entriesBefore = auditEntries(world.kvs).length;
      await together(scenario.handler, race.deliveries(world.event), world.opts);
      const effects = world.effects();
      expect(Object.keys(effects).length).toBeGreaterThan(0);
      expect(effects).toEqual(Object.fromEntries(Object.keys(effects).map((key) => [key, 1])));
      const racing = auditEntries(world.kvs).slice(0, auditEntries(world.kvs).length - entriesBefore);
      expect(racing.map((entry) => entry.outcome).sort()).toEqual([...race.outcomes].sort());
      // A delivery arriving after the race finds the effect done, whichever attempt made it.
      await runPostFunction(scenario.handler, world.event, world.opts);
      expect(world.effects()).toEqual(effects);
      expect(auditEntries(world.kvs)[0]?.summary).toMatch(/^Already applied for this transition/);
    });
  });
});
