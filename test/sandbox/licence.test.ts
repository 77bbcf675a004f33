import { screenshot } from '../browser';
import { appFrame, servedSandbox } from './serve';

/**
 * `npm start`'s licence switch: with the licence lapsed, a person's transition still goes through, the app's
 * post-functions say they did not run and why, and the admin page says what stopped and where to renew.
 */
describe('sandbox: the licence switch', () => {
  const { walkSandbox } = servedSandbox();

  it('shows what an inactive licence turns off, and nothing once it is active again', async () => {
    await walkSandbox(async ({ page }) => {
      await page.getByTestId('issue').getByText('OPS-1: Rotate the TLS certificates').waitFor();
      await page.getByTestId('licence').selectOption('inactive');

      await page.getByTestId('user').selectOption('dev-dana');
      await page.getByText('OPS-1 Rotate the TLS certificates').click();
      await page.getByRole('button', { name: 'Done' }).click();
      const comment = page.getByTestId('post-function-outcome').filter({ hasText: 'Comment' });
      await comment.waitFor();
      expect(await comment.innerText()).toBe(
        'Workflow Guard – Comment: skipped — Not run: licence inactive.',
      );
      await screenshot(page, 'sandbox-licence-inactive');

      await page.getByTestId('user').selectOption('ada-admin');
      await page.getByTestId('open-admin').click();
      const admin = await appFrame(page);
      await admin.getByText("Workflow Guard's licence is not active on this site").waitFor();

      await page.getByTestId('licence').selectOption('active');
      await page.getByTestId('open-admin').click();
      const renewed = await appFrame(page);
      await renewed.getByRole('heading', { name: 'Permissions granted' }).waitFor();
      expect(await renewed.getByText('licence', { exact: false }).count()).toBe(0);
    });
  }, 120_000);
});
