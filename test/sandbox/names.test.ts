import { screenshot } from '../browser';
import { appFrame, servedSandbox } from './serve';

/** Issue 16, point 7: people read names, never account ids, on the issue, the admin page and project settings. */
describe('the sandbox names people', () => {
  const served = servedSandbox();

  it('shows display names in the comment, the executions and the last settings change', async () => {
    await served.walkSandbox(async ({ page }) => {
      await page.getByTestId('issue').getByText('OPS-1: Rotate the TLS certificates').waitFor();

      // The comment acts as Dana and mentions her by name.
      await page.getByRole('button', { name: 'Done' }).click();
      await page.getByText('Dana Developer: OPS-1 was closed by @Dana Developer through "Done".').waitFor();
      const comment = served.sandbox.site.issue('OPS-1').comments[0]?.body.content[0] as {
        content: unknown[];
      };
      expect(comment.content).toContainEqual({
        type: 'mention',
        attrs: { id: 'dev-dana', text: '@Dana Developer' },
      });

      // The project admin saves OPS's settings; the Jira admin then reads who did, by name.
      await page.getByTestId('user').selectOption('pete-project-admin');
      await page.getByTestId('open-project').click();
      const settings = await appFrame(page);
      await settings.getByText('Operations (OPS)').waitFor();
      await settings.locator('#rule-notify').focus();
      await page.keyboard.press('ArrowDown');
      await settings.getByRole('option', { name: 'Off', exact: true }).click();
      await settings.getByRole('button', { name: 'Save' }).click();
      await settings.getByText('Settings saved').waitFor();
      await page.getByTestId('user').selectOption('ada-admin');
      const reopened = await appFrame(page);
      await reopened
        .getByText('Last changed by Pete Project-Admin (admin of OPS, ops-leads) at', { exact: false })
        .waitFor();
      expect(await reopened.locator('body').innerText()).not.toContain('pete-project-admin');
      await screenshot(page, 'sandbox-names-1-project-settings');
      await page.getByRole('button', { name: 'Close' }).click();

      // The executions name the user the app acted as.
      await page.getByTestId('open-admin').click();
      const admin = await appFrame(page);
      await admin.getByRole('tab', { name: 'Executions' }).click();
      await admin.getByText('The user Dana Developer', { exact: false }).first().waitFor();
      expect(await admin.locator('body').innerText()).not.toContain('dev-dana');
      await screenshot(page, 'sandbox-names-2-executions');
    });
  }, 180_000);
});
