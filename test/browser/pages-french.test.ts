import { seedAdminSite } from '../pages/admin/admin-site';
import { seedProjects } from '../settings/project-site';
import { appScreens } from './app-screens';
import { screenshot } from './index';

/** The admin, project settings and personal pages as a French-speaking Jira user reads them (context locale fr-FR). */
describe('pages in French in headless Chromium', () => {
  const screens = appScreens();

  it('admin page: every tab heading and label in French', async () => {
    const { site, kvs } = seedAdminSite();
    const forge = await screens.openAdminPage({ site, kvs, locale: 'fr-FR' });
    const { page } = forge;
    try {
      await page.getByRole('heading', { name: 'Autorisations accordées' }).waitFor();
      await page.getByText("Pourquoi l'application en a besoin").waitFor();
      for (const [tab, heading] of [
        ['Identité', 'Identité et autorisations Jira'],
        ['Utilisation des règles', 'Où les règles sont utilisées'],
        ['Exécutions', 'Exécutions'],
        ['Secrets et connexions', 'Secrets et connexions'],
        ['État de santé', 'Contrôle de santé'],
      ] as const) {
        await page.getByRole('tab', { name: tab }).click();
        await page.getByRole('heading', { name: heading, exact: true }).waitFor();
      }
      await page.getByText('Pas encore contrôlé').waitFor();
      await page.getByRole('tab', { name: 'Exécutions' }).click();
      await page.getByText('Échecs des dernières 24 heures').waitFor();
      await page.getByRole('button', { name: 'Appliquer les filtres' }).waitFor();
      // Numbers as French writes them: 20 000 with a narrow no-break space.
      expect(await page.getByTestId('audit-retention').innerText()).toMatch(
        /^Workflow Guard conserve les 20\u202f000 entrées/,
      );
      await screenshot(page, 'admin-executions-fr');
      expect(forge.pageErrors).toEqual([]);
    } finally {
      await forge.close();
    }
  }, 90_000);

  it('project settings: tabs, headings and choices in French', async () => {
    const { site, kvs } = seedProjects();
    const forge = await screens.openProjectSettings({
      site,
      kvs,
      accountId: 'opsAdmin',
      projectKey: 'OPS',
      locale: 'fr-FR',
    });
    const { page } = forge;
    try {
      await page.getByRole('heading', { name: 'Règles de ce projet' }).waitFor();
      await page.getByRole('heading', { name: 'Valeurs par défaut des post-fonctions' }).waitFor();
      await page.getByText('Pas encore enregistré', { exact: false }).waitFor();
      expect(await page.getByRole('tab', { name: 'Activité récente' }).count()).toBe(1);
      expect(await page.getByRole('button', { name: 'Enregistrer' }).count()).toBe(1);
      await screenshot(page, 'project-settings-fr');
      expect(forge.pageErrors).toEqual([]);
    } finally {
      await forge.close();
    }
  }, 60_000);

  it('personal settings: connected accounts in French', async () => {
    const forge = await screens.openPage({
      getContext: () =>
        Promise.resolve({
          moduleKey: 'connected-accounts',
          extension: { type: 'jira:personalSettingsPage' },
          locale: 'fr-FR',
        }),
      invoke: () =>
        Promise.resolve({
          ok: true,
          data: [{ provider: 'notify-account', name: 'service de notification', connected: false }],
        }),
    });
    const { page } = forge;
    try {
      await page.getByRole('heading', { name: 'Comptes connectés à Workflow Guard' }).waitFor();
      await page.getByText('Non connecté').waitFor();
      expect(await page.getByRole('button', { name: 'Connecter service de notification' }).count()).toBe(1);
      await screenshot(page, 'connected-accounts-fr');
      expect(forge.pageErrors).toEqual([]);
    } finally {
      await forge.close();
    }
  }, 60_000);
});
