import { withInvocation } from '../harness';
import { seedAdminSite } from '../pages/admin/admin-site';
import { saveConnection, setConnectionSecret } from '../../src/connections/store';
import { appScreens } from './app-screens';
import { screenshot } from './index';

/**
 * The admin page's "Test connection" answer as a French-speaking Jira admin reads it (context locale fr-FR): the
 * resolver sends the answer as a catalogue text and the page words it, the stable code kept beside it.
 */
describe('Test connection answers in French in headless Chromium', () => {
  const screens = appScreens();

  it('says what failed in French: first the missing API token, then the host to approve and where', async () => {
    const { site, kvs } = seedAdminSite();
    await withInvocation({ site, kvs, accountId: 'admin' }, () =>
      saveConnection({
        id: 'ops-hook',
        name: 'Ops hook',
        url: 'https://hooks.example.com/in',
        auth: { kind: 'api-token', scheme: 'bearer' },
      }),
    );
    const forge = await screens.openAdminPage({ site, kvs, locale: 'fr-FR' });
    const { page } = forge;
    try {
      await page.getByRole('tab', { name: 'Secrets et connexions' }).click();
      await page.getByTestId('connections--table').getByText('Ops hook').waitFor();
      await page.getByRole('button', { name: 'Tester la connexion' }).click();
      await page.getByText('Le test a échoué').waitFor();
      await page
        .getByText(
          "La connexion « Ops hook » n'a pas encore de jeton d'API : un administrateur Jira le définit sur la page d'administration de Workflow Guard. (INVALID_INPUT)",
          { exact: true },
        )
        .waitFor();

      await withInvocation({ site, kvs, accountId: 'admin' }, () =>
        setConnectionSecret('ops-hook', 'ops-token', 'admin'),
      );
      await page.getByRole('button', { name: 'Tester la connexion' }).click();
      await page
        .getByText(
          "Rien n'a été envoyé à Ops hook : https://hooks.example.com n'est pas un hôte qu'un administrateur Jira a approuvé pour Workflow Guard sur ce site." +
            ' Correction : ouvrez Paramètres Jira › Applications › Workflow Guard › Secrets et connexions et approuvez https://hooks.example.com pour la connexion (Forge vous demande de confirmer). (EGRESS_NOT_ALLOWED)',
          { exact: true },
        )
        .waitFor();
      expect(await page.getByText('The test failed').count()).toBe(0);
      await screenshot(page, 'admin-test-connection-fr');
      expect(forge.externalRequests).toEqual([]);
      expect(forge.pageErrors).toEqual([]);
    } finally {
      await forge.close();
    }
  }, 60_000);
});
