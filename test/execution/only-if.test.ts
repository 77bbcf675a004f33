import { buildPostFunctionEvent, runPostFunction, type MemoryKvs } from '../harness';
import type { JiraSite } from '../emulator';
import { ruleCatalog } from '../../src/rules/catalog';
import { validatorConfigResolver } from '../../src/rules/validator-config';
import { loadAppModules } from '../../sandbox/app-modules';
import { startThirdParty, type ThirdParty } from '../third-party';
import { apiTokenConnection, delivered, setUpConnection, viaLoopback } from '../connections/support';
import { auditEntries } from '../support/audit';
import { CREATED_PROPERTY } from '../../src/rules/create-issue/plan';
import {
  COPY_FIELDS,
  SET_FIELDS_OPERATIONS,
  seedFieldsToSet,
  seedCopyValues,
  seedIssueCreation,
  seedSite,
  seedSubTasks,
} from '../support/seed';

/**
 * "Only if" on every post-function (issue #17): the post-functions come from the catalogue, so a new one fails
 * here until it has a scenario, and each is run with its "Only if" true, false and rejected by Jira at run time.
 * Effects are counted from the emulated site or the third party, never from what the app says.
 */
interface World {
  site: JiraSite;
  kvs: MemoryKvs;
  tp: ThirdParty;
}

interface Scenario {
  seed(): { site: JiraSite; kvs: MemoryKvs };
  issueKey: string;
  transitionId: string;
  /** The rule's own settings, which make exactly one effect when it acts (from the site when they name its ids). */
  configuration: Record<string, unknown> | ((site: JiraSite) => Record<string, unknown>);
  /** Notify's connection, saved and allowed in OPS before the run. */
  connection?: boolean;
  effects(world: World): number;
}

const moves = (site: JiraSite, key: string) =>
  site.issue(key).history.filter((change) => change.items.some((item) => item.field === 'status')).length;

const SCENARIOS: Readonly<Record<string, Scenario>> = {
  comment: {
    seed: seedSite,
    issueKey: 'OPS-1',
    transitionId: '11',
    configuration: { template: 'Moved' },
    effects: ({ site }) => site.issue('OPS-1').comments.length,
  },
  'set-fields': {
    seed: seedFieldsToSet,
    issueKey: 'OPS-2',
    transitionId: '21',
    configuration: { operations: SET_FIELDS_OPERATIONS },
    effects: ({ site }) => site.issue('OPS-2').history.length,
  },
  'transition-related': {
    seed: seedSubTasks,
    issueKey: 'OPS-1',
    transitionId: '21',
    configuration: { target: 'sub-tasks', transitionName: 'Done' },
    effects: ({ site }) => moves(site, 'OPS-2'),
  },
  notify: {
    seed: seedSite,
    issueKey: 'OPS-1',
    transitionId: '11',
    configuration: { connectionId: 'ops-hook' },
    connection: true,
    effects: ({ tp }) => delivered(tp).length,
  },
  'create-issue': {
    seed: seedIssueCreation,
    issueKey: 'OPS-1',
    transitionId: '21',
    configuration: (site) => ({
      projectId: '20000',
      issueTypeId: site.issueTypes.get('Task')!.id,
      summary: 'Follow up {{issue.key}}',
      copyFields: ['customfield_10050'],
    }),
    effects: ({ site }) => [...site.issues.values()].filter((i) => i.properties.has(CREATED_PROPERTY)).length,
  },
  'link-issues': {
    seed: seedIssueCreation,
    issueKey: 'OPS-1',
    transitionId: '21',
    configuration: { source: 'jql', jql: 'key = OPS-5', linkType: 'Blocks' },
    effects: ({ site }) => site.links.length,
  },
  assign: {
    seed: seedIssueCreation,
    issueKey: 'OPS-1',
    transitionId: '21',
    configuration: { target: 'reporter' },
    effects: ({ site }) => (site.issue('OPS-1').assignee === 'dev' ? 1 : 0),
  },
  'copy-field-values': {
    seed: seedCopyValues,
    issueKey: 'OPS-1',
    transitionId: '21',
    configuration: {
      relation: 'sub-tasks',
      pairs: [{ from: COPY_FIELDS.points.id, to: COPY_FIELDS.total.id, aggregation: 'sum' }],
    },
    effects: ({ site }) => site.issue('OPS-1').history.length,
  },
};

const modules = loadAppModules();
const POST_FUNCTIONS = ruleCatalog.filter((rule) => rule.kind === 'post-function').map((rule) => rule.key);

describe('"Only if" on every post-function in the catalogue', () => {
  let tp: ThirdParty;
  beforeAll(async () => {
    tp = await startThirdParty();
  });
  afterAll(() => tp.close());
  beforeEach(() => tp.state.reset());

  it('has a scenario and a handler for every post-function the catalogue lists', () => {
    expect(POST_FUNCTIONS.length).toBeGreaterThanOrEqual(4);
    expect(POST_FUNCTIONS.filter((key) => !SCENARIOS[key] || !modules.get(key)?.handler)).toEqual([]);
  });

  it('gives every post-function screen the resolver that analyses "Only if" and runs the tester', () => {
    expect(
      POST_FUNCTIONS.filter((key) => modules.get(key)?.resolver !== (validatorConfigResolver as unknown)),
    ).toEqual([]);
  });

  async function run(key: string, settings: Record<string, unknown>) {
    const scenario = SCENARIOS[key]!;
    const { site, kvs } = scenario.seed();
    if (scenario.connection) await setUpConnection(site, kvs, apiTokenConnection(tp), 'alice-api-token');
    const configuration =
      typeof scenario.configuration === 'function' ? scenario.configuration(site) : scenario.configuration;
    const event = buildPostFunctionEvent(site, {
      issueKey: scenario.issueKey,
      transitionId: scenario.transitionId,
      atlassianId: 'dev',
      configuration: JSON.stringify({ ...configuration, ...settings }),
      postFunctionId: `pf-${key}`,
    });
    const handler = modules.get(key)!.handler as Parameters<typeof runPostFunction>[0];
    await runPostFunction(handler, event, { site, kvs, ...viaLoopback });
    const world = { site, kvs, tp };
    const evaluations = site.calls.filter((call) => call.operationId === 'evaluateJSISJiraExpression');
    return { ...world, scenario, effects: scenario.effects(world), evaluations, entries: auditEntries(kvs) };
  }

  describe.each(POST_FUNCTIONS)('%s', (key) => {
    it('acts when the expression is true, after one evaluation as the acting identity', async () => {
      const issueKey = SCENARIOS[key]!.issueKey;
      const { effects, evaluations, entries } = await run(key, { onlyIf: `issue.key == "${issueKey}"` });
      expect(effects).toBe(1);
      expect(evaluations.map((call) => [call.identity.kind, call.method, call.status])).toEqual([
        ['app', 'POST', 200],
      ]);
      expect(entries.map((entry) => entry.outcome)).toEqual(['applied']);
    });

    it('does nothing when it is false, and records the execution as skipped with the reason', async () => {
      const { site, effects, evaluations, entries, scenario } = await run(key, {
        onlyIf: 'issue.key == "NOPE-1"',
      });
      expect(effects).toBe(0);
      expect(evaluations).toHaveLength(1);
      // Nothing but the evaluation (and, for Notify, nothing at the service): no write reached Jira.
      expect(site.calls.filter((call) => call.method !== 'GET' && call !== evaluations[0])).toEqual([]);
      expect(entries).toEqual([
        expect.objectContaining({
          outcome: 'skipped',
          summary: `Only if “issue.key == "NOPE-1"” was false for ${scenario.issueKey} (evaluated as the Workflow Guard app's bot user): nothing was done`,
        }),
      ]);
    });

    it('fails visibly when Jira rejects the expression at run time, and acts on nothing', async () => {
      const { effects, entries, scenario } = await run(key, { onlyIf: 'issue.parent.key == "OPS-10"' });
      expect(effects).toBe(0);
      expect(entries).toEqual([
        expect.objectContaining({
          outcome: 'failed',
          summary: 'The effect was not applied',
          error: expect.objectContaining({
            code: 'INVALID_INPUT',
            message: expect.stringContaining(
              `Jira rejected the post-function's "Only if" expression “issue.parent.key == "OPS-10"” for ${scenario.issueKey}: Evaluation failed: "issue.parent.key" - Type null does not have any properties. Correct it in the post-function's settings in the workflow editor.`,
            ),
          }),
        }),
      ]);
    });
  });

  it('evaluates as the transitioning user when the post-function acts as them (user is who acts)', async () => {
    const asUser = await run('comment', { actor: 'transitioning-user', onlyIf: 'user.accountId == "dev"' });
    expect(asUser.evaluations.map((call) => call.identity)).toEqual([
      { kind: 'impersonated', accountId: 'dev' },
    ]);
    expect(asUser.effects).toBe(1);
    const asApp = await run('comment', { actor: 'app', onlyIf: 'user.accountId == "dev"' });
    expect(asApp.effects).toBe(0);
    expect(asApp.entries[0]).toMatchObject({ outcome: 'skipped', actor: { kind: 'app' } });
  });

  it('reports a rejected expression on the issue when the rule reports failures there', async () => {
    const { site, entries } = await run('set-fields', {
      onlyIf: 'issue.parent.key == "OPS-10"',
      reportFailureOnIssue: true,
    });
    expect(site.issue('OPS-2').history).toEqual([]);
    expect(
      site
        .issue('OPS-2')
        .comments.map((comment) => comment.text)
        .join('\n'),
    ).toContain('Jira rejected the post-function\'s "Only if" expression');
    expect(entries[0]?.summary).toBe(
      'The effect was not applied; the failure was reported in a comment on the issue',
    );
  });

  it('fails, naming the value, when the expression is not true or false', async () => {
    const { effects, entries } = await run('comment', { onlyIf: 'issue.key' });
    expect(effects).toBe(0);
    expect(entries[0]?.error?.message).toContain(
      'The post-function\'s "Only if" expression “issue.key” returned "OPS-1" for OPS-1, not true or false',
    );
  });

  it('makes no evaluation without "Only if", and refuses a blank one as an invalid configuration', async () => {
    expect((await run('comment', {})).evaluations).toEqual([]);
    const blank = await run('comment', { onlyIf: '   ' });
    expect(blank.effects).toBe(0);
    expect(blank.entries[0]).toMatchObject({ outcome: 'failed', summary: 'Invalid rule configuration' });
  });
});
