import { screenshot } from '../browser';
import { servedSandbox } from './serve';

/**
 * `npm start`'s demo workflow carries its rules the way Jira's workflow APIs list Forge rules, so the admin page finds
 * every one of them, as a Jira admin reads it in headless Chromium.
 */
describe('sandbox: the admin page finds the demo workflow’s rules', () => {
  const { walkSandbox } = servedSandbox();

  it('lists each rule of "Guarded workflow" on its transition, and the rules in use on the Identity tab', async () => {
    await walkSandbox(async ({ page }) => {
      await page.getByTestId('user').selectOption('ada-admin');
      await page.getByTestId('open-admin').click();
      const handle = await page.waitForSelector('#frame');
      const admin = await handle.contentFrame();
      if (!admin) throw new Error('the admin page did not load');

      await admin.getByRole('tab', { name: 'Where rules are used' }).click();
      const table = admin.getByTestId('rule-usages--table');
      await table.getByText('Fields requirement validator').waitFor();
      const rows = await table.locator('tbody tr').allInnerTexts();
      const lines = rows.map((row) => row.replace(/\s+/g, ' ').trim());
      expect(lines).toEqual([
        expect.stringMatching(
          /^Guarded workflow Start Progress: To Do → In Progress Fields requirement validator Requires Description/,
        ),
        'Guarded workflow Start Progress: To Do → In Progress Assign post-function Assigns the issue to members of Developers in turn.',
        expect.stringMatching(/^Guarded workflow Done: To Do, In Progress → Done Comment post-function /),
        expect.stringMatching(
          /^Guarded workflow Done: To Do, In Progress → Done Notify an external service post-function /,
        ),
        'Guarded workflow Done: To Do, In Progress → Done Create issue post-function Creates a Task in Operations (OPS): “Verify {{issue.key}}: {{issue.summary}}”, linked back (Relates).',
        expect.stringMatching(/^Guarded workflow Reopen: Done → To Do Who may transition validator /),
        // The demo's expression Jira cannot evaluate on an unassigned issue (expression-failed.test.ts).
        'Guarded workflow Reopen: Done → To Do Custom Jira expression validator Only an assigned issue may be reopened.',
        'Guarded workflow Reopen: Done → To Do Link issues post-function Links the issue to the issues found by “project = OPS AND statusCategory != Done” (Relates).',
        'Guarded workflow Approve: In Progress → Done Date comparison validator "Due date" must be on or after today. While "Due date" is empty, the rule lets the transition through.',
        expect.stringMatching(
          /^Guarded workflow Approve: In Progress → Done Who may transition \(condition\) condition Only members of "ops-leads" may make this transition\./,
        ),
        'Guarded workflow Approve: In Progress → Done Copy field values post-function Copies the sum of Story points into Total points from the sub-tasks into the issue.',
        'Guarded workflow Approve: In Progress → Done Comment post-function Adds a comment as the user in Reporter (as the app when they may not): “Approved by {{user}}: thanks, this is what I reported.”',
        'Guarded workflow Resume: Done → In Progress Previous status validator Allowed only if the status just before the current one was "In Progress".',
      ]);
      expect(await admin.getByText('No workflow uses a Workflow Guard rule yet').count()).toBe(0);
      await screenshot(page, 'sandbox-rules-in-use');

      await admin.getByRole('tab', { name: 'Identity' }).click();
      await admin
        .getByText(
          'Rules in use on this site: Assign, Comment, Copy field values, Create issue, Custom Jira expression, Date comparison, Fields requirement, Link issues, Notify an external service, Previous status, Who may transition, Who may transition (condition).',
        )
        .waitFor();
    });
  }, 120_000);
});
