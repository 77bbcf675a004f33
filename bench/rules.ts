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
import { copyFieldValuesPostFunction } from '../src/rules/copy-field-values';
import { createIssuePostFunction } from '../src/rules/create-issue';
import { linkIssuesPostFunction } from '../src/rules/link-issues';
import { assignPostFunction } from '../src/rules/assign';
import { emulatorClock, type EmulatorClock } from './clock';
import { billing, type Billing } from './cost';
import { emptyMetered, kvsRoundTrips, meter, type Metered, type Meter } from './meter';
import {
  NAIVE_CHOICES,
  naiveAssignPostFunction,
  naiveCreateIssuePostFunction,
  naiveLinkIssuesPostFunction,
  naiveCommentAsUserPostFunction,
  naiveCommentPostFunction,
  naiveFieldsValidator,
  naiveNotifyPostFunction,
  naiveRelatedIssuesValidator,
  naiveSetFieldsPostFunction,
  naiveSumSubtaskPointsPostFunction,
  naiveTransitionSubtasksPostFunction,
} from './naive';
import { percentile, round } from './stats';

/** One site of a measurement: the runs of one handler (ours or the naive one) of one scenario. */
interface World {
  site: JiraSite;
  kvs: MemoryKvs;
  options: RunOptions;
  meter: Meter;
  clock: EmulatorClock;
  /** The third party's delivery count when the runs began (Notify). */
  deliveredBefore: number;
}

/** One call the documented behaviour cannot do without, and why. */
export interface FloorCall {
  call: string;
  why: string;
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
  /** Runs per handler for the times; fewer for the scenarios whose runs make many calls. */
  runs?: number;
  /** The fewest Jira calls the documented behaviour needs (docs/proof.md, "The floor"). */
  floor: FloorCall[];
  ours: Runner;
  naive: Runner;
}

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

/** Story points (customfield_10016) and their total (customfield_10017), number fields as GET /field lists them. */
const POINTS = { id: 'customfield_10016', name: 'Story points', type: 'number' };
const TOTAL = { id: 'customfield_10017', name: 'Total points', type: 'number' };

/** An issue with three sub-tasks carrying story points (3, 5 and 8). */
function issueWithPointedSubtasks(site: JiraSite): string {
  for (const field of [POINTS, TOTAL]) if (!site.fieldDefs.has(field.id)) site.addField(field);
  const key = addIssue(site);
  for (const [n, points] of [3, 5, 8].entries())
    addIssue(site, {
      summary: `Step ${n + 1}`,
      issueType: 'Subtask',
      parentKey: key,
      fields: { [POINTS.id]: points },
    });
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

/** A floor entry that stands for no call at all, with why none is needed. */
const NO_CALL = '(none)';
const READ_FIELDS = (why: string): FloorCall => ({ call: 'GET /rest/api/3/issue/{key}?fields=…', why });
const POST_COMMENT = (why: string): FloorCall => ({ call: 'POST /rest/api/3/issue/{key}/comment', why });

function scenarios(tp: ThirdParty): Scenario[] {
  return [
    validator({
      name: 'fields requirement, field on the transition screen',
      floor: [
        {
          call: NO_CALL,
          why: 'Jira sends the value on the transition screen in `transition.modifiedFields` (jira-workflow-validator module page)',
        },
      ],
      seedIssue: (site) => addIssue(site),
      configuration: FIELDS_CONFIG,
      onScreen: true,
      ours: fieldsRequirementValidator,
      naive: naiveFieldsValidator,
    }),
    validator({
      name: 'fields requirement, field read from the issue',
      floor: [
        READ_FIELDS(
          'the required field is not on the transition screen, so its value is read from Jira (only that field)',
        ),
      ],
      seedIssue: (site) => addIssue(site),
      configuration: FIELDS_CONFIG,
      ours: fieldsRequirementValidator,
      naive: naiveFieldsValidator,
    }),
    validator({
      name: 'related issues (parent, 3 sub-tasks, 2 blockers)',
      floor: [
        {
          call: 'one read (the issue with parent, subtasks and issuelinks, or one JQL search)',
          why: "Jira's issue references carry each related issue's status, so one answer holds all six",
        },
      ],
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
      floor: [
        POST_COMMENT(
          'the key and the account id to mention come with the event; a mention needs only the account id',
        ),
      ],
      seedIssue: (site) => addIssue(site),
      configuration: { template: COMMENT_TEMPLATE },
      ours: commentPostFunction,
      naive: naiveCommentPostFunction,
    }),
    postFunction({
      name: 'comment post-function (as the transitioning user)',
      floor: [
        POST_COMMENT(
          "under asUser(accountId) Jira enforces the user's permission itself: a 403 or 404 answer is what starts the fallback, no pre-check needed",
        ),
      ],
      seedIssue: (site) => addIssue(site),
      configuration: { template: COMMENT_TEMPLATE, actor: 'transitioning-user' },
      ours: commentPostFunction,
      naive: naiveCommentAsUserPostFunction,
    }),
    postFunction({
      name: 'set fields (2 sets, a copy, a clear)',
      floor: [
        READ_FIELDS("the copy needs the source field's value, which the event does not carry"),
        { call: 'PUT /rest/api/3/issue/{key}', why: 'one edit sets, copies and clears every field at once' },
      ],
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
      floor: [
        {
          call: 'POST /rest/api/3/search/jql (the issue and its sub-tasks, with statuses and the cascade mark)',
          why: 'which sub-tasks exist and which are not done yet; transition ids are known from the saved configuration',
        },
        ...[1, 2, 3].map((n) => ({
          call: `POST /rest/api/3/issue/{sub-task ${n}}/transitions`,
          why: 'Jira has no bulk transition in the REST API v3 the app uses: one move per issue',
        })),
      ],
      seedIssue: issueWithSubtasks,
      runs: 150,
      configuration: { target: 'sub-tasks', transitionName: 'Done' },
      ours: transitionRelatedPostFunction,
      naive: naiveTransitionSubtasksPostFunction,
    }),
    postFunction({
      name: 'copy field values (the sum of 3 sub-tasks into the issue)',
      floor: [
        {
          call: 'POST /rest/api/3/search/jql (the issue and its sub-tasks, with the two fields)',
          why: 'the sub-tasks and their story points, which neither the event nor the issue carries',
        },
        { call: 'PUT /rest/api/3/issue/{key}', why: 'one edit writes the total' },
      ],
      seedIssue: issueWithPointedSubtasks,
      configuration: {
        relation: 'sub-tasks',
        pairs: [
          {
            from: POINTS.id,
            fromSchema: { type: 'number' },
            to: TOTAL.id,
            toSchema: { type: 'number' },
            aggregation: 'sum',
          },
        ],
      },
      verify({ site }) {
        const totals = [...site.issues.values()].filter((issue) => issue.fields[TOTAL.id] !== undefined);
        if (totals.some((issue) => issue.fields[TOTAL.id] !== 16))
          throw new Error('copy field values: a total is not the sum of its sub-tasks');
      },
      ours: copyFieldValuesPostFunction,
      naive: naiveSumSubtaskPointsPostFunction,
    }),
    postFunction({
      name: 'create issue (a linked Task in another project, 2 copied fields)',
      floor: [
        READ_FIELDS(
          'the summary template and the copied fields need values of the issue the event does not carry',
        ),
        {
          call: 'POST /rest/api/3/issue',
          why: 'one create sets the project, type, summary, copied fields and the exactly-once mark (an issue property)',
        },
        {
          call: 'POST /rest/api/3/issueLink',
          why: "a link inside the create (`update.issuelinks`) works only with Linked issues on the project's create screen (createIssue: the fields that can be set are the create screen's), so the link back is a call of its own",
        },
      ],
      setUp({ site }) {
        site.addProject({ key: 'SUP', name: 'Support', id: NAIVE_CHOICES.createIn.projectId });
        site.addField({ id: 'customfield_10050', name: 'Severity', type: 'string' });
        site.requireOnCreate('SUP', 'Task', 'customfield_10050');
        if (site.issueTypes.get('Task')?.id !== NAIVE_CHOICES.createIn.issueTypeId)
          throw new Error(
            'create issue: the naive handler names another Task issue type id than the site has',
          );
        return Promise.resolve();
      },
      seedIssue: (site) => addIssue(site, { fields: { customfield_10050: 'High' } }),
      // The configuration of the rule's tests: copy Severity (required in Support) and the labels, link back.
      configuration: {
        kind: 'issue',
        ...NAIVE_CHOICES.createIn,
        projectName: 'Support',
        issueTypeName: 'Task',
        summary: 'Follow up {{issue.key}}: {{issue.summary}}',
        copyFields: ['customfield_10050', 'labels'],
        linkBack: { linkType: 'Blocks', direction: 'outward' },
      },
      ours: createIssuePostFunction,
      naive: naiveCreateIssuePostFunction,
    }),
    postFunction({
      name: 'link issues (a JQL query finding 3 issues)',
      floor: [
        { call: 'POST /rest/api/3/search/jql', why: 'which issues the query finds (their keys only)' },
        ...[1, 2, 3].map((n) => ({
          call: `POST /rest/api/3/issueLink (issue ${n})`,
          why: 'REST API v3 has no bulk link; adding several `issuelinks` in one edit needs Edit issues and the field on the edit screen, which linking does not',
        })),
      ],
      // Each run's issue has three follow-ups labelled with its key.
      seedIssue: (site) => {
        const key = addIssue(site);
        for (let n = 1; n <= 3; n += 1)
          addIssue(site, { summary: `Follow-up ${n}`, fields: { labels: [key] } });
        return key;
      },
      configuration: { source: 'jql', jql: 'labels = {{issue.key}}', linkType: 'Relates' },
      ours: linkIssuesPostFunction,
      naive: naiveLinkIssuesPostFunction,
    }),
    postFunction({
      name: 'assign (first assignable of a 3-member project role, the first not assignable)',
      floor: [
        {
          call: 'GET /rest/api/3/project/{key}/role/{id}',
          why: "the role's members; the issue key starts with its project's key, which the operation takes",
        },
        ...[1, 2].map((n) => ({
          call: `GET /rest/api/3/user/assignable/search?accountId=…&issueKey=… (member ${n})`,
          why: "the documented way to know Jira would let a user be assigned: one account id per call (a search without one needs a query); assignIssue's 400 names only an unknown user. Members are asked in order until one is listed",
        })),
        { call: 'PUT /rest/api/3/issue/{key}/assignee', why: 'the assignment' },
      ],
      setUp({ site }) {
        for (const [accountId, displayName] of [
          ['lead', 'Alex Lead'],
          ['ana', 'Ana Analyst'],
          ['bo', 'Bo Builder'],
        ] as const) {
          site.addUser({ accountId, displayName });
          site.assignRole('OPS', 'Developers', accountId);
        }
        // The lead is in the role but not assignable: the first member asked is refused.
        for (const accountId of ['ana', 'bo'])
          site.grant('ASSIGNABLE_USER', { accountId, projectKey: 'OPS' });
        if (String(site.roleIdOf('Developers')) !== NAIVE_CHOICES.roleId)
          throw new Error('assign: the naive handler names another role id than the site has');
        return Promise.resolve();
      },
      seedIssue: (site) => addIssue(site),
      configuration: {
        target: 'role',
        roleId: NAIVE_CHOICES.roleId,
        roleName: 'Developers',
        roleStrategy: 'first',
      },
      ours: assignPostFunction,
      naive: naiveAssignPostFunction,
    }),
    postFunction({
      name: 'notify (Jira calls only; the POST to the service is the same for both)',
      floor: [READ_FIELDS('the message carries the summary and status, which the event does not')],
      seedIssue: (site) => addIssue(site),
      options: viaLoopback,
      async setUp(world) {
        const { site, kvs } = world;
        world.deliveredBefore = delivered(tp).length;
        const connection = apiTokenConnection(tp);
        await setUpConnection(site, kvs, connection, 'alice-api-token');
        // The naive handler's Forge environment variables: the same service, the same token.
        process.env.NOTIFY_URL = connection.url;
        process.env.NOTIFY_TOKEN = 'alice-api-token';
      },
      verify({ deliveredBefore }, runs) {
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

/** Runs per handler for the counts and bytes: one full cycle of the audit log's eviction sweep (every 8th). */
export const COUNT_RUNS = 8;
const WARM_UP_RUNS = 20;
const DEFAULT_TIMED_RUNS = 300;

async function lane(scenario: Scenario): Promise<World> {
  const site = seedSite();
  const kvs = new MemoryKvs();
  const clock = emulatorClock();
  // The meter first, the clock around it: the meter's parsing counts as time inside the stand-ins.
  const metering = meter(site, kvs);
  const { externalFetch, ...options } = scenario.options ?? {};
  const world: World = {
    site,
    kvs,
    meter: metering,
    clock,
    deliveredBefore: 0,
    options: {
      site,
      kvs,
      ...options,
      ...(externalFetch ? { externalFetch: clock.timed(metering.external(externalFetch)) } : {}),
    },
  };
  await scenario.setUp?.(world);
  site.handle = clock.timed(site.handle.bind(site));
  // KVS is a remote call in Forge: its time is the network's, like Jira's (the latency model charges it).
  kvs.handle = clock.timed(kvs.handle.bind(kvs));
  return world;
}

/** A small seeded generator (mulberry32): the same sequence on every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The counts and bytes of `runs` runs of one handler, each on a freshly seeded issue; throws on a failed call.
 * Math.random is seeded meanwhile: the audit log's failure counters pick a shard at random, which decides when
 * the eviction sweep runs and which shard reads find empty, so the counts are the same on every run.
 */
async function count(scenario: Scenario, run: Runner, runs: number): Promise<Metered> {
  const random = Math.random;
  Math.random = seeded(15);
  try {
    return await countSeeded(scenario, run, runs);
  } finally {
    Math.random = random;
  }
}

async function countSeeded(scenario: Scenario, run: Runner, runs: number): Promise<Metered> {
  const world = await lane(scenario);
  await run(world, scenario.seedIssue(world.site)); // first use of a fresh store: not what a site sees daily
  const metered = emptyMetered();
  const callsBefore = world.site.calls.length;
  for (let i = 0; i < runs; i += 1) {
    const key = scenario.seedIssue(world.site);
    await world.meter.measure(metered, () => run(world, key));
  }
  const failed = world.site.calls.slice(callsBefore).filter((call) => call.status >= 400);
  if (failed.length || world.site.contractViolations.length)
    throw new Error(
      `${scenario.name}: ${failed.length} Jira call(s) failed (${failed
        .slice(0, 3)
        .map((call) => `${call.method} ${call.path} ${call.status}`)
        .join(', ')}), ${world.site.contractViolations.length} contract violation(s)`,
    );
  world.deliveredBefore += 1; // the unmetered first run delivered too
  scenario.verify?.(world, runs);
  return metered;
}

/**
 * Handler time, ours and the naive one's: both warmed up, then run alternately (ours, naive, ours, ...), each
 * on its own site. Own time = wall time minus the time inside the emulated Jira, KVS and third party.
 */
async function time(scenario: Scenario, runs: number): Promise<{ ours: number[]; naive: number[] }> {
  const [oursWorld, naiveWorld] = [await lane(scenario), await lane(scenario)];
  const once = async (world: World, run: Runner) => {
    const key = scenario.seedIssue(world.site);
    return (await world.clock.time(() => run(world, key))).ownMs;
  };
  for (let i = 0; i < WARM_UP_RUNS; i += 1) {
    await once(oursWorld, scenario.ours);
    await once(naiveWorld, scenario.naive);
  }
  const times = { ours: [] as number[], naive: [] as number[] };
  for (let i = 0; i < runs; i += 1) {
    times.ours.push(await once(oursWorld, scenario.ours));
    times.naive.push(await once(naiveWorld, scenario.naive));
  }
  return times;
}

const perRun = (n: number, runs: number) => round(n / runs);
const describeOps = (m: Metered, runs: number) =>
  [...m.kvsByOp]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([op, n]) => `${op} ${perRun(n, runs)}`)
    .join(', ') || 'none';

/** What docs/proof.md shows of one scenario: counts (deterministic) and times and billing (measured). */
export type RuleFigures = {
  scenario: string;
  'Jira calls ours / naive / floor': string;
  'above floor': number;
  'KVS round trips ours / naive': string;
  'KVS round trips (ours) by operation': string;
  'points ours / naive': string;
  'strict points ours / naive': string;
  'handler ms p50 ours / naive': string;
  'handler ms p95 ours / naive': string;
};
export type FloorFigures = { scenario: string; calls: number; call: string; why: string };
export type BillingFigures = { scenario: string } & Billing;

/**
 * `deterministic`: the counts only (Jira calls, KVS round trips, points, bytes), with no timed runs: what
 * test/proof/bench-figures.test.ts checks docs/proof.md against. Handler times are then 0 and the GB-seconds
 * hold the modelled waits alone.
 */
export async function benchRules(options: { deterministic?: boolean } = {}) {
  const tp = await startThirdParty();
  try {
    const rules: RuleFigures[] = [];
    const floors: FloorFigures[] = [];
    const costs: BillingFigures[] = [];
    for (const scenario of scenarios(tp)) {
      const ours = await count(scenario, scenario.ours, COUNT_RUNS);
      const naive = await count(scenario, scenario.naive, COUNT_RUNS);
      const times = options.deterministic
        ? { ours: [0], naive: [0] }
        : await time(scenario, scenario.runs ?? DEFAULT_TIMED_RUNS);
      const floor = scenario.floor.filter((c) => c.call !== NO_CALL).length;
      const per = (n: number) => perRun(n, COUNT_RUNS);
      const p = (values: number[], q: number) => round(percentile(values, q));
      rules.push({
        scenario: scenario.name,
        'Jira calls ours / naive / floor': `${per(ours.jiraCalls)} / ${per(naive.jiraCalls)} / ${floor}`,
        'above floor': round(per(ours.jiraCalls) - floor),
        'KVS round trips ours / naive': `${per(kvsRoundTrips(ours))} / ${per(kvsRoundTrips(naive))}`,
        'KVS round trips (ours) by operation': describeOps(ours, COUNT_RUNS),
        'points ours / naive': `${per(ours.points)} / ${per(naive.points)}`,
        'strict points ours / naive': `${per(ours.strictPoints)} / ${per(naive.strictPoints)}`,
        'handler ms p50 ours / naive': `${p(times.ours, 50)} / ${p(times.naive, 50)}`,
        'handler ms p95 ours / naive': `${p(times.ours, 95)} / ${p(times.naive, 95)}`,
      });
      for (const c of scenario.floor)
        floors.push({ scenario: scenario.name, calls: floor, call: c.call, why: c.why });
      costs.push(
        { scenario: `${scenario.name}: ours`, ...billing(ours, COUNT_RUNS, percentile(times.ours, 50)) },
        { scenario: `${scenario.name}: naive`, ...billing(naive, COUNT_RUNS, percentile(times.naive, 50)) },
      );
    }
    return { rules, floors, costs };
  } finally {
    await tp.close();
  }
}
