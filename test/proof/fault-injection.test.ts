import { isDeepStrictEqual } from 'node:util';
import {
  buildPostFunctionEvent,
  runPlatformRetry,
  runValidator,
  type MemoryKvs,
  type RetryReport,
  type ValidatorPayload,
} from '../harness';
import type { JiraSite } from '../emulator';
import { commentPostFunction } from '../../src/rules/comment';
import { setFieldsPostFunction } from '../../src/rules/set-fields';
import { transitionRelatedPostFunction } from '../../src/rules/transition-related';
import { notifyPostFunction } from '../../src/rules/notify';
import { createIssuePostFunction } from '../../src/rules/create-issue';
import { CREATED_PROPERTY } from '../../src/rules/create-issue/plan';
import { linkIssuesPostFunction } from '../../src/rules/link-issues';
import { assignPostFunction } from '../../src/rules/assign';
import { copyFieldValuesPostFunction } from '../../src/rules/copy-field-values';
import { fieldsRequirementValidator } from '../../src/rules/fields-requirement';
import { relatedIssuesValidator } from '../../src/rules/related-issues';
import type { Connection } from '../../src/connections/model';
import { startThirdParty, DEFAULT_CLIENT, type ThirdParty } from '../third-party';
import {
  apiTokenConnection,
  clientCredentialsConnection,
  delivered,
  forgeTokenService,
  setUpConnection,
  userAccountConnection,
} from '../connections/support';
import { auditEntries } from '../support/audit';
import { forgetLocales } from '../../src/access/texts';
import {
  addDoneFromAnywhere,
  COPY_FIELDS,
  SET_FIELDS_OPERATIONS,
  seedFieldsToSet,
  seedCopyValues,
  seedIssueCreation,
  seedRelatedIssues,
  seedSite,
  seedSubTasks,
} from '../support/seed';
import {
  BUDGET_MS,
  FaultLine,
  faultsAt,
  type Armed,
  type CallPoint,
  type Effects,
  type FaultCase,
  type ServicePlace,
} from './fault-lines';

/**
 * Every fault at every call of every rule with a function handler (issue #10): 429 of each reason, 5xx, timeouts,
 * lost answers on writes, needs-authentication, and at the third party 429 with Retry-After, 5xx, timeouts, lost
 * answers and revoked or rotated credentials. Effects are counted from the emulated Jira site or the third party's
 * records, never from what the app says: after a transient fault and the platform's retries each effect exists
 * exactly once; a permanent fault leaves what was done before the failing call and nothing after it; and every
 * fault is in the audit log with its code. The calls to fault are those a clean run makes, plus those only a
 * recovery makes (e.g. looking for the comment an earlier delivery added).
 */

type Seeded = ReturnType<typeof seedSite>;
type Handler = Parameters<typeof runPlatformRetry>[0];

interface World {
  site: JiraSite;
  kvs: MemoryKvs;
  tp: ThirdParty;
}

/** One rule, configured and seeded as in test/rules: adding a rule to the matrix is adding one of these. */
interface PostFunctionScenario {
  name: string;
  seed(): Seeded;
  handler: Handler;
  issueKey: string;
  transitionId: string;
  configuration: Record<string, unknown>;
  /** For Notify: the connection (saved with its secret, allowed in OPS) and where its webhook calls count. */
  connection?: { of(tp: ThirdParty): Connection; secret?: string; place: ServicePlace };
  /** Counted from Jira's or the third party's state; a clean run makes each exactly 1. */
  effects(world: World): Effects;
  /**
   * Calls whose failure the rule rides out by design (e.g. `jira:bulkGetUsers`: a display name falls back to the
   * account id): any fault there is recovered, the effect applied in the same delivery.
   */
  bestEffort?: string[];
}

/** Transitions in the issue's history (each one made, even back to the same status, as Jira's Transitions tab lists them). */
const moves = (site: JiraSite, key: string) =>
  site.issue(key).history.filter((change) => change.items.some((item) => item.field === 'status')).length;

/** Notifications the service accepted, and how many distinct deliveries (Idempotency-Key = deliveryId) they are. */
const notifications = ({ tp }: World): Effects => {
  const accepted = delivered(tp);
  return {
    'accepted copies': accepted.length,
    'distinct deliveries': new Set(accepted.map((r) => (r.body as { deliveryId?: string }).deliveryId)).size,
  };
};

/** A project whose "Done" transition stays available in Done (a self-loop, as a global transition may be). */
function seedReopenable(): Seeded {
  const seeded = seedSite();
  const { site } = seeded;
  site.addProject({ key: 'LOOP', name: 'Loop', leadAccountId: 'dev' });
  addDoneFromAnywhere(site, 'LOOP');
  site.addIssue({ key: 'LOOP-1', projectKey: 'LOOP', summary: 'Parent' });
  site.addIssue({
    key: 'LOOP-2',
    projectKey: 'LOOP',
    summary: 'Sub',
    issueType: 'Subtask',
    parentKey: 'LOOP-1',
  });
  return seeded;
}

/** seedSite with Rita in OPS-1's Reporter, who may comment: a post-function acting as the user in that field. */
function seedReporter(): Seeded {
  const seeded = seedSite();
  seeded.site.addUser({ accountId: 'rita', displayName: 'Rita Reporter' });
  for (const permission of ['BROWSE_PROJECTS', 'ADD_COMMENTS'])
    seeded.site.grant(permission, { accountId: 'rita', projectKey: 'OPS' });
  seeded.site.issues.get('OPS-1')!.reporter = 'rita';
  return seeded;
}

/** seedSite where `dev` may see OPS-1 but not comment: Jira refuses their comment, and the app falls back. */
function seedRefusedCommenter(): Seeded {
  const seeded = seedSite();
  seeded.site.revoke('ADD_COMMENTS', { accountId: 'dev', projectKey: 'OPS' });
  return seeded;
}

/** seedSubTasks where `dev` may not transition issues: Jira refuses their moves, and the app falls back. */
function seedRefusedMover(): Seeded {
  const seeded = seedSubTasks();
  seeded.site.revoke('TRANSITION_ISSUES', { accountId: 'dev', projectKey: 'OPS' });
  return seeded;
}

/** "Done" resolved per status as the configuration screen saves it for the default workflow (resolve.ts). */
const RESOLVED_DONE = (() => {
  const { site } = seedSubTasks();
  const id = (name: string) => site.requireStatus(name).id;
  return {
    [id('To Do')]: { id: '21', to: id('Done') },
    [id('In Progress')]: { id: '21', to: id('Done') },
    [id('Done')]: null,
  };
})();
/** seedIssueCreation with Ana and Bo in OPS's Developers role, both assignable. */
function seedRoleToAssign(): Seeded {
  const seeded = seedIssueCreation();
  const { site } = seeded;
  for (const [accountId, displayName] of [
    ['ana', 'Ana'],
    ['bo', 'Bo'],
  ] as const) {
    site.addUser({ accountId, displayName });
    site.assignRole('OPS', 'Developers', accountId);
    site.grant('ASSIGNABLE_USER', { accountId, projectKey: 'OPS' });
  }
  return seeded;
}

/** Links as "outward type inward", each counted: a link made twice would count 2 (the emulator never doubles one). */
const linkEffects = ({ site }: World): Effects =>
  Object.fromEntries(
    Object.entries(
      site.links.reduce<Record<string, number>>((counts, l) => {
        const name = `${l.outwardKey} ${l.type} ${l.inwardKey}`;
        counts[name] = (counts[name] ?? 0) + 1;
        return counts;
      }, {}),
    ),
  );

/** Ids as the seeded sites have them (seeding is deterministic). */
const TASK_TYPE_ID = seedIssueCreation().site.issueTypes.get('Task')?.id ?? '';
const DEVELOPERS_ROLE_ID = String(seedRoleToAssign().site.roleIdOf('Developers'));

const POST_FUNCTIONS: PostFunctionScenario[] = [
  {
    name: 'comment as the transitioning user',
    seed: seedSite,
    handler: commentPostFunction,
    issueKey: 'OPS-1',
    transitionId: '11',
    configuration: { template: 'Moved', actor: 'transitioning-user' },
    effects: ({ site }) => ({ comments: site.issue('OPS-1').comments.length }),
  },
  {
    // "Only if" (every post-function's setting): its one evaluation, as the acting user, is faulted too.
    name: 'comment as the transitioning user, only if an expression holds',
    seed: seedSite,
    handler: commentPostFunction,
    issueKey: 'OPS-1',
    transitionId: '11',
    configuration: { template: 'Moved', actor: 'transitioning-user', onlyIf: 'issue.key == "OPS-1"' },
    effects: ({ site }) => ({ comments: site.issue('OPS-1').comments.length }),
  },
  {
    // Field values in the template (issue 18, point 5): "Only if", the values and the user's name in one evaluation.
    name: 'comment showing a field value and the user, as the transitioning user, only if an expression holds',
    seed: () => {
      const seeded = seedSite();
      seeded.site.addField({ id: 'customfield_10103', name: 'Customer', type: 'string' });
      seeded.site.issues.get('OPS-1')!.fields.customfield_10103 = 'Acme';
      return seeded;
    },
    handler: commentPostFunction,
    issueKey: 'OPS-1',
    transitionId: '11',
    configuration: {
      template: '{{user}} for {{field:Customer}}',
      templateFields: [{ name: 'Customer', id: 'customfield_10103', kind: 'text' }],
      actor: 'transitioning-user',
      onlyIf: 'issue.key == "OPS-1"',
    },
    effects: ({ site }) => ({ comments: site.issue('OPS-1').comments.length }),
  },
  {
    // Acting as the user in a field: the read of the field, as the app, is faulted too.
    name: 'comment as the user in Reporter',
    seed: seedReporter,
    handler: commentPostFunction,
    issueKey: 'OPS-1',
    transitionId: '11',
    configuration: {
      template: 'Moved',
      actor: 'field-user',
      actorField: { id: 'reporter', name: 'Reporter' },
    },
    effects: ({ site }) => ({ comments: site.issue('OPS-1').comments.length }),
  },
  {
    name: 'comment as the app',
    seed: seedSite,
    handler: commentPostFunction,
    issueKey: 'OPS-1',
    transitionId: '11',
    configuration: { template: 'Moved', actor: 'app' },
    effects: ({ site }) => ({ comments: site.issue('OPS-1').comments.length }),
  },
  {
    name: 'set fields as the transitioning user',
    seed: seedFieldsToSet,
    handler: setFieldsPostFunction,
    issueKey: 'OPS-2',
    transitionId: '21',
    configuration: { operations: SET_FIELDS_OPERATIONS, actor: 'transitioning-user' },
    // Jira's history records an edit only when it changes a value: a repeated PUT of the same values is no effect.
    effects: ({ site }) => ({ 'edits in the history': site.issue('OPS-2').history.length }),
  },
  {
    name: 'transition related sub-tasks',
    seed: seedSubTasks,
    handler: transitionRelatedPostFunction,
    issueKey: 'OPS-1',
    transitionId: '21',
    configuration: { target: 'sub-tasks', transitionName: 'Done' },
    effects: ({ site }) => ({ 'OPS-2 moves': moves(site, 'OPS-2'), 'OPS-3 moves': moves(site, 'OPS-3') }),
  },
  {
    name: 'comment falling back to the app after Jira refuses the transitioning user',
    seed: seedRefusedCommenter,
    handler: commentPostFunction,
    issueKey: 'OPS-1',
    transitionId: '11',
    configuration: { template: 'Moved', actor: 'transitioning-user', fallback: 'act-as-app' },
    effects: ({ site }) => ({ comments: site.issue('OPS-1').comments.length }),
    // The footer's "on behalf of" name: without it the footer names the account id.
    bestEffort: ['jira:bulkGetUsers'],
  },
  {
    name: 'transition related with ids resolved at save, falling back to the app after Jira refuses the user',
    seed: seedRefusedMover,
    handler: transitionRelatedPostFunction,
    issueKey: 'OPS-1',
    transitionId: '21',
    configuration: {
      target: 'sub-tasks',
      transitionName: 'Done',
      transitionsByStatus: RESOLVED_DONE,
      actor: 'transitioning-user',
      fallback: 'act-as-app',
    },
    effects: ({ site }) => ({ 'OPS-2 moves': moves(site, 'OPS-2'), 'OPS-3 moves': moves(site, 'OPS-3') }),
  },
  {
    name: 'transition related through a transition still open in its target status',
    seed: seedReopenable,
    handler: transitionRelatedPostFunction,
    issueKey: 'LOOP-1',
    transitionId: '21',
    configuration: { target: 'sub-tasks', transitionName: 'Done' },
    effects: ({ site }) => ({ 'LOOP-2 moves': moves(site, 'LOOP-2') }),
  },
  {
    name: 'create a linked issue in another project, as the app',
    seed: seedIssueCreation,
    handler: createIssuePostFunction,
    issueKey: 'OPS-1',
    transitionId: '21',
    configuration: {
      kind: 'issue',
      projectId: '20000',
      issueTypeId: TASK_TYPE_ID,
      summary: 'Follow up {{issue.key}}',
      copyFields: ['customfield_10050'],
      linkBack: { linkType: 'Blocks' },
    },
    effects: (world) => ({
      'issues created': [...world.site.issues.values()].filter((i) => i.properties.has(CREATED_PROPERTY))
        .length,
      ...linkEffects(world),
    }),
  },
  {
    name: 'link the issues a JQL query finds, as the transitioning user',
    seed: seedIssueCreation,
    handler: linkIssuesPostFunction,
    issueKey: 'OPS-1',
    transitionId: '21',
    configuration: { source: 'jql', jql: 'project = OPS', linkType: 'Relates', actor: 'transitioning-user' },
    effects: linkEffects,
  },
  {
    name: 'assign to project role members in turn, as the app',
    seed: seedRoleToAssign,
    handler: assignPostFunction,
    issueKey: 'OPS-1',
    transitionId: '21',
    configuration: {
      target: 'role',
      roleId: DEVELOPERS_ROLE_ID,
      roleName: 'Developers',
      roleStrategy: 'round-robin',
    },
    effects: ({ site }) => ({
      'assignments in the history': site
        .issue('OPS-1')
        .history.filter((change) => change.items.some((item) => item.field === 'assignee')).length,
    }),
  },
  {
    name: 'copy the sum of the sub-tasks into the issue, as the app',
    seed: seedCopyValues,
    handler: copyFieldValuesPostFunction,
    issueKey: 'OPS-1',
    transitionId: '21',
    configuration: {
      relation: 'sub-tasks',
      pairs: [{ from: COPY_FIELDS.points.id, to: COPY_FIELDS.total.id, aggregation: 'sum' }],
    },
    effects: ({ site }) => ({ 'OPS-1 edits': site.issue('OPS-1').history.length }),
  },
  {
    name: 'copy a date into the sub-tasks, as the transitioning user falling back to the app',
    seed: () => {
      const seeded = seedCopyValues();
      seeded.site.issues.get('OPS-1')!.fields.duedate = '2026-12-24';
      // Jira refuses dev every edit: each sub-task is written by the app, once.
      seeded.site.revoke('EDIT_ISSUES', { accountId: 'dev', projectKey: 'OPS' });
      return seeded;
    },
    handler: copyFieldValuesPostFunction,
    issueKey: 'OPS-1',
    transitionId: '21',
    configuration: {
      direction: 'push',
      relation: 'sub-tasks',
      pairs: [{ from: 'duedate', to: 'duedate' }],
      actor: 'transitioning-user',
      fallback: 'act-as-app',
    },
    effects: ({ site }) => ({
      'OPS-2 edits': site.issue('OPS-2').history.length,
      'OPS-3 edits': site.issue('OPS-3').history.length,
      'OPS-4 edits': site.issue('OPS-4').history.length,
    }),
  },
  {
    name: 'notify through OAuth client credentials, as the app',
    seed: seedSite,
    handler: notifyPostFunction,
    issueKey: 'OPS-1',
    transitionId: '11',
    configuration: {},
    connection: {
      of: clientCredentialsConnection,
      secret: DEFAULT_CLIENT.clientSecret,
      place: 'hook:client-credentials',
    },
    effects: notifications,
  },
  {
    name: 'notify with an API token, reading the issue as the transitioning user',
    seed: seedSite,
    handler: notifyPostFunction,
    issueKey: 'OPS-1',
    transitionId: '11',
    configuration: { actor: 'transitioning-user' },
    connection: { of: apiTokenConnection, secret: 'alice-api-token', place: 'hook:api-token' },
    effects: notifications,
  },
  {
    name: "notify with the transitioning user's own account",
    seed: seedSite,
    handler: notifyPostFunction,
    issueKey: 'OPS-1',
    transitionId: '11',
    configuration: { actor: 'transitioning-user' },
    connection: { of: userAccountConnection, place: 'hook:user-account' },
    effects: notifications,
  },
];

interface Played {
  world: World;
  line: FaultLine;
  report: RetryReport;
}

/** Seeds a fresh world, arms the faults and delivers the event as the platform does, retries included. */
async function play(scenario: PostFunctionScenario, tp: ThirdParty, armed: Armed[]): Promise<Played> {
  tp.state.reset();
  const { site, kvs } = scenario.seed();
  const world = { site, kvs, tp };
  const connection = scenario.connection?.of(tp);
  if (connection) await setUpConnection(site, kvs, connection, scenario.connection?.secret);
  const forge = connection?.auth.kind === 'user-account' ? forgeTokenService(tp) : undefined;
  const line = new FaultLine({
    site,
    tp,
    effects: () => scenario.effects(world),
    armed,
    hookPlace: scenario.connection?.place,
    forge,
  });
  const event = buildPostFunctionEvent(site, {
    issueKey: scenario.issueKey,
    transitionId: scenario.transitionId,
    atlassianId: 'dev',
    configuration: JSON.stringify({
      ...scenario.configuration,
      ...(connection ? { connectionId: connection.id } : {}),
    }),
    postFunctionId: 'pf-under-test',
  });
  const report = await runPlatformRetry(scenario.handler, event, {
    site,
    kvs,
    budgetMs: BUDGET_MS,
    ...(connection
      ? {
          externalFetch: line.fetch,
          externalAuth: forge ? [forge.provider] : [],
          providerFetch: line.providerFetch,
        }
      : {}),
  });
  return { world, line, report };
}

const describeCase = (armed: Armed[]) =>
  armed.map(({ point, fault }) => `${fault.name} at ${point.place}#${point.nth}`).join(', then ');

/**
 * What the rule must have done, next to what it did: the effects (each exactly once, or, after a permanent fault,
 * exactly what existed before the failing call), one audit entry per delivery with the fault's code, and nothing
 * left to the platform's retry.
 */
function judge(scenario: PostFunctionScenario, once: Effects, armedAsPlanned: Armed[], played: Played) {
  const { world, line, report } = played;
  const armed = armedAsPlanned.map((a) =>
    scenario.bestEffort?.includes(a.point.place)
      ? { ...a, fault: { ...a.fault, outcome: { kind: 'recovered' as const } } }
      : a,
  );
  const entries = auditEntries(world.kvs);
  const failing = armed.find(({ fault }) => fault.outcome.kind === 'failed');
  const hit = armed.map(({ point }) =>
    line.trace.some((call) => call.place === point.place && call.nth === point.nth),
  );
  const failedAt = failing
    ? line.trace.find((call) => call.place === failing.point.place && call.nth === failing.point.nth)
    : undefined;
  // Each effect at most once; a fault may name an honest exception (see SERVICE_FAULTS).
  const ceiling: Effects = Object.assign({}, once, ...armed.map(({ fault }) => fault.effects ?? {}));
  const beyondCeiling = (effects: Effects) =>
    Object.keys(effects).filter((key) => (effects[key] ?? 0) > (ceiling[key] ?? 1));
  const label = (outcome: string, code: string | undefined) => `${outcome}${code ? ` ${code}` : ''}`;
  const expected = {
    case: describeCase(armed),
    faultsHit: armed.map(() => true),
    // After a permanent fault: exactly what existed before the failing call, itself never doubled.
    effects: failing ? (failedAt?.before ?? {}) : ceiling,
    doubledBeforeTheFailure: [],
    audit: [
      ...armed.flatMap(({ fault }) =>
        fault.outcome.kind === 'retried' ? [label('retrying', fault.outcome.code)] : [],
      ),
      failing?.fault.outcome.kind === 'failed' ? label('failed', failing.fault.outcome.code) : 'applied',
    ].sort(),
    refusedCallsAudited: armed.flatMap(({ fault }) =>
      fault.outcome.kind === 'recovered' && fault.outcome.refused ? [fault.outcome.refused] : [],
    ),
    // A failed entry never claims that nothing was applied when something was.
    deniesAnAppliedEffect: false,
    exhausted: false,
  };
  const actual = {
    case: expected.case,
    faultsHit: hit,
    effects: scenario.effects(world),
    doubledBeforeTheFailure: failedAt ? beyondCeiling(failedAt.before) : [],
    audit: entries.map((entry) => label(entry.outcome, entry.error?.code)).sort(),
    refusedCallsAudited: expected.refusedCallsAudited.filter((status) =>
      entries.some((entry) => entry.calls.some((call) => call.status === status)),
    ),
    deniesAnAppliedEffect:
      Object.values(failedAt?.before ?? {}).some((count) => count > 0) &&
      entries.some(
        (entry) => entry.outcome === 'failed' && entry.summary.startsWith('The effect was not applied'),
      ),
    exhausted: report.exhausted,
  };
  return { expected, actual };
}

/** Cases run, by matrix: with none, "nothing lost, nothing doubled" would pass by itself. */
const casesRun = new Map<string, number>();
/**
 * The cases the matrices produce today (every fault at every call of a clean run: 507, 22 of them at the "Only
 * if" evaluation (one also reading a template's field value) and 8 at the read of the user field a post-function
 * acts as; at calls only a recovery makes: 162, since the comment's retry looks up its earlier comment with two
 * documented calls, Get comments and Get comments by IDs): fewer means a fault, a call or a scenario dropped out of
 * the proof. (Acting as the user lost its permission pre-check; the refusals Jira answers the user, then the app's
 * fallback, have scenarios of their own.)
 */
const MATRIX_CASES = { clean: 507, recovery: 162 };

/** Runs every case and reports all mismatches at once, so one broken cell does not hide the others. */
async function matrix(
  scenario: PostFunctionScenario,
  tp: ThirdParty,
  once: Effects,
  cases: Armed[][],
  kind: keyof typeof MATRIX_CASES,
): Promise<void> {
  casesRun.set(`${kind}: ${scenario.name}`, cases.length);
  const mismatches: unknown[] = [];
  for (const armed of cases) {
    const { expected, actual } = judge(scenario, once, armed, await play(scenario, tp, armed));
    if (!isDeepStrictEqual(actual, expected)) mismatches.push({ expected, actual });
  }
  expect(mismatches).toEqual([]);
}

/**
 * Faults after which the rule takes a path a clean run does not: a lost answer (the retry looks for what the
 * earlier delivery did) and a recovery within the invocation (a new token, then the request again).
 */
const isPrelude = (fault: FaultCase) => fault.name === 'lost answer' || fault.outcome.kind === 'recovered';

/**
 * The cases at calls only a recovery makes: each prelude fault, then every fault at each call its recovery adds.
 * After a lost answer that is each place a clean run never calls (the retry's other calls repeat the clean run's);
 * within an invocation's recovery, each further call (the renewed token's request, the request sent again).
 */
async function recoveryCases(scenario: PostFunctionScenario, tp: ThirdParty, clean: Played) {
  const key = (call: CallPoint) => `${call.place}#${call.nth}`;
  const places = new Set(clean.line.trace.map((call) => call.place));
  const calls = new Set(clean.line.trace.map(key));
  const cases: Armed[][] = [];
  for (const point of clean.line.trace) {
    for (const fault of faultsAt(point).filter(isPrelude)) {
      const prelude: Armed = { point, fault };
      const probe = await play(scenario, tp, [prelude]);
      for (const call of probe.line.trace) {
        const added = fault.outcome.kind === 'recovered' ? !calls.has(key(call)) : !places.has(call.place);
        if (!added) continue;
        places.add(call.place);
        calls.add(key(call));
        // A second recovery right after the first is not one: a request gets one renewal, by design.
        const next = faultsAt(call).filter((other) => other.outcome.kind !== 'recovered');
        cases.push(...next.map((other) => [prelude, { point: call, fault: other }]));
      }
    }
  }
  return cases;
}

describe('fault injection at every call of every post-function', () => {
  let tp: ThirdParty;
  beforeAll(async () => {
    tp = await startThirdParty();
  });
  afterAll(() => tp.close());

  describe.each(POST_FUNCTIONS.map((scenario) => [scenario.name, scenario] as const))(
    '%s',
    (_name, scenario) => {
      let clean: Played;
      let once: Effects;
      beforeAll(async () => {
        clean = await play(scenario, tp, []);
        once = scenario.effects(clean.world);
      });

      it('applies each effect exactly once without faults', () => {
        // The clean run is the matrix's map: it must have called Jira (or the service) and written something.
        expect(clean.line.trace.length).toBeGreaterThan(0);
        expect(clean.line.trace.some((call) => call.write)).toBe(true);
        expect(Object.keys(once).length).toBeGreaterThan(0);
        expect(Object.values(once).every((count) => count === 1)).toBe(true);
        expect(auditEntries(clean.world.kvs).map((entry) => entry.outcome)).toEqual(['applied']);
      });

      it('loses and doubles nothing under every fault at every call, and audits each', async () => {
        const points: CallPoint[] = clean.line.trace;
        await matrix(
          scenario,
          tp,
          once,
          points.flatMap((point) => faultsAt(point).map((fault) => [{ point, fault }])),
          'clean',
        );
        expect(casesRun.get(`clean: ${scenario.name}`)).toBeGreaterThan(0);
      });

      it('does the same at every call only a recovery makes', async () => {
        await matrix(scenario, tp, once, await recoveryCases(scenario, tp, clean), 'recovery');
      });
    },
  );

  it('ran every case it states (a matrix with none proves nothing)', () => {
    const total = (kind: keyof typeof MATRIX_CASES) =>
      [...casesRun].filter(([key]) => key.startsWith(`${kind}:`)).reduce((sum, [, n]) => sum + n, 0);
    process.stdout.write(`fault-injection matrix: ${JSON.stringify(Object.fromEntries(casesRun))}\n`);
    expect(casesRun.size).toBe(POST_FUNCTIONS.length * 2);
    expect({ clean: total('clean'), recovery: total('recovery') }).toEqual(MATRIX_CASES);
  });
});

/** The calls that learn the reader's language for a message (src/access/texts.ts). */
const LANGUAGE_LOOKUPS = ['jira:getLocale', 'jira:getUser'];

interface ValidatorScenario {
  name: string;
  seed(): Seeded;
  handler: Parameters<typeof runValidator>[0];
  payload(site: JiraSite, failurePolicy: 'block' | 'allow'): ValidatorPayload;
}

const VALIDATORS: ValidatorScenario[] = [
  {
    name: 'fields requirement',
    seed: seedSite,
    handler: fieldsRequirementValidator,
    payload: (_site, failurePolicy) => ({
      issue: { key: 'OPS-1' },
      configuration: JSON.stringify({
        failurePolicy,
        requirements: [{ fieldId: 'description', fieldName: 'Description', condition: 'not-empty' }],
      }),
      transition: { from: { id: '1' }, to: { id: '3' } },
    }),
  },
  {
    name: 'related issues',
    seed: seedRelatedIssues,
    handler: relatedIssuesValidator,
    payload: (site, failurePolicy) => ({
      issue: { key: 'OPS-1' },
      configuration: JSON.stringify({
        failurePolicy,
        subtasks: true,
        parent: true,
        links: [{ linkType: 'Blocks', direction: 'is blocked by' }],
      }),
      transition: {
        from: { id: site.requireStatus('To Do').id },
        to: { id: site.requireStatus('Done').id },
      },
    }),
  },
];

describe('fault injection at every call of every function validator', () => {
  describe.each(VALIDATORS.map((scenario) => [scenario.name, scenario] as const))('%s', (_name, scenario) => {
    it.each(['block', 'allow'] as const)(
      'every fault at every call ends in failure policy "%s", with the failure audited',
      async (failurePolicy) => {
        const probe = scenario.seed();
        const line = new FaultLine({ site: probe.site, effects: () => ({}), armed: [] });
        forgetLocales();
        await runValidator(scenario.handler, scenario.payload(probe.site, failurePolicy), {
          ...probe,
          budgetMs: BUDGET_MS,
        });
        expect(line.trace.length).toBeGreaterThan(0);
        const cases = line.trace.flatMap((point) => faultsAt(point));
        expect(cases.length).toBeGreaterThanOrEqual(line.trace.length);
        const mismatches: unknown[] = [];
        for (const point of line.trace) {
          for (const fault of faultsAt(point)) {
            const { site, kvs } = scenario.seed();
            new FaultLine({ site, effects: () => ({}), armed: [{ point, fault }] });
            // Every run learns the language anew, so that the lookup is where the probe saw it.
            forgetLocales();
            const result = await runValidator(scenario.handler, scenario.payload(site, failurePolicy), {
              site,
              kvs,
              budgetMs: BUDGET_MS,
            });
            const entries = auditEntries(kvs);
            const code = fault.outcome.kind === 'recovered' ? undefined : fault.outcome.code;
            const actual = {
              case: describeCase([{ point, fault }]),
              result: result.result,
              said: result.errorMessage?.startsWith(
                'Workflow Guard could not check this transition, so it was blocked.',
              ),
              audit: entries.map((entry) => [entry.outcome, entry.error?.code]),
            };
            // The language lookup words a verdict already reached (src/access/texts.ts): a fault there leaves the
            // rule's verdict and its audit entry as they were, and the message is said in English.
            const expected = LANGUAGE_LOOKUPS.includes(point.place)
              ? {
                  case: actual.case,
                  result: false,
                  said: false,
                  audit: [['blocked', undefined]],
                }
              : {
                  case: actual.case,
                  result: failurePolicy === 'allow',
                  said: failurePolicy === 'allow' ? undefined : true,
                  audit: [[failurePolicy === 'allow' ? 'allowed' : 'blocked', code]],
                };
            if (!isDeepStrictEqual(actual, expected)) mismatches.push({ expected, actual });
          }
        }
        expect(mismatches).toEqual([]);
      },
    );
  });
});
