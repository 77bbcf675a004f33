import { buildPostFunctionEvent, runPostFunction, type MemoryKvs } from '../harness';
import type { JiraSite } from '../emulator';
import { transitionRelatedPostFunction } from '../../src/rules/transition-related';
import type { ProjectSettings } from '../../src/settings/model';
import { auditEntries } from '../support/audit';
import {
  configureFin as configure,
  issuesChangedBy,
  projectActivity,
  seedLinkedAcrossProjects,
} from '../support/cross-project';

/**
 * Two projects: OPS-1 blocks OPS-2 (same project) and FIN-1 (project FIN, administered by finAdmin). `dev`
 * transitions OPS-1 and may transition issues in OPS; what they may do in FIN is set per test.
 */
function setup() {
  const { site, kvs } = seedLinkedAcrossProjects();
  site.grant('TRANSITION_ISSUES', { projectKey: 'OPS', accountId: 'dev' });
  return { site, kvs };
}

/** FIN's admin saves FIN's settings through the project settings page. */
const configureFin = (
  site: JiraSite,
  kvs: MemoryKvs,
  change: Partial<ProjectSettings['defaults']>,
  off = false,
) => configure(site, kvs, 'transition-related', change, off);

const activity = projectActivity;

const transition = (site: JiraSite, kvs: MemoryKvs, configuration: Record<string, unknown> = {}) =>
  runPostFunction(
    transitionRelatedPostFunction,
    buildPostFunctionEvent(site, {
      issueKey: 'OPS-1',
      transitionId: '21',
      atlassianId: 'dev',
      configuration: { target: 'linked', linkType: 'Blocks', transitionName: 'Done', ...configuration },
    }),
    { site, kvs },
  );

const moves = (site: JiraSite) => issuesChangedBy(site, 'doTransition');

describe('Transition related issues in other projects obey those projects', () => {
  it('leaves the issues of a project that turned the rule off, and its admins see the execution and why', async () => {
    const { site, kvs } = setup();
    site.grant('TRANSITION_ISSUES', { projectKey: 'FIN', accountId: 'dev' });
    await configureFin(site, kvs, {}, true);
    await transition(site, kvs);
    expect(moves(site)).toEqual(['OPS-2 by app']);
    expect(site.issue('FIN-1').status).toBe('To Do');
    const seenByFin = await activity(site, kvs, 'finAdmin', 'FIN');
    expect(seenByFin).toEqual([
      expect.objectContaining({
        issueKey: 'OPS-1',
        outcome: 'applied',
        summary:
          'Through "Done": OPS-2 moved, FIN-1 skipped (project FIN has turned "Transition related issues" off in its Workflow Guard settings)',
      }),
    ]);
    expect(await activity(site, kvs, 'opsAdmin', 'OPS')).toEqual(seenByFin);
  });

  it('acts as the app in another project only for a user who may transition there', async () => {
    const { site, kvs } = setup();
    site.grant('TRANSITION_ISSUES', { projectKey: 'FIN', accountId: 'dev' });
    await configureFin(site, kvs, { allowAppFallback: false });
    await transition(site, kvs);
    expect(moves(site)).toEqual(['OPS-2 by app', 'FIN-1 by app']);
    expect(await activity(site, kvs, 'finAdmin', 'FIN')).toEqual([
      expect.objectContaining({ outcome: 'applied', summary: 'Through "Done": OPS-2 moved, FIN-1 moved' }),
    ]);
  });

  it('refuses there, saying why to both projects, when the user may not and the project does not let the app act for them', async () => {
    const { site, kvs } = setup();
    await configureFin(site, kvs, { allowAppFallback: false });
    await transition(site, kvs);
    // The issue in OPS is still moved; FIN-1 is not.
    expect(moves(site)).toEqual(['OPS-2 by app']);
    expect(site.issue('FIN-1').status).toBe('To Do');
    const [entry] = auditEntries(kvs);
    expect(entry).toMatchObject({
      outcome: 'failed',
      projectKey: 'OPS',
      otherProjectKeys: ['FIN'],
      summary: 'The effect was applied only in part (OPS-2 moved)',
      error: {
        code: 'MISSING_PERMISSION',
        message: expect.stringContaining(
          'Not moved, refused by their projects: FIN-1 (the user dev (Workflow Guard acting on their behalf) may not transition issues in project FIN, and project FIN does not allow the app to act for people who lack a permission)',
        ),
      },
    });
    const seenByFin = await activity(site, kvs, 'finAdmin', 'FIN');
    expect(seenByFin).toEqual([
      expect.objectContaining({
        issueKey: 'OPS-1',
        outcome: 'failed',
        // FIN's admin reads the person by name (issue 16, point 7).
        error: expect.objectContaining({
          message: expect.stringContaining('FIN-1 (the user Dana Developer'),
        }),
      }),
    ]);
    expect(await activity(site, kvs, 'opsAdmin', 'OPS')).toEqual(seenByFin);
  });

  it('acts as the app for a user who may not transition there when that project allows it, and says so', async () => {
    const { site, kvs } = setup();
    await transition(site, kvs);
    expect(moves(site)).toEqual(['OPS-2 by app', 'FIN-1 by app']);
    expect(auditEntries(kvs)[0]).toMatchObject({
      outcome: 'applied',
      otherProjectKeys: ['FIN'],
      summary:
        'Through "Done": OPS-2 moved, FIN-1 moved as the app: the user dev (Workflow Guard acting on their behalf) may not transition issues in project FIN, and project FIN allows the app to act for them',
    });
  });

  it('acting as the user: moves as them where they may, and falls back to the app only where that project allows it', async () => {
    const allowed = setup();
    allowed.site.grant('TRANSITION_ISSUES', { projectKey: 'FIN', accountId: 'dev' });
    await transition(allowed.site, allowed.kvs, { actor: 'transitioning-user' });
    expect(moves(allowed.site)).toEqual(['OPS-2 by impersonated', 'FIN-1 by impersonated']);

    const refused = setup();
    await configureFin(refused.site, refused.kvs, { allowAppFallback: false });
    await transition(refused.site, refused.kvs, { actor: 'transitioning-user', fallback: 'act-as-app' });
    expect(moves(refused.site)).toEqual(['OPS-2 by impersonated']);
    expect(auditEntries(refused.kvs)[0]?.error?.message).toContain(
      'project FIN does not allow the app to act for people who lack a permission',
    );

    const noFallback = setup();
    await transition(noFallback.site, noFallback.kvs, { actor: 'transitioning-user' });
    expect(moves(noFallback.site)).toEqual(['OPS-2 by impersonated']);
    expect(auditEntries(noFallback.kvs)[0]?.error?.message).toContain(
      'FIN-1 (the user dev (Workflow Guard acting on their behalf) may not transition issues in project FIN ("Transition issues"))',
    );
  });

  it('refuses in a project the user cannot even see, and tells people on the issue only that other projects refused', async () => {
    const { site, kvs } = setup();
    site.revoke('BROWSE_PROJECTS', { projectKey: 'FIN', accountId: 'dev' });
    await configureFin(site, kvs, { allowAppFallback: false });
    await transition(site, kvs, { reportFailureOnIssue: true });
    expect(moves(site)).toEqual(['OPS-2 by app']);
    const comment = site.issue('OPS-1').comments.at(-1)?.text ?? '';
    expect(comment).toContain('Some related issues in other projects were not moved');
    expect(comment).not.toContain('FIN-1');
  });
});
