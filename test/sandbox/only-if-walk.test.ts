import { screenshot } from '../browser';
import { appFrame, servedSandbox } from './serve';

/**
 * `npm start`, walked as a Jira admin would: the Done transition's Comment post-function gets an "Only if", tried
 * on two issues with the expression tester before saving; then a transition where it is false shows the
 * post-function skipped with the reason, on the page and in the audit log.
 */
describe('the sandbox: "Only if" and the expression tester', () => {
  const { walkSandbox } = servedSandbox();

  it('tests an expression on picked issues, saves it, and skips the post-function where it is false', async () => {
    await walkSandbox(
      async ({ page }) => {
        await page.getByTestId('user').selectOption('ada-admin');
        await page
          .getByTestId('workflow-rule')
          .filter({ hasText: 'Workflow Guard – Comment on “Done”' })
          .getByRole('button', { name: 'Configure' })
          .click();
        const frame = await appFrame(page);
        await frame.locator('#onlyIf').fill('issue.summary.includes("database")');

        const test = async (typed: string, option: string) => {
          await frame.locator('#onlyIf-tester-issue').fill(typed);
          await frame.getByRole('option', { name: option, exact: true }).click();
          await frame.getByTestId('onlyIf-tester-run').click();
          const result = frame.getByTestId('onlyIf-tester-result');
          await result.getByText(/Result for/).waitFor();
          return result.innerText();
        };
        expect(await test('database', 'OPS-2 Patch the database servers')).toMatch(
          /Result for OPS-2:\s*true\s*Value: true/,
        );
        expect(await test('OPS-1', 'OPS-1 Rotate the TLS certificates')).toMatch(
          /Result for OPS-1:\s*false\s*Value: false/,
        );
        await frame
          .getByText(
            'When the post-function runs, Jira evaluates it for the user the post-function acts as',
            {
              exact: false,
            },
          )
          .waitFor();
        await screenshot(page, 'sandbox-only-if-tester');
        await page.locator('#frame-save').click();
        await page.locator('#frame-status').getByText('Saved.').waitFor();
        await page.getByRole('button', { name: 'Close' }).click();

        // Dana closes OPS-1: the comment is skipped, saying why; Notify, which has no "Only if", still sends.
        await page.getByTestId('user').selectOption('dev-dana');
        await page.getByText('OPS-1 Rotate the TLS certificates').click();
        await page.getByRole('button', { name: 'Done' }).click();
        const outcome = page.getByTestId('post-function-outcome').filter({ hasText: 'Comment' });
        await outcome.waitFor();
        // The person by name, as the page names everyone (issue 16, point 7).
        expect(await outcome.innerText()).toMatch(
          /^Workflow Guard – Comment: skipped — Only if “issue\.summary\.includes\("database"\)” was false for OPS-1 \(evaluated as the user Dana Developer \(Workflow Guard acting on their behalf\)\): nothing was done$/,
        );
        // The audit log the page shows says the same.
        await page
          .locator('#audit')
          .getByText('comment · skipped · OPS-1 · Only if “issue.summary.includes("database")” was false', {
            exact: false,
          })
          .waitFor();
        expect(await page.getByText('was closed by', { exact: false }).count()).toBe(0);
        await screenshot(page, 'sandbox-only-if-skipped');

        // The Jira admin reads the same reason in the admin page's executions.
        await page.getByTestId('user').selectOption('ada-admin');
        await page.getByTestId('open-admin').click();
        const admin = await appFrame(page);
        await admin.getByRole('tab', { name: 'Executions' }).click();
        await admin
          .getByText('Only if “issue.summary.includes("database")” was false for OPS-1', { exact: false })
          .first()
          .waitFor();
        await screenshot(page, 'sandbox-only-if-admin-executions');
      },
      { viewport: { width: 1400, height: 1000 } },
    );
  }, 180_000);
});
