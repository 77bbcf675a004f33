import { buildPostFunctionEvent, runPostFunction, type MemoryKvs } from '../harness';
import type { JiraSite } from '../emulator';
import { copyFieldValuesPostFunction } from '../../src/rules/copy-field-values';
import type { ProjectSettings } from '../../src/settings/model';
import { auditEntries } from '../support/audit';
import {
  configureFin as configure,
  issuesChangedBy,
  projectActivity,
  seedLinkedAcrossProjects,
} from '../support/cross-project';

const DUE = { from: 'duedate', to: 'duedate', fromSchema: { type: 'date' }, toSchema: { type: 'date' } };
const BLOCKS = { name: 'Blocks', inward: 'is blocked by', outward: 'blocks' };

/**
 * The projects of the Transition related issues cross-project test: OPS-1 blocks OPS-2 (same project) and FIN-1
 * (project FIN, administered by finAdmin). `dev` transitions OPS-1, may edit in OPS, and browses FIN; what they may
 * do in FIN and what FIN's settings allow is set per test.
 */
function setup() {
  const { site, kvs } = seedLinkedAcrossProjects();
  site.grant('EDIT_ISSUES', { projectKey: 'OPS', accountId: 'dev' });
  site.issues.get('OPS-1')!.fields.duedate = '2026-12-24';
  return { site, kvs };
}

/** FIN-1 is older than OPS-2, so it comes first. FIN's admin saves FIN's settings through the project settings page. */
const configureFin = (
  site: JiraSite,
  kvs: MemoryKvs,
  change: Partial<ProjectSettings['defaults']>,
  off = false,
) => configure(site, kvs, 'copy-field-values', change, off);

const activity = projectActivity;

const copy = (site: JiraSite, kvs: MemoryKvs, configuration: Record<string, unknown> = {}) =>
  runPostFunction(
    copyFieldValuesPostFunction,
    buildPostFunctionEvent(site, {
      issueKey: 'OPS-1',
      transitionId: '21',
      atlassianId: 'dev',
      configuration: {
        direction: 'push',
        relation: 'linked',
        linkType: BLOCKS,
        pairs: [DUE],
        ...configuration,
      },
    }),
    { site, kvs },
  );

const edits = (site: JiraSite) => issuesChangedBy(site, 'editIssue');

describe('Copy field values into other projects obeys those projects', () => {
  it('leaves the issues of a project that turned the rule off, and its admins see the execution and why', async () => {
    const { site, kvs } = setup();
    site.grant('EDIT_ISSUES', { projectKey: 'FIN', accountId: 'dev' });
    await configureFin(site, kvs, {}, true);
    await copy(site, kvs);
    expect(edits(site)).toEqual(['OPS-2 by app']);
    const seenByFin = await activity(site, kvs, 'finAdmin', 'FIN');
    expect(seenByFin).toEqual([
      expect.objectContaining({
        issueKey: 'OPS-1',
        outcome: 'applied',
        summary:
          'Copied duedate into duedate from OPS-1 into the issues linked by "Blocks": FIN-1 skipped (project FIN has turned "Copy field values" off in its Workflow Guard settings), OPS-2 updated',
      }),
    ]);
    expect(await activity(site, kvs, 'opsAdmin', 'OPS')).toEqual(seenByFin);
  });

  it('writes as the app in another project only for a user who may edit there', async () => {
    const { site, kvs } = setup();
    site.grant('EDIT_ISSUES', { projectKey: 'FIN', accountId: 'dev' });
    await configureFin(site, kvs, { allowAppFallback: false });
    await copy(site, kvs);
    expect(edits(site)).toEqual(['FIN-1 by app', 'OPS-2 by app']);
    expect(site.issue('FIN-1').fields.duedate).toBe('2026-12-24');
  });

  it('refuses there, saying why to both projects, when the user may not and the project does not let the app act for them', async () => {
    const { site, kvs } = setup();
    await configureFin(site, kvs, { allowAppFallback: false });
    await copy(site, kvs, { reportFailureOnIssue: true });
    expect(edits(site)).toEqual(['OPS-2 by app']);
    expect(site.issue('FIN-1').fields.duedate ?? null).toBeNull();
    expect(auditEntries(kvs)[0]).toMatchObject({
      outcome: 'failed',
      otherProjectKeys: ['FIN'],
      summary: expect.stringContaining('The effect was applied only in part (OPS-2 updated)'),
      error: {
        code: 'MISSING_PERMISSION',
        message: expect.stringContaining(
          'Refused by their projects: FIN-1 (the user dev (Workflow Guard acting on their behalf) may not edit issues in project FIN, and project FIN does not allow the app to act for people who lack a permission)',
        ),
      },
    });
    expect((await activity(site, kvs, 'finAdmin', 'FIN'))[0]).toMatchObject({ outcome: 'failed' });
    // People on the issue read only that other projects refused, never which issue.
    const comment = site.issue('OPS-1').comments.at(-1)?.text ?? '';
    expect(comment).toContain('Some related issues in other projects were not copied from or to');
    expect(comment).not.toContain('FIN-1');
  });

  it('writes as the app for a user who may not edit there when that project allows it, and says so', async () => {
    const { site, kvs } = setup();
    await copy(site, kvs);
    expect(edits(site)).toEqual(['FIN-1 by app', 'OPS-2 by app']);
    expect(auditEntries(kvs)[0]).toMatchObject({
      outcome: 'applied',
      otherProjectKeys: ['FIN'],
      summary:
        'Copied duedate into duedate from OPS-1 into the issues linked by "Blocks": FIN-1 updated as the app: the user dev (Workflow Guard acting on their behalf) may not edit issues in project FIN, and project FIN allows the app to act for them, OPS-2 updated',
    });
  });

  it('acting as the user: writes as them where they may, and falls back to the app only where that project allows it', async () => {
    const allowed = setup();
    allowed.site.grant('EDIT_ISSUES', { projectKey: 'FIN', accountId: 'dev' });
    await copy(allowed.site, allowed.kvs, { actor: 'transitioning-user' });
    expect(edits(allowed.site)).toEqual(['FIN-1 by impersonated', 'OPS-2 by impersonated']);

    const refused = setup();
    await configureFin(refused.site, refused.kvs, { allowAppFallback: false });
    await copy(refused.site, refused.kvs, { actor: 'transitioning-user', fallback: 'act-as-app' });
    expect(edits(refused.site)).toEqual(['OPS-2 by impersonated']);
    expect(auditEntries(refused.kvs)[0]?.error?.message).toContain(
      'project FIN does not allow the app to act for people who lack a permission',
    );

    const fellBack = setup();
    await copy(fellBack.site, fellBack.kvs, { actor: 'transitioning-user', fallback: 'act-as-app' });
    expect(edits(fellBack.site)).toEqual(['FIN-1 by app', 'OPS-2 by impersonated']);
    expect(auditEntries(fellBack.kvs)[0]).toMatchObject({
      outcome: 'applied',
      summary: expect.stringContaining('FIN-1 updated as the app: the user dev'),
    });
  });

  it('pulls from another project only as it allows: a refusal there writes nothing', async () => {
    const { site, kvs } = setup();
    site.issues.get('FIN-1')!.fields.duedate = '2026-11-01';
    site.revoke('BROWSE_PROJECTS', { projectKey: 'FIN', accountId: 'dev' });
    await configureFin(site, kvs, { allowAppFallback: false });
    await copy(site, kvs, { direction: 'pull', pairs: [{ ...DUE, aggregation: 'min' }] });
    expect(edits(site)).toEqual([]);
    expect(auditEntries(kvs)[0]).toMatchObject({
      outcome: 'failed',
      otherProjectKeys: ['FIN'],
      summary: 'The effect was not applied',
      error: { message: expect.stringContaining('may not browse issues in project FIN') },
    });

    const allowed = setup();
    allowed.site.issues.get('FIN-1')!.fields.duedate = '2026-11-01';
    await copy(allowed.site, allowed.kvs, { direction: 'pull', pairs: [{ ...DUE, aggregation: 'min' }] });
    expect(allowed.site.issue('OPS-1').fields.duedate).toBe('2026-11-01');
    expect((await activity(allowed.site, allowed.kvs, 'finAdmin', 'FIN'))[0]).toMatchObject({
      outcome: 'applied',
    });
  });
});
