import type { JiraSite } from '../emulator';
import { callResolver, runTrigger, withInvocation, type MemoryKvs } from '../harness';
import { auditEntries } from '../support/audit';
import { startThirdParty, type ThirdParty } from '../third-party';
import { apiTokenConnection, setUpConnection, viaLoopback } from '../connections/support';
import { forgeRule } from '../pages/admin/admin-site';
import { pageContext } from '../settings/project-site';
import { forgeStore } from '../../src/access/kv-store';
import { storageKeys } from '../../src/access/storage-keys';
import { healthCheckScheduled } from '../../src/health/scheduled';
import { projectSettingsResolver } from '../../src/pages/project-settings';
import type { ExecutionsView } from '../../src/shared/admin-page';
import type { HealthReportView } from '../../src/shared/health';
import { adminCall, revokeFromBotIn, seedHealthSite } from './health-site';

const DAY = 24 * 3_600_000;
/** What the docs show a scheduled trigger's function receiving: `({ context })`. */
const scheduledEvent = { context: { cloudId: 'cloud', moduleKey: 'health-check' } };

/** 48 workflows besides "Ops flow" and the default one; every tenth carries a Comment post-function and is used by a project of its own. */
function seedFiftyWorkflows(site: JiraSite): void {
  for (let n = 1; n <= 48; n += 1) {
    const withRule = n % 10 === 0;
    if (withRule) site.addProject({ key: `P${n}`, name: `Project ${n}` });
    site.addWorkflow({
      name: `Flow ${n}`,
      statuses: [
        { name: 'To Do', category: 'new' },
        { name: 'Done', category: 'done' },
      ],
      transitions: [
        {
          id: '11',
          name: 'Finish',
          from: ['To Do'],
          to: 'Done',
          postFunctions: withRule ? [forgeRule('comment', { template: 'Done.' })] : [],
        },
      ],
      ...(withRule ? { projects: [`P${n}`] } : {}),
    });
  }
}

describe('scheduled health check', () => {
  let tp: ThirdParty;
  let site: JiraSite;
  let kvs: MemoryKvs;

  beforeAll(async () => {
    tp = await startThirdParty();
  });
  afterAll(() => tp.close());
  beforeEach(async () => {
    ({ site, kvs } = seedHealthSite());
    seedFiftyWorkflows(site);
    await setUpConnection(site, kvs, apiTokenConnection(tp), 'bob-api-token');
  });

  const scheduled = async () => {
    site.resetCalls();
    await runTrigger(healthCheckScheduled, scheduledEvent, { site, kvs, ...viaLoopback });
    const counts: Record<string, number> = {};
    for (const { operationId = 'not in the spec' } of site.calls)
      counts[operationId] = (counts[operationId] ?? 0) + 1;
    return counts;
  };
  /** The next day: the last run is moved a day back, as if it ran yesterday. */
  const nextDay = () =>
    withInvocation({ site, kvs }, async () => {
      const state = await forgeStore.get<{ lastRun: { at: string } }>(storageKeys.healthState);
      if (!state) throw new Error('no health state');
      await forgeStore.set(storageKeys.healthState, {
        ...state,
        lastRun: { ...state.lastRun, at: new Date(Date.parse(state.lastRun.at) - DAY).toISOString() },
      });
    });
  const report = () => adminCall<HealthReportView>(site, kvs, 'getHealth');

  it('costs a fixed handful of Jira calls for 50 workflows, and only a listing plus the checks when nothing changed', async () => {
    expect(site.workflows.size).toBe(50);
    // First run: every workflow read once, 25 per request.
    expect(await scheduled()).toEqual({
      searchWorkflows: 1,
      readWorkflows: 2,
      getProjectUsagesForWorkflow: 5, // the 5 workflows carrying rules
      getFields: 1,
      getIssueLinkTypes: 1,
      bulkGetGroups: 1,
      getAllProjectRoles: 1,
      analyseExpression: 2, // validators' expressions, and post-functions' "Only if"
      getBulkPermissions: 1,
    });
    // The platform may deliver the trigger twice: a run right after another asks Jira nothing.
    expect(await scheduled()).toEqual({});

    await nextDay();
    const unchanged = await scheduled();
    expect(unchanged.readWorkflows).toBeUndefined();
    expect(Object.values(unchanged).reduce((a, b) => a + b, 0)).toBe(13);

    await nextDay();
    site.editWorkflow('Flow 20', (w) => {
      const finish = w.transitions[0];
      if (finish) finish.postFunctions = [forgeRule('comment', { template: 'Finished, thanks.' })];
    });
    expect((await scheduled()).readWorkflows).toBe(1);
    const bodies = site.calls.filter((c) => c.operationId === 'readWorkflows');
    expect(bodies).toHaveLength(1);

    const { lastRun } = await report();
    expect(lastRun).toMatchObject({
      trigger: 'scheduled',
      workflows: 50,
      workflowsReread: 1,
      rules: 12,
      jiraCalls: 14,
    });
  });

  it('audits each new problem once, as a failure the counters count, and the admin page shows the last run', async () => {
    await scheduled();
    expect(auditEntries(kvs).filter((e) => e.module === 'health-check')).toEqual([]);

    await nextDay();
    revokeFromBotIn(site, 'ADD_COMMENTS', 'P30');
    await scheduled();
    const audited = auditEntries(kvs).filter((e) => e.module === 'health-check');
    expect(audited).toEqual([
      expect.objectContaining({
        rule: 'comment',
        projectKey: 'P30',
        outcome: 'failed',
        actor: { kind: 'app' },
        summary: expect.stringContaining(
          'Workflow "Flow 30", transition "Finish", Comment: The app\'s bot user lacks "Add comments" in project P30',
        ),
        error: expect.objectContaining({
          code: 'HEALTH_PROBLEM',
          message: expect.stringContaining('Fix: Grant "Add comments"'),
        }),
      }),
    ]);
    const executions = await adminCall<ExecutionsView>(site, kvs, 'getExecutions');
    expect(executions.failures.last24Hours).toBe(1);

    // Still broken the next day: known, so not audited again.
    await nextDay();
    await scheduled();
    expect(auditEntries(kvs).filter((e) => e.module === 'health-check')).toHaveLength(1);
    const { lastRun, problems } = await report();
    expect(lastRun?.trigger).toBe('scheduled');
    expect(problems).toHaveLength(1);
    expect((problems[0]?.firstSeen ?? '') < (lastRun?.at ?? '')).toBe(true);
  });

  it("shows a project's admin only the problems of rules that run in their project", async () => {
    revokeFromBotIn(site, 'ADD_COMMENTS', 'P30');
    site.renameGroup('release-managers', 'release-leads'); // in "Ops flow", used by OPS and FIN
    await scheduled();
    const projectHealth = async (key: string, accountId: string) => {
      const envelope = (await callResolver(
        projectSettingsResolver,
        'getProjectHealth',
        {},
        pageContext(site, accountId, key),
        { site, kvs },
      )) as { ok: true; data: HealthReportView };
      return envelope.data.problems.map((p) => p.kind);
    };
    expect(await projectHealth('FIN', 'fin-lead')).toEqual(['group']);
    expect(await projectHealth('P30', 'admin')).toEqual(['bot-permission']);
  });
});
