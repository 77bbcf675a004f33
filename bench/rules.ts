import {
  buildPostFunctionEvent,
  MemoryKvs,
  runPostFunction,
  runValidator,
  type RunOptions,
} from '../test/harness';
import { JiraSite } from '../test/emulator';
import { apiTokenConnection, delivered, viaLoopback, setUpConnection } from '../test/connections/support';
import { startThirdParty, type ThirdParty } from '../test/third-party';
import { fieldsRequirementValidator } from '../src/rules/fields-requirement';
import { relatedIssuesValidator } from '../src/rules/related-issues';
import { commentPostFunction } from '../src/rules/comment';
import { setFieldsPostFunction } from '../src/rules/set-fields';
import { transitionRelatedPostFunction } from '../src/rules/transition-related';
import { notifyPostFunction } from '../src/rules/notify';
import { emulatorClock } from './clock';
import {
  naiveCommentAsUserPostFunction,
  naiveCommentPostFunction,
  naiveFieldsValidator,
  naiveNotifyPostFunction,
  naiveRelatedIssuesValidator,
  naiveSetFieldsPostFunction,
  naiveTransitionSubtasksPostFunction,
} from './naive';
import { p50p95, round } from './stats';

/** One site of a measurement: the runs of one handler (ours or the naive one) of one scenario. */
interface World {
  site: JiraSite;
  kvs: MemoryKvs;
  options: RunOptions;
}

type Runner = (world: World, issueKey: string) => Promise<unknown>;

interface Scenario {
  name: string;
  /** The issue one run acts on, seeded afresh for each run with whatever related issues the rule reads. */
  seedIssue(site: JiraSite): string;
  /** Once per site, before the runs: e.g. Notify's connection. Not measured. */
  setUp?(world: World): Promise<void>;
  /** Runtime options beyond the site and KVS, e.g. egress to the third party. */
  options?: Partial<RunOptions>;
  /** Throws unless every run had its effect, where the Jira ledger alone cannot tell. */
  verify?(world: World, runs: number): void;
  /** Runs per handler; fewer for the scenarios whose runs make many calls, so the whole bench takes minutes. */
  runs?: number;
  ours: Runner;
  naive: Runner;
}

const DEFAULT_RUNS = 300;
const WARM_UP_RUNS = 20;

const DESCRIPTION = {
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Ready' }] }],
};
const FIELDS_CONFIG = {
  requirements: [{ fieldId: 'description', fieldName: 'Description', condition: 'not-empty' }],
};

/** A realistic issue: labels and a description make "read everything" costlier than reading one field. */
const addIssue = (
  site: JiraSite,
  extra: { summary?: string; issueType?: string; status?: string; parentKey?: string; fields?: object } = {},
): string =>
  site.addIssue({
    projectKey: 'OPS',
    summary: extra.summary ?? 'Rotate the certificates',
    ...(extra.issueType ? { issueType: extra.issueType } : {}),
    ...(extra.status ? { status: extra.status } : {}),
    ...(extra.parentKey ? { parentKey: extra.parentKey } : {}),
    fields: { description: DESCRIPTION, labels: ['ops', 'security', 'q4'], ...extra.fields },
  }).key;

/**
 * An issue under a done epic, with three done sub-tasks, blocked by two done issues, and itself blocking one
 * issue still to do (which the rule must ignore): the validator passes, after looking at six related issues.
 */
function issueWithRelatedIssues(site: JiraSite): string {
  const epic = addIssue(site, { summary: 'Certificates', issueType: 'Epic', status: 'Done' });
  const key = addIssue(site, { parentKey: epic });
  for (let n = 1; n <= 3; n += 1)
    addIssue(site, { summary: `Step ${n}`, issueType: 'Subtask', parentKey: key, status: 'Done' });
  for (let n = 1; n <= 2; n += 1)
    site.linkIssues(addIssue(site, { summary: `Blocker ${n}`, status: 'Done' }), key, 'Blocks');
  site.linkIssues(key, addIssue(site, { summary: 'Waits for us' }), 'Blocks');
  return key;
}

/** An issue with three sub-tasks still to do. */
function issueWithSubtasks(site: JiraSite): string {
  const key = addIssue(site);
  for (let n = 1; n <= 3; n += 1)
    addIssue(site, { summary: `Step ${n}`, issueType: 'Subtask', parentKey: key });
  return key;
}

type ValidatorHandler = Parameters<typeof runValidator>[0];
type PostFunctionHandler = Parameters<typeof runPostFunction>[0];
type Common = Omit<Scenario, 'ours' | 'naive'>;

/** A validator scenario: both handlers get the same payload, with the field on the transition screen or not. */
function validator({
  ours,
  naive,
  configuration,
  onScreen = false,
  ...common
}: Common & {
  ours: ValidatorHandler;
  naive: ValidatorHandler;
  configuration: object;
  onScreen?: boolean;
}): Scenario {
  const payload = (issueKey: string) => ({
    issue: { key: issueKey },
    configuration: JSON.stringify(configuration),
    transition: {
      from: { id: '1' },
      to: { id: '3' },
      ...(onScreen ? { modifiedFields: { description: DESCRIPTION } } : {}),
    },
  });
  return {
    ...common,
    ours: ({ options }, key) => runValidator(ours, payload(key), options),
    naive: ({ options }, key) => runValidator(naive, payload(key), options),
  };
}

/**
 * A post-function scenario: the event of transition 21 ("Done") made by `dev`, with Workflow Guard's
 * configuration for ours; the naive handler has its choices written in.
 */
function postFunction({
  ours,
  naive,
  configuration,
  ...common
}: Common & { ours: PostFunctionHandler; naive: PostFunctionHandler; configuration: object }): Scenario {
  const event = (site: JiraSite, issueKey: string, withConfiguration: boolean) =>
    buildPostFunctionEvent(site, {
      issueKey,
      transitionId: '21',
      atlassianId: 'dev',
      configuration: JSON.stringify(withConfiguration ? configuration : {}),
    });
  return {
    ...common,
    ours: ({ site, options }, key) => runPostFunction(ours, event(site, key, true), options),
    naive: ({ site, options }, key) => runPostFunction(naive, event(site, key, false), options),
  };
}

const COMMENT_TEMPLATE = '{{issue.key}} done by {{user}}';

function scenarios(tp: ThirdParty): Scenario[] {
  let deliveredBefore = 0;
  return [
    validator({
      name: 'fields requirement, field on the transition screen',
      seedIssue: (site) => addIssue(site),
      configuration: FIELDS_CONFIG,
      onScreen: true,
      ours: fieldsRequirementValidator,
      naive: naiveFieldsValidator,
    }),
    validator({
      name: 'fields requirement, field read from the issue',
      seedIssue: (site) => addIssue(site),
      configuration: FIELDS_CONFIG,
      ours: fieldsRequirementValidator,
      naive: naiveFieldsValidator,
    }),
    validator({
      name: 'related issues (parent, 3 sub-tasks, 2 blockers)',
      seedIssue: issueWithRelatedIssues,
      runs: 200,
      configuration: {
        subtasks: true,
        parent: true,
        links: [{ linkType: 'Blocks', direction: 'is blocked by' }],
      },
      ours: relatedIssuesValidator,
      naive: naiveRelatedIssuesValidator,
    }),
    postFunction({
      name: 'comment post-function (as the app)',
      seedIssue: (site) => addIssue(site),
      configuration: { template: COMMENT_TEMPLATE },
      ours: commentPostFunction,
      naive: naiveCommentPostFunction,
    }),
    postFunction({
      name: 'comment post-function (as the transitioning user)',
      seedIssue: (site) => addIssue(site),
      configuration: { template: COMMENT_TEMPLATE, actor: 'transitioning-user' },
      ours: commentPostFunction,
      naive: naiveCommentAsUserPostFunction,
    }),
    postFunction({
      name: 'set fields (2 sets, a copy, a clear)',
      seedIssue: (site) =>
        addIssue(site, { fields: { customfield_10010: '2026-12-24', customfield_10020: 'draft' } }),
      // The operations of the rule's tests: a set of each kind, a copy and a clear.
      configuration: {
        operations: [
          { op: 'set', field: 'labels', value: ['released', 'audited'] },
          { op: 'set', field: 'priority', value: 'High' },
          { op: 'copy', field: 'duedate', from: 'customfield_10010' },
          { op: 'clear', field: 'customfield_10020' },
        ],
      },
      ours: setFieldsPostFunction,
      naive: naiveSetFieldsPostFunction,
    }),
    postFunction({
      name: 'transition related issues (3 sub-tasks to Done)',
      seedIssue: issueWithSubtasks,
      runs: 150,
      configuration: { target: 'sub-tasks', transitionName: 'Done' },
      ours: transitionRelatedPostFunction,
      naive: naiveTransitionSubtasksPostFunction,
    }),
    postFunction({
      name: 'notify (Jira calls only; the POST to the service is the same for both)',
      seedIssue: (site) => addIssue(site),
      options: viaLoopback,
      async setUp({ site, kvs }) {
        deliveredBefore = delivered(tp).length;
        const connection = apiTokenConnection(tp);
        await setUpConnection(site, kvs, connection, 'alice-api-token');
        // The naive handler's Forge environment variables: the same service, the same token.
        process.env.NOTIFY_URL = connection.url;
        process.env.NOTIFY_TOKEN = 'alice-api-token';
      },
      verify(_world, runs) {
        const count = delivered(tp).length - deliveredBefore;
        if (count !== runs) throw new Error(`notify: ${count} of ${runs} deliveries reached the service`);
      },
      configuration: { connectionId: 'ops-hook' },
      ours: notifyPostFunction,
      naive: naiveNotifyPostFunction,
    }),
  ];
}

function seedSite(): JiraSite {
  const site = new JiraSite();
  site.addUser({ accountId: 'dev', displayName: 'Dana Developer' });
  site.addProject({ key: 'OPS', name: 'Operations' });
  for (const permission of ['BROWSE_PROJECTS', 'ADD_COMMENTS', 'EDIT_ISSUES', 'TRANSITION_ISSUES'])
    site.grant(permission, { accountId: 'dev', projectKey: 'OPS' });
  return site;
}

/**
 * Runs one handler of a scenario `runs` times, each on a freshly seeded issue. Calls and points are the emulator
 * ledger's; handler time is wall time minus the time inside the emulated Jira and the third party (network
 * time). The in-memory KVS's time stays in: ours uses KVS (settings, idempotency, audit log), the naive one none.
 */
async function measure(scenario: Scenario, run: Runner, runs: number) {
  const site = seedSite();
  const kvs = new MemoryKvs();
  const clock = emulatorClock();
  const { externalFetch, ...options } = scenario.options ?? {};
  const world: World = {
    site,
    kvs,
    options: {
      site,
      kvs,
      ...options,
      ...(externalFetch ? { externalFetch: clock.timed(externalFetch) } : {}),
    },
  };
  await scenario.setUp?.(world);
  site.handle = clock.timed(site.handle.bind(site));
  const [callsBefore, pointsBefore, kvsBefore] = [site.calls.length, site.points, kvs.calls.length];
  const own: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const key = scenario.seedIssue(site);
    own.push((await clock.time(() => run(world, key))).ownMs);
  }
  const calls = site.calls.slice(callsBefore);
  const failed = calls.filter((call) => call.status >= 400);
  if (failed.length || site.contractViolations.length)
    throw new Error(
      `${scenario.name}: ${failed.length} Jira call(s) failed (${failed
        .slice(0, 3)
        .map((call) => `${call.method} ${call.path} ${call.status}`)
        .join(', ')}), ${site.contractViolations.length} contract violation(s)`,
    );
  scenario.verify?.(world, runs);
  return {
    calls: calls.length / runs,
    points: (site.points - pointsBefore) / runs,
    kvsCalls: (kvs.calls.length - kvsBefore) / runs,
    own,
  };
}

/**
 * `deterministic`: the calls and points only, from two runs per handler and no warm-up (they are the same on every
 * run: each acts on a freshly seeded issue); the times then mean nothing. What test/proof/bench-figures.test.ts
 * checks docs/proof.md against.
 */
export async function benchRules(options: { deterministic?: boolean } = {}) {
  const tp = await startThirdParty();
  try {
    const results = [];
    for (const scenario of scenarios(tp)) {
      const runs = options.deterministic ? 2 : (scenario.runs ?? DEFAULT_RUNS);
      if (!options.deterministic) await measure(scenario, scenario.ours, WARM_UP_RUNS); // module loading and JIT
      const ours = await measure(scenario, scenario.ours, runs);
      const naive = await measure(scenario, scenario.naive, runs);
      results.push({
        scenario: scenario.name,
        runs,
        'calls (ours/naive)': `${round(ours.calls)} / ${round(naive.calls)}`,
        'calls ratio': round(ours.calls / naive.calls),
        'points (ours/naive)': `${round(ours.points)} / ${round(naive.points)}`,
        'points ratio': round(ours.points / naive.points),
        'KVS calls (ours/naive)': `${round(ours.kvsCalls)} / ${round(naive.kvsCalls)}`,
        'handler ms p50/p95 (ours)': p50p95(ours.own),
        'handler ms p50/p95 (naive)': p50p95(naive.own),
      });
    }
    return results;
  } finally {
    await tp.close();
  }
}
