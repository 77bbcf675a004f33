import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { buildPostFunctionEvent, MANIFEST_PATH, runPostFunction } from '../harness';
import { commentPostFunction } from '../../src/rules/comment';
import { notifyPostFunction } from '../../src/rules/notify';
import { setFieldsPostFunction } from '../../src/rules/set-fields';
import { transitionRelatedPostFunction } from '../../src/rules/transition-related';
import { auditEntries } from '../support/audit';
import { seedTeamManagedSite } from '../support/seed';
import { apiTokenConnection, delivered, setUpConnection, viaLoopback } from '../connections/support';
import { startThirdParty, type ThirdParty } from '../third-party';
import type { JiraSite } from '../emulator';

/**
 * Every post-function in a team-managed project (manifest `projectTypes`), where the workflow is the project's own
 * and the parent is the `parent` field at every level: epic OPS-10 › story OPS-1 › sub-task OPS-2; story OPS-3.
 */
describe('post-functions in a team-managed project', () => {
  let site: JiraSite;
  let kvs: ReturnType<typeof seedTeamManagedSite>['kvs'];
  beforeEach(() => {
    ({ site, kvs } = seedTeamManagedSite());
  });

  const event = (issueKey: string, configuration: object, transitionId = '21') =>
    buildPostFunctionEvent(site, {
      issueKey,
      transitionId,
      atlassianId: 'dev',
      configuration: JSON.stringify(configuration),
      postFunctionId: 'pf-team',
    });

  it('is offered there: every post-function module lists team-managed among its project types', () => {
    const manifest = parse(readFileSync(MANIFEST_PATH, 'utf8')) as {
      modules: { 'jira:workflowPostFunction': { key: string; projectTypes?: string[] }[] };
    };
    expect(manifest.modules['jira:workflowPostFunction'].map((m) => [m.key, m.projectTypes])).toEqual(
      [
        'comment',
        'set-fields',
        'transition-related',
        'create-issue',
        'link-issues',
        'assign',
        'copy-field-values',
        'notify',
      ].map((key) => [key, ['company-managed', 'team-managed']]),
    );
  });

  it('runs in the project’s own workflow, which Jira scopes to the project', async () => {
    const response = await site.handle(
      { kind: 'app' },
      '/rest/api/3/workflows/search?queryString=OPS&expand=values.transitions',
      { method: 'GET' },
    );
    const body = (await response.json()) as { values: { scope: unknown }[] };
    expect(body.values.map((w) => w.scope)).toEqual([
      { type: 'PROJECT', project: { id: site.requireProject('OPS').id } },
    ]);
  });

  it('Comment: comments on a sub-task as the transitioning user', async () => {
    await runPostFunction(
      commentPostFunction,
      event('OPS-2', { template: '{{issue.key}} done by {{user}}', actor: 'transitioning-user' }),
      { site, kvs },
    );
    expect(site.issue('OPS-2').comments).toEqual([
      expect.objectContaining({ author: 'dev', text: 'OPS-2 done by @Dana Developer' }),
    ]);
    expect(auditEntries(kvs)[0]).toMatchObject({ rule: 'comment', outcome: 'applied' });
  });

  describe('Set fields: the parent, by key, at every level', () => {
    const setFields = (issueKey: string, operations: object[]) =>
      runPostFunction(setFieldsPostFunction, event(issueKey, { operations }), { site, kvs });

    it('puts a story under an epic and takes a story out of its epic', async () => {
      await setFields('OPS-3', [{ op: 'set', field: 'parent', value: 'OPS-10' }]);
      await setFields('OPS-1', [
        { op: 'clear', field: 'parent' },
        { op: 'set', field: 'labels', value: ['moved'] },
      ]);
      expect(site.issue('OPS-3').parentKey).toBe('OPS-10');
      expect(site.issue('OPS-1').parentKey).toBeUndefined();
      expect(site.issue('OPS-1').fields.labels).toEqual(['moved']);
      // By id too, as the edit operation allows.
      await setFields('OPS-1', [{ op: 'set', field: 'parent', value: site.issue('OPS-10').id }]);
      expect(site.issue('OPS-1').parentKey).toBe('OPS-10');
      expect(
        auditEntries(kvs)
          .map((e) => `${e.outcome}: ${e.summary}`)
          .sort(),
      ).toEqual([
        'applied: Cleared parent; set labels on OPS-1',
        'applied: Set parent on OPS-1',
        'applied: Set parent on OPS-3',
      ]);
    });

    it('reports Jira’s refusal: an epic of another project, and a sub-task without a parent', async () => {
      await setFields('OPS-3', [{ op: 'set', field: 'parent', value: 'FIN-1' }]);
      await setFields('OPS-2', [{ op: 'clear', field: 'parent' }]);
      expect(site.issue('OPS-3').parentKey).toBeUndefined();
      expect(site.issue('OPS-2').parentKey).toBe('OPS-1');
      const failures = new Map(
        auditEntries(kvs).map((e) => [e.issueKey, `${e.outcome}: ${e.error?.message}`]),
      );
      expect(failures.get('OPS-2')).toMatch(/^failed: .*A sub-task must have a parent\./);
      expect(failures.get('OPS-3')).toMatch(
        /^failed: .*The parent and the child must be in the same project\./,
      );
    });
  });

  describe('Transition related: the parent at every level, and sub-tasks', () => {
    const related = (issueKey: string, target: string) =>
      runPostFunction(transitionRelatedPostFunction, event(issueKey, { target, transitionName: 'Done' }), {
        site,
        kvs,
      });

    it('moves the story of a sub-task', async () => {
      await related('OPS-2', 'parent');
      expect(site.issue('OPS-1').status).toBe('Done');
      expect(auditEntries(kvs)[0]?.summary).toBe('Through "Done": OPS-1 moved');
    });

    it('moves the epic of a story', async () => {
      await related('OPS-1', 'parent');
      expect(site.issue('OPS-10').status).toBe('Done');
      expect(auditEntries(kvs)[0]?.summary).toBe('Through "Done": OPS-10 moved');
    });

    it('moves the sub-tasks of a story', async () => {
      await related('OPS-1', 'sub-tasks');
      expect(site.issue('OPS-2').status).toBe('Done');
      expect(site.issue('OPS-3').status).toBe('To Do');
    });
  });

  describe('Notify', () => {
    let tp: ThirdParty;
    beforeAll(async () => {
      tp = await startThirdParty();
    });
    afterAll(() => tp.close());

    it('posts the team-managed issue and its transition to the connected service', async () => {
      await setUpConnection(site, kvs, apiTokenConnection(tp), 'alice-api-token');
      await runPostFunction(notifyPostFunction, event('OPS-2', { connectionId: 'ops-hook' }, '11'), {
        site,
        kvs,
        ...viaLoopback,
      });
      expect(delivered(tp)).toEqual([
        expect.objectContaining({
          body: expect.objectContaining({
            issue: expect.objectContaining({ key: 'OPS-2', projectKey: 'OPS', issueType: 'Subtask' }),
            transition: expect.objectContaining({ id: '11', name: 'Start Progress' }),
          }),
        }),
      ]);
      expect(auditEntries(kvs)[0]).toMatchObject({ rule: 'notify', outcome: 'applied' });
    });
  });
});
