import { screenshot } from '../browser';
import { appFrame, servedSandbox } from './serve';

/**
 * `npm start`'s sandbox: a person breaks something under the demo's rules with the "Break something" controls, runs
 * the daily check the scheduled trigger runs, and reads the problem and its fix on the admin page's Health tab.
 */
describe('sandbox: the health check finds what was broken', () => {
  const { walkSandbox } = servedSandbox();

  it('finds a renamed group and a permission taken from the app, then nothing once restored', async () => {
    await walkSandbox(async ({ page }) => {
      await page.getByTestId('issue').getByText('OPS-1: Rotate the TLS certificates').waitFor();
      await page.getByTestId('user').selectOption('ada-admin');

      await page.getByRole('button', { name: 'Rename group' }).click();
      await page.getByRole('button', { name: 'Revoke from the app' }).click();
      await page
        .getByTestId('break-state')
        .getByText('Broken: rename-group, revoke-bot-permission.')
        .waitFor();
      await page.getByTestId('run-health-check').click();
      await page
        .getByTestId('break-state')
        .getByText(/^The daily check ran \(\d+ Jira calls\)/)
        .waitFor();

      await page.getByTestId('open-admin').click();
      const admin = await appFrame(page);
      await admin.getByRole('tab', { name: 'Health' }).click();
      await admin.getByText(/^Last checked .* \(daily check\)/).waitFor();
      const problems = admin.getByTestId('health-problem');
      await problems.first().waitFor();
      const texts = await problems.allInnerTexts();
      expect(texts).toEqual(
        expect.arrayContaining([
          expect.stringContaining(
            'Workflow “Guarded workflow” › transition “Reopen” › Who may transition\nGroup "ops-leads", a group allowed to make the transition, no longer exists',
          ),
          expect.stringContaining(
            'The app\'s bot user lacks "Add comments" in project WEB, which Comment needs when it acts as the app there.',
          ),
          // Approve's Comment acts as the user in Reporter, and as the app when they may not: it needs it too.
          expect.stringMatching(
            /^Workflow “Guarded workflow” › transition “Approve” › Comment\nThe app's bot user lacks "Add comments" in project WEB/,
          ),
          // The demo connection's host waits for the admin's approval (Secrets and connections).
          expect.stringContaining('which is not approved for Workflow Guard'),
        ]),
      );
      expect(texts).toHaveLength(4);
      await screenshot(page, 'sandbox-health-problems');

      // Restored, the admin checks again from the page: only the unapproved host is left.
      await page.getByRole('button', { name: 'Restore' }).click();
      await page.getByTestId('break-state').getByText('Nothing broken.').waitFor();
      await admin.getByRole('button', { name: 'Check now' }).click();
      await admin.getByText('1 problem found').waitFor();
      expect(await problems.allInnerTexts()).toEqual([expect.stringContaining('which is not approved')]);
    });
  }, 120_000);
});
