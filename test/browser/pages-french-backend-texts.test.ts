import { withInvocation } from '../harness';
import { seedHealthSite } from '../health/health-site';
import { seedAdminSite, seedAudit } from '../pages/admin/admin-site';
import { seedProjects } from '../settings/project-site';
import { writeHealthState } from '../../src/health/store';
import type { HealthProblemView } from '../../src/shared/health';
import { appScreens } from './app-screens';
import { screenshot } from './index';

/**
 * What the admin and project settings pages show from the backend (scope reasons, rule titles, who acted, what a
 * failure means, health problems) as a French-speaking Jira admin reads it (context locale fr-FR): the backend sends
 * catalogue texts, the page words them. The audit record itself stays as it was written, and the page says so.
 */
describe('backend texts in French in headless Chromium', () => {
  const screens = appScreens();

  it('admin page: permissions, rule usage and executions in French', async () => {
    const { site, kvs } = seedAdminSite();
    await seedAudit(site, kvs, [
      {
        projectKey: 'OPS',
        issueKey: 'OPS-1',
        outcome: 'failed',
        summary: 'The effect was not applied',
        error: { code: 'MISSING_PERMISSION', message: 'POST … was refused: the bot lacks "Add comments".' },
        calls: [
          {
            feature: 'rules/comment',
            actor: { kind: 'app' },
            method: 'POST',
            pathTemplate: '/rest/api/3/issue/{issueIdOrKey}/comment',
            status: 403,
            attempts: 1,
            durationMs: 12,
            scopes: ['write:jira-work'],
            failure: 'MISSING_PERMISSION',
          },
        ],
      },
    ]);
    const forge = await screens.openAdminPage({ site, kvs, locale: 'fr-FR' });
    const { page } = forge;
    try {
      const scopes = page.getByTestId('scopes--table');
      await page.getByRole('heading', { name: 'Autorisations accordées' }).waitFor();
      await scopes
        .getByText(
          "Lire les tickets, les champs et les autorisations que vos validateurs et post-fonctions vérifient avant d'agir.",
        )
        .waitFor();
      await scopes
        .getByText(
          'Jira exige read:jira-work de toute application qui déclare une post-fonction de workflow.',
        )
        .waitFor();
      // Search workflows serves every rule screen, not only the validators'.
      expect(
        await scopes.getByText('Écrans de configuration des règles', { exact: false }).count(),
      ).toBeGreaterThan(0);
      expect(await scopes.getByText('Validator configuration screens', { exact: false }).count()).toBe(0);
      expect(await scopes.innerText()).toContain('Commentaire (post-fonction)');
      await screenshot(page, 'admin-permissions-backend-fr');

      await page.getByRole('tab', { name: 'Identité' }).click();
      await page
        .getByText(
          "Dans le schéma d'autorisations du projet FIN, accordez « Ajouter des commentaires » au bénéficiaire suivant : le groupe « atlassian-addons-admin » de l'application (ou un rôle de projet qu'il détient).",
        )
        .waitFor();
      await page.getByText('Ajouter des commentaires (nécessaire pour Commentaire)').first().waitFor();
      await page.getByText('Règles en service sur ce site : Commentaire, Champs obligatoires.').waitFor();

      await page.getByRole('tab', { name: 'Utilisation des règles' }).click();
      const usages = page.getByTestId('rule-usages--table');
      await usages.getByText('Commentaire (post-fonction)').waitFor();
      await usages.getByText('Champs obligatoires (validateur)').waitFor();
      await usages
        .getByText(
          'Exige : Due date renseigné ; quand Jira ne peut pas être interrogé, elle bloque la transition.',
        )
        .waitFor();
      await usages
        .getByText(
          "Ajoute un commentaire en tant que l'utilisateur qui effectue la transition : “Done by {user}, thanks!”",
        )
        .waitFor();

      await page.getByRole('tab', { name: 'Exécutions' }).click();
      const executions = page.getByTestId('executions--table');
      await executions.getByText('Commentaire', { exact: true }).first().waitFor();
      await executions
        .getByText("L'utilisateur bot de l'application Workflow Guard", { exact: true })
        .waitFor();
      await executions
        .getByText(
          "Jira a refusé, car il manque une autorisation Jira à l'identité sous laquelle l'application a agi.",
          { exact: false },
        )
        .first()
        .waitFor();
      // The record keeps its words, and the page says so.
      await executions.getByText('The effect was not applied').waitFor();
      await page
        .getByText("Ce qui s'est passé et les messages sont enregistrés en anglais", { exact: false })
        .waitFor();
      await screenshot(page, 'admin-executions-backend-fr');
      expect(forge.pageErrors).toEqual([]);
    } finally {
      await forge.close();
    }
  }, 90_000);

  it('admin page: a health problem in French', async () => {
    const { site, kvs } = seedHealthSite();
    site.editWorkflow('Ops flow', (w) => {
      const finish = w.transitions.find((t) => t.id === '21');
      if (finish) finish.postFunctions = finish.postFunctions.slice(0, 2);
    });
    site.renameGroup('release-managers', 'release-leads');
    const forge = await screens.openAdminPage({ site, kvs, locale: 'fr-FR' });
    const { page } = forge;
    try {
      await page.getByRole('tab', { name: 'État de santé' }).click();
      await page.getByRole('button', { name: 'Vérifier maintenant' }).click();
      await page.getByText('1 problème détecté').waitFor();
      const lines = (await page.getByTestId('health-problem').innerText()).split('\n');
      expect(lines).toEqual([
        'Workflow « Ops flow » › transition « Finish » › Qui peut effectuer la transition',
        "Le groupe « release-managers » (un groupe autorisé à effectuer la transition) n'existe plus (renommé ou supprimé) : aucun de ses membres ne peut effectuer la transition.",
        'Comment corriger : Modifiez la règle « Qui peut effectuer la transition » de la transition « Finish » et choisissez le nouveau nom du groupe (visible dans Administration Atlassian › Annuaire › Groupes), ou redonnez au groupe son ancien nom.',
        'Où :',
        'Paramètres Jira › Tickets › Workflows › Ops flow',
        expect.stringMatching(/^Détecté pour la première fois le /),
      ]);
      await screenshot(page, 'admin-health-problem-fr');
      expect(forge.pageErrors).toEqual([]);
    } finally {
      await forge.close();
    }
  }, 90_000);

  it('project settings: the rule list and a health problem in French; a result stored before reads as stored', async () => {
    const { site, kvs } = seedProjects();
    const ops = site.requireProject('OPS').id;
    const problem = (fields: Partial<HealthProblemView>): HealthProblemView => ({
      id: 'p1',
      kind: 'group',
      workflow: { id: 'wf-1', name: 'Ops flow' },
      transition: { id: '21', name: 'Finish' },
      rule: { key: 'who-may-transition', title: 'Who may transition' },
      projects: [{ id: ops, key: 'OPS' }],
      problem:
        'Group "release-managers", a group allowed to make the transition, no longer exists (renamed or deleted), so none of its members can make the transition.',
      fix: `Edit the Who may transition rule on transition "Finish" and choose the group's new name (Atlassian Administration › Directory › Groups shows it), or rename the group back.`,
      fixAt: {
        label: 'Jira settings › Issues › Workflows › Ops flow',
        href: '/secure/admin/workflows/ViewWorkflowSteps.jspa?workflowMode=live&workflowName=Ops%20flow',
      },
      firstSeen: '2026-11-30T08:00:00.000Z',
      ...fields,
    });
    await withInvocation({ site, kvs }, () =>
      writeHealthState({
        schemaVersion: 1,
        workflows: {},
        lastRun: {
          at: '2026-11-30T08:00:00.000Z',
          trigger: 'scheduled',
          jiraCalls: 4,
          workflows: 1,
          workflowsReread: 1,
          rules: 1,
        },
        problems: [
          // As this version stores it: the English words and the texts the page words.
          problem({
            said: {
              problem: {
                key: 'healthProblems.group.problem',
                values: { name: 'release-managers', role: { key: 'healthProblems.roles.groupAllowed' } },
              },
              fix: {
                key: 'healthProblems.group.fix',
                values: {
                  rule: { key: 'catalog.rules.whoMayTransition.title' },
                  transition: 'Finish',
                  place: { key: 'healthProblems.places.groups' },
                },
              },
              fixAt: { key: 'healthProblems.places.workflow', values: { name: 'Ops flow' } },
            },
          }),
          // As the previous version stored it (no texts): shown as it was stored.
          problem({
            id: 'p2',
            kind: 'status',
            problem: 'No workflow uses a status named "Review" any more.',
          }),
        ],
      }),
    );
    const forge = await screens.openProjectSettings({
      site,
      kvs,
      accountId: 'opsAdmin',
      projectKey: 'OPS',
      locale: 'fr-FR',
    });
    const { page } = forge;
    try {
      const rules = page.getByTestId('project-rules--table');
      await rules.getByText('Champs obligatoires', { exact: true }).waitFor();
      await rules.getByText('Commentaire', { exact: true }).waitFor();
      await rules.getByText('Notifier un service externe', { exact: true }).waitFor();
      expect(await rules.getByText('Fields requirement', { exact: true }).count()).toBe(0);

      await page.getByRole('tab', { name: 'État de santé' }).click();
      const problems = page.getByTestId('health-problem');
      await problems.first().waitFor();
      expect((await problems.nth(0).innerText()).split('\n').slice(0, 3)).toEqual([
        'Workflow « Ops flow » › transition « Finish » › Qui peut effectuer la transition',
        "Le groupe « release-managers » (un groupe autorisé à effectuer la transition) n'existe plus (renommé ou supprimé) : aucun de ses membres ne peut effectuer la transition.",
        'Comment corriger : Modifiez la règle « Qui peut effectuer la transition » de la transition « Finish » et choisissez le nouveau nom du groupe (visible dans Administration Atlassian › Annuaire › Groupes), ou redonnez au groupe son ancien nom.',
      ]);
      expect((await problems.nth(1).innerText()).split('\n').slice(1, 2)).toEqual([
        'No workflow uses a status named "Review" any more.',
      ]);
      await screenshot(page, 'project-settings-health-fr');
      expect(forge.pageErrors).toEqual([]);
    } finally {
      await forge.close();
    }
  }, 90_000);
});
