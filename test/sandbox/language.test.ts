import { launchChromium, screenshot } from '../browser';
import { appFrame, serveSandbox } from './serve';

/**
 * `npm start`'s language switch: in French, the workflow editor names the app's rules in French (the manifest's
 * `i18n` names), a person blocked by a validator reads why in French (the function learns the language from Jira),
 * and the app's pages are in French (`view.getContext().locale`); back in English, everything is English again.
 */
describe('sandbox: the language switch', () => {
  let url: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ url, close } = await serveSandbox());
  }, 120_000);
  afterAll(() => close());

  it('shows the app in French, then in English again', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 1400, height: 900 });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(url);
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
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 180_000);
});
