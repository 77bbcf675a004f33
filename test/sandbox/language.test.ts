import { screenshot } from '../browser';
import { appFrame, servedSandbox } from './serve';

/**
 * `npm start`'s language switch: in French, the workflow editor names the app's rules in French (the manifest's
 * `i18n` names), a person blocked by a validator reads why in French (the function learns the language from Jira),
 * and the app's pages are in French (`view.getContext().locale`); back in English, everything is English again.
 */
describe('sandbox: the language switch', () => {
  const { walkSandbox } = servedSandbox();

  it('shows the app in French, then in English again', async () => {
    await walkSandbox(async ({ page }) => {
      await page.getByTestId('issue').getByText('OPS-1: Rotate the TLS certificates').waitFor();
      await page.getByTestId('language').selectOption('fr-FR');

      const rules = page.getByTestId('workflow-rule');
      await rules.filter({ hasText: 'Workflow Guard – Champs obligatoires' }).first().waitFor();
      expect(await rules.filter({ hasText: 'Workflow Guard – Fields requirement' }).count()).toBe(0);

      await page.getByTestId('user').selectOption('dev-dana');
      await page.getByRole('button', { name: 'Start Progress' }).click();
      await page
        .getByRole('alert')
        .getByText("Renseignez « Description » avant d'effectuer cette transition.")
        .waitFor();
      await screenshot(page, 'sandbox-language-french-validator');

      await page.getByTestId('licence').selectOption('inactive');
      await page.getByTestId('user').selectOption('ada-admin');
      await page.getByTestId('open-admin').click();
      const admin = await appFrame(page);
      await admin.getByText("La licence de Workflow Guard n'est pas active sur ce site").waitFor();
      await screenshot(page, 'sandbox-language-french-page');

      await page.getByTestId('language').selectOption('en-US');
      await page.getByTestId('open-admin').click();
      const english = await appFrame(page);
      await english.getByText("Workflow Guard's licence is not active on this site").waitFor();
      await page.getByTestId('licence').selectOption('none');
      await page.getByTestId('user').selectOption('dev-dana');
      await page.getByRole('button', { name: 'Start Progress' }).click();
      await page
        .getByRole('alert')
        .getByText('Fill in "Description" before making this transition.')
        .waitFor();
      await rules.filter({ hasText: 'Workflow Guard – Fields requirement' }).first().waitFor();
    });
  }, 180_000);
});
