import type { Page } from 'playwright-core';
import { screenshot } from '../browser';
import { appFrame, servedSandbox, type SandboxWalk } from './serve';

/**
 * `npm start`'s sandbox, walked as a person would in headless Chromium: the page that plays Jira, the production
 * handlers behind it, and the app's own pages in their frame.
 */
describe('the local sandbox (npm start)', () => {
  const { walkSandbox } = servedSandbox();

  const closeFrame = (page: Page) => page.getByRole('button', { name: 'Close' }).click();

  it('blocks, passes, audits, configures and survives a 429 storm', async () => {
    const external: string[] = [];
    const watch = ({ page, url }: SandboxWalk, problems: string[]) => {
      page.on('request', (request) => {
        if (
          !request.url().startsWith(url) &&
          !request.url().startsWith('data:') &&
          request.url() !== 'about:blank'
        ) {
          external.push(request.url());
        }
      });
      // Errors of the app's own frames, content-security-policy violations among them.
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      page.on('response', (response) => {
        if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
      });
    };
    await walkSandbox(
      async ({ page }) => {
        await page.getByTestId('issue').getByText('OPS-1: Rotate the TLS certificates').waitFor();

        // 0. The Jira admin approves the demo connection's host in Forge's consent dialog (shown by the Jira page,
        //    above the app): declined first, which the page says plainly, then approved.
        await page.getByTestId('user').selectOption('ada-admin');
        await page.getByTestId('open-admin').click();
        const connections = await appFrame(page);
        await connections.getByRole('tab', { name: 'Secrets and connections' }).click();
        const demo = connections.getByTestId('connections--table').locator('tbody tr').first();
        await demo.getByText('Not approved').waitFor();
        const consent = page.getByRole('dialog', { name: 'Allow this app to send data to new places?' });
        await connections.getByRole('button', { name: 'Approve hosts' }).click();
        await consent
          .getByText('connection "Demo webhook (OAuth client credentials)"', { exact: false })
          .waitFor();
        await consent.getByRole('button', { name: 'Decline' }).click();
        await connections
          .getByText('Approval was declined, so it still cannot send', { exact: false })
          .waitFor();
        await screenshot(page, 'sandbox-0-egress-declined');
        await connections.getByRole('button', { name: 'Approve hosts' }).click();
        await consent.getByRole('button', { name: 'Approve' }).click();
        await connections.getByText('Hosts of “Demo webhook (OAuth client credentials)” approved').waitFor();
        await demo.getByText('Approved', { exact: true }).waitFor();
        await screenshot(page, 'sandbox-0-egress-approved');
        await closeFrame(page);
        await page.getByTestId('user').selectOption('dev-dana');

        // 1. A validator blocks the transition and says what to fix.
        await page.getByRole('button', { name: 'Start Progress' }).click();
        await page
          .getByRole('alert')
          .getByText('Fill in "Description" before making this transition.')
          .waitFor();
        await screenshot(page, 'sandbox-1-blocked');

        // 2. A transition that passes; its comment post-function acts as the transitioning user (Dana).
        await page.getByRole('button', { name: 'Done' }).click();
        await page.getByTestId('transition-result').getByText('Transition done.', { exact: false }).waitFor();
        await page.getByText('Dana Developer: OPS-1 was closed by @Dana Developer through "Done".').waitFor();
        expect(await page.getByTestId('status').textContent()).toBe('Done');
        // Notify posted to the loopback service with an OAuth client-credentials token the app obtained itself.
        await page.getByTestId('notifications').getByText('has received 1 notifications').waitFor();
        await screenshot(page, 'sandbox-2-passed');

        // 3. The Jira admin sees the execution in the admin page's audit log.
        await page.getByTestId('user').selectOption('ada-admin');
        await page.getByTestId('open-admin').click();
        const admin = await appFrame(page);
        await admin.getByRole('tab', { name: 'Executions' }).click();
        await admin
          .getByText(/Comment \d+ added/)
          .first()
          .waitFor();
        await screenshot(page, 'sandbox-3-admin-audit');
        await closeFrame(page);

        // 4. The project admin turns a rule off on the project settings page.
        await page.getByTestId('user').selectOption('pete-project-admin');
        await page.getByTestId('open-project').click();
        const settings = await appFrame(page);
        await settings.getByText('Operations (OPS)').waitFor();
        await settings.locator('#rule-fields-requirement').focus();
        await page.keyboard.press('ArrowDown');
        await settings.getByRole('option', { name: 'Off', exact: true }).click();
        await settings.getByRole('button', { name: 'Save' }).click();
        await settings.getByText('Settings saved').waitFor();
        await screenshot(page, 'sandbox-4-project-settings');
        await closeFrame(page);

        // 5. Half of all Jira calls answer 429: the transition on OPS-2 still completes, its comment added once.
        await page.getByTestId('user').selectOption('dev-dana');
        await page.getByRole('button', { name: '429 storm' }).click();
        await page
          .getByTestId('fault-state')
          .getByText('Fault: rate-limit-storm', { exact: false })
          .waitFor();
        await page.getByText('OPS-2 Patch the database servers').click();
        await page.getByRole('button', { name: 'Done' }).click();
        await page
          .getByTestId('transition-result')
          .getByText('Transition done.', { exact: false })
          .waitFor({ timeout: 60_000 });
        await page.getByText('Dana Developer: OPS-2 was closed by @Dana Developer through "Done".').waitFor();
        await page
          .getByTestId('transition-result')
          .getByText(/Jira answered [1-9]\d* of \d+ calls with 429/)
          .waitFor();
        expect(await page.getByText('OPS-2 was closed by', { exact: false }).count()).toBe(1);
        await screenshot(page, 'sandbox-5-storm-survived');

        // 6. The service revokes every token: Notify gets a new one by itself and the notification still arrives.
        await page.getByRole('button', { name: 'Revoked token' }).click();
        await page.getByTestId('fault-state').getByText('Fault: revoked-token', { exact: false }).waitFor();
        await page.getByText('WEB-1 Refresh the landing page').click();
        await page.getByRole('button', { name: 'Done' }).click();
        await page.getByTestId('transition-result').getByText('Transition done.', { exact: false }).waitFor();
        await page.getByTestId('notifications').getByText('has received 3 notifications').waitFor();
        await screenshot(page, 'sandbox-6-token-renewed');
        await page.getByRole('button', { name: 'Clear' }).click();

        // 7. The Jira admin deletes the connection; its host, used by nothing now, is removed in the consent dialog.
        await page.getByTestId('user').selectOption('ada-admin');
        await page.getByTestId('open-admin').click();
        const cleanup = await appFrame(page);
        await cleanup.getByRole('tab', { name: 'Secrets and connections' }).click();
        await cleanup.getByRole('button', { name: 'Delete', exact: true }).click();
        const removal = page.getByRole('dialog', { name: 'Stop this app sending data here?' });
        await removal.getByText('127.0.0.1', { exact: false }).waitFor();
        await removal.getByRole('button', { name: 'Remove' }).click();
        await cleanup.getByText('Connection “Demo webhook (OAuth client credentials)” deleted').waitFor();
        await cleanup.getByText('No host is approved yet.', { exact: false }).waitFor();
        await screenshot(page, 'sandbox-7-host-removed');
        await closeFrame(page);
        expect(external).toEqual([]);
      },
      { watch },
    );
  }, 180_000);
});
