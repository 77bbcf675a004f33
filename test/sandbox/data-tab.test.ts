import { screenshot } from '../browser';
import { appFrame, servedSandbox } from './serve';

/**
 * `npm start`: the admin sees the installation in the log, then takes the log out as CSV and purges it from the
 * Data and privacy tab, as on a real site.
 */
describe('sandbox: the admin page’s data and privacy tab', () => {
  const { walkSandbox } = servedSandbox();

  it('shows the installation, exports the log and purges it', async () => {
    await walkSandbox(async ({ page }) => {
      await page.getByTestId('user').selectOption('ada-admin');
      await page.getByTestId('open-admin').click();
      const admin = await appFrame(page);
      await admin.getByRole('tab', { name: 'Executions' }).click();
      await admin.getByText('Workflow Guard 1.0.0 installed on this site').waitFor();

      await admin.getByRole('tab').last().click();
      await admin.getByRole('button', { name: 'Export as CSV' }).click();
      await admin.getByTestId('audit-export-download').waitFor();
      await admin.getByRole('button', { name: 'Purge the audit log…' }).click();
      await admin.getByRole('button', { name: 'Purge the audit log', exact: true }).click();
      await admin.getByText('The purge itself is recorded in the log.', { exact: false }).waitFor();
      await screenshot(page, 'sandbox-data-tab');
    });
  }, 120_000);
});
