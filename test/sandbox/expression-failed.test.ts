import { screenshot } from '../browser';
import type { ExecutionsView } from '../../src/shared/admin-page';
import { appFrame, sandboxForTests, servedSandbox } from './serve';

/**
 * `npm start` shows what happens when Jira cannot evaluate a rule's expression: the demo's Custom expression on
 * Reopen reads the assignee's account without a null check, so on unassigned OPS-1 Jira blocks the transition and
 * sends the app `avi:jira:failed:expression`, which the sandbox delivers to the app's trigger after the transition.
 * The Jira admin reads the failure on the admin page's executions, filtered to failed ones.
 */
describe('sandbox: an expression Jira cannot evaluate', () => {
  const served = servedSandbox();

  it('blocks the transition and shows the failure in the admin page’s failed executions', async () => {
    await served.walkSandbox(
      async ({ page }) => {
        await page
          .getByTestId('expression-failure-demo')
          .getByText('Close OPS-1 (unassigned), then reopen it as Pete', { exact: false })
          .waitFor();
        await page.getByTestId('user').selectOption('pete-project-admin');
        await page.getByText('OPS-1 Rotate the TLS certificates').click();
        await page.getByRole('button', { name: 'Done' }).click();
        await page.getByTestId('status').getByText('Done').waitFor();

        // Pete is an ops lead, so Who may transition lets him reopen; the Custom expression cannot be evaluated.
        await page.getByRole('button', { name: 'Reopen' }).click();
        await page
          .getByTestId('transition-result')
          .getByText('Assign the issue before reopening it.')
          .waitFor();
        expect(served.sandbox.site.issue('OPS-1').status).toBe('Done');
        // Once Jira's event has reached the app, the page's audit log shows what the app recorded.
        await page
          .getByTestId('audit')
          .getByText(
            'custom-expression · failed · OPS-1 · Jira could not evaluate the expression of the rule',
            { exact: false },
          )
          .waitFor();
        await screenshot(page, 'sandbox-expression-failed-blocked');

        await page.getByTestId('user').selectOption('ada-admin');
        await page.getByTestId('open-admin').click();
        const admin = await appFrame(page);
        await admin.getByRole('tab', { name: 'Executions' }).click();
        await admin.locator('#filter-outcome').fill('Failed');
        await page.keyboard.press('Enter');
        await admin.getByRole('button', { name: 'Apply filters' }).click();
        const rows = admin.getByTestId('executions--table').locator('tbody tr');
        const entry = rows.filter({
          hasText:
            'Jira could not evaluate the expression of the rule "Custom Jira expression" in workflow "Guarded workflow", so it counted as false and blocked the transition.',
        });
        await entry.waitFor();
        const text = await entry.innerText();
        expect(text).toContain('OPS-1');
        // Jira's own reason, and what to do about it.
        expect(text).toContain(
          'Evaluation failed: "issue.assignee.accountId" - Type null does not have any properties',
        );
        expect(text).toContain('Check the expression in the rule’s configuration');
        // One failed evaluation, one entry (Notify's failure, hosts not yet approved, is listed too).
        expect(await rows.filter({ hasText: 'Jira could not evaluate' }).count()).toBe(1);
        await screenshot(page, 'sandbox-expression-failed-admin');
      },
      { viewport: { width: 1400, height: 1000 } },
    );
  }, 180_000);
});

/** A condition Jira cannot evaluate is reported whenever Jira lists the issue's transitions, as the page does. */
describe('sandbox: a condition Jira cannot evaluate', () => {
  const demo = sandboxForTests();

  it('reaches the app’s trigger after the page lists the transitions, and the admin page reads it', async () => {
    const { sandbox } = demo;
    const screen = sandbox.openFrame({
      moduleKey: 'custom-expression-condition',
      accountId: 'ada-admin',
      transitionId: '21',
      list: 'conditions',
    });
    sandbox.saveRuleConfiguration(
      screen.frameId,
      JSON.stringify({ expression: 'issue.assignee.accountId != null', description: 'Assigned issues only' }),
    );
    const offered = sandbox.state('dev-dana').issues.find((i) => i.key === 'OPS-1')?.transitions;
    expect(offered?.map((t) => t.name)).toEqual(['Start Progress']);

    // The admin page's read is queued behind the events' delivery, as its next call to the app would be.
    const admin = sandbox.openFrame({ moduleKey: 'admin-page', accountId: 'ada-admin' });
    const read = (await sandbox.bridge(
      admin.frameId,
      'invoke',
      { functionKey: 'getExecutions', payload: { outcome: 'failed' } },
      'light',
    )) as { ok: true; data: ExecutionsView };
    const entries = read.data.entries.filter((e) => e.issueKey === 'OPS-1');
    expect(entries).toEqual([
      expect.objectContaining({
        module: 'condition',
        rule: 'custom-expression-condition',
        triggeredBy: 'dev-dana',
        summary:
          'Jira could not evaluate the expression of the rule "Custom Jira expression (condition)" in workflow "Guarded workflow", so it counted as false and hid the transition.',
        error: expect.objectContaining({
          code: 'EXPRESSION_FAILED',
          message: 'Evaluation failed: "issue.assignee.accountId" - Type null does not have any properties',
        }),
      }),
    ]);
  });
});
