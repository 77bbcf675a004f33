import type { JiraSite } from '../emulator';
import type { MemoryKvs } from '../harness';
import { startThirdParty, type ThirdParty } from '../third-party';
import { apiTokenConnection, setUpConnection, viaLoopback } from '../connections/support';
import type { HealthProblemView } from '../../src/shared/health';
import { APPROVER, revokeFromBotIn, runCheck, seedHealthSite, STORY_POINTS } from './health-site';

const workflowLink =
  '/secure/admin/workflows/ViewWorkflowSteps.jspa?workflowMode=live&workflowName=Ops%20flow';

describe('health check: each broken reference is found with its fix', () => {
  let tp: ThirdParty;
  let site: JiraSite;
  let kvs: MemoryKvs;

  beforeAll(async () => {
    tp = await startThirdParty();
  });
  afterAll(() => tp.close());
  beforeEach(async () => {
    ({ site, kvs } = seedHealthSite());
    tp.state.reset();
    await setUpConnection(site, kvs, apiTokenConnection(tp), 'bob-api-token');
  });

  const check = () => runCheck(site, kvs, viaLoopback);
  const onFinish = (rule: string) => ({
    workflow: { id: expect.any(String), name: 'Ops flow' },
    transition: { id: '21', name: 'Finish' },
    rule: expect.objectContaining({ key: rule }),
  });
  const only = (problems: HealthProblemView[]) =>
    problems.map((p) => `${p.kind} ${p.rule?.key ?? '-'}`).sort();

  it('reports nothing on a healthy site, and says when it ran and what it read', async () => {
    const report = await check();
    expect(report.problems).toEqual([]);
    expect(report.lastRun).toMatchObject({
      trigger: 'admin-page',
      workflows: expect.any(Number),
      rules: 8,
    });
  });

  it('finds a deleted field in every rule that names it', async () => {
    site.deleteField(STORY_POINTS);
    const { problems } = await check();
    expect(only(problems)).toEqual(['field fields-requirement', 'field set-fields']);
    expect(problems).toContainEqual(
      expect.objectContaining({
        ...onFinish('fields-requirement'),
        problem: `Field ${STORY_POINTS}, the field "Story points" it requires, no longer exists in Jira.`,
        fix: expect.stringContaining(
          'Edit the Fields requirement rule on transition "Finish" and choose another field',
        ),
        fixAt: { label: 'Jira settings › Issues › Workflows › Ops flow', href: workflowLink },
      }),
    );
  });

  it('finds a field whose type no longer fits the value Set fields writes', async () => {
    site.fieldDefs.set(STORY_POINTS, {
      id: STORY_POINTS,
      name: 'Story points',
      custom: true,
      schemaType: 'string',
    });
    const { problems } = await check();
    expect(problems).toEqual([
      expect.objectContaining({
        ...onFinish('set-fields'),
        kind: 'field',
        problem: expect.stringContaining(
          'is now string, which the configured value does not fit (it needs number)',
        ),
      }),
    ]);
  });

  it('finds a renamed group', async () => {
    site.renameGroup('release-managers', 'release-leads');
    const { problems } = await check();
    expect(problems).toEqual([
      expect.objectContaining({
        ...onFinish('who-may-transition'),
        kind: 'group',
        problem: expect.stringContaining(
          'Group "release-managers", a group allowed to make the transition, no longer exists',
        ),
        fix: expect.stringContaining("choose the group's new name"),
      }),
    ]);
  });

  it('finds a removed link type in both rules that use it', async () => {
    site.removeLinkType('Blocks');
    const { problems } = await check();
    expect(only(problems)).toEqual(['link-type related-issues', 'link-type transition-related']);
    expect(problems[0]).toMatchObject({
      problem: expect.stringContaining('Link type "Blocks"'),
      fix: expect.stringContaining('add the link type back (Jira settings › Issues › Issue linking)'),
    });
  });

  it('finds a renamed transition that Transition related moves issues through', async () => {
    site.editWorkflow('Ops flow', (w) => {
      const finish = w.transitions.find((t) => t.id === '21');
      if (finish) finish.name = 'Complete';
    });
    const { problems } = await check();
    expect(problems).toEqual([
      expect.objectContaining({
        kind: 'transition',
        transition: { id: '21', name: 'Complete' },
        rule: expect.objectContaining({ key: 'transition-related' }),
        problem: expect.stringContaining('No workflow has a transition named "Finish" any more'),
      }),
    ]);
  });

  it('finds a permission revoked from the bot in one project, naming that project and its permission page', async () => {
    revokeFromBotIn(site, 'ADD_COMMENTS', 'FIN');
    const { problems } = await check();
    expect(problems).toEqual([
      expect.objectContaining({
        ...onFinish('comment'),
        kind: 'bot-permission',
        projects: [{ id: site.requireProject('FIN').id, key: 'FIN' }],
        problem: `The app's bot user lacks "Add comments" in project FIN, which Comment needs when it acts as the app there.`,
        fixAt: {
          label: 'Project settings › Permissions of FIN',
          href: '/plugins/servlet/project-config/FIN/permissions',
        },
      }),
    ]);
  });

  it('finds a scope the installation was not granted', async () => {
    const { problems } = await runCheck(site, kvs, {
      ...viaLoopback,
      scopes: ['read:jira-work', 'write:jira-work', 'read:jira-user', 'storage:app'],
    });
    expect(problems).toContainEqual(
      expect.objectContaining({
        kind: 'scope',
        problem: expect.stringContaining(
          'Scope manage:jira-configuration is not granted to this installation',
        ),
        fixAt: { label: 'Jira settings › Apps › Manage apps', href: '/plugins/servlet/upm' },
      }),
    );
  });

  it('finds a connection host that is not approved', async () => {
    ({ site, kvs } = seedHealthSite());
    await setUpConnection(site, kvs, apiTokenConnection(tp), 'bob-api-token', { approveHosts: false });
    const { problems } = await check();
    expect(problems).toEqual([
      expect.objectContaining({
        ...onFinish('notify'),
        kind: 'egress',
        problem: expect.stringContaining(
          `Connection "Ops hook" sends to ${new URL(tp.url).origin}, which is not approved`,
        ),
        fix: expect.stringContaining('Approve hosts'),
        fixAt: { label: 'Workflow Guard admin page › Secrets and connections', href: 'app:connections' },
      }),
    ]);
  });

  it('finds a connection that does not answer its test', async () => {
    tp.state.failNext({ status: 503, times: 50 });
    const { problems } = await runCheck(site, kvs, { ...viaLoopback, budgetMs: 3_000 });
    expect(problems).toEqual([
      expect.objectContaining({
        ...onFinish('notify'),
        kind: 'connection-test',
        problem: expect.stringContaining('Connection "Ops hook" did not answer its test notification'),
      }),
    ]);
  });

  it('finds the expressions Jira no longer accepts because a field they name was deleted', async () => {
    site.deleteField(APPROVER);
    const { problems } = await check();
    expect(only(problems)).toEqual(['expression comment', 'expression custom-expression']);
    expect(problems).toContainEqual(
      expect.objectContaining({
        ...onFinish('custom-expression'),
        problem: expect.stringContaining(
          `Jira no longer accepts its expression: Unrecognized property of \`issue\`: "${APPROVER}"`,
        ),
      }),
    );
    expect(problems).toContainEqual(
      expect.objectContaining({
        ...onFinish('comment'),
        problem: expect.stringContaining('Jira no longer accepts its "Only if" expression'),
      }),
    );
  });
});
