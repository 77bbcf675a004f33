import type { Page } from 'playwright-core';
import { screenshot } from '../browser';
import { appFrame, servedSandbox } from './serve';

/**
 * Issue 16, the sandbox points: what a person reads on `npm start`'s page is what the app recorded, the page offers
 * only what the person may do, and Jira's refusals are worded for people (never raw JSON).
 */
describe('the sandbox tells the truth', () => {
  const served = servedSandbox();

  const outcomes = (page: Page) => page.getByTestId('post-function-outcome').allTextContents();
  const newestAudit = (rule: string) => served.sandbox.state().audit.find((entry) => entry.rule === rule);
  const noRawJson = async (page: Page) =>
    expect(await page.locator('body').innerText()).not.toMatch(/\{"|errorMessages/);

  it('shows each post-function as the audit recorded it, offers only allowed transitions, words refusals', async () => {
    await served.walkSandbox(async ({ page }) => {
      await page.getByTestId('issue').getByText('OPS-1: Rotate the TLS certificates').waitFor();

      // Every fault button says what it does.
      const faults = page.getByTestId('faults');
      await faults
        .getByText("Jira answers half of the app's calls “too many requests” until cleared.")
        .waitFor();
      await faults
        .getByText('As if the Jira admin had not approved the update that adds write:jira-work.')
        .waitFor();

      // Point 6: the issue's fields are on the page, by name.
      await page.getByText('WEB-1 Refresh the landing page').click();
      const fields = page.getByTestId('fields');
      expect(await fields.innerText()).toMatch(/Assignee\s+Dana Developer/);
      expect(await fields.innerText()).toMatch(/Labels\s+None/);

      // Point 2, failure: without write:jira-work the comment fails, and the page says so with the app's reason.
      await page.getByRole('button', { name: 'Missing scope' }).click();
      await page.getByTestId('fault-state').getByText('Fault: missing-scope', { exact: false }).waitFor();
      await page.getByText('OPS-1 Rotate the TLS certificates').click();
      await page.getByRole('button', { name: 'Done' }).click();
      await page.getByTestId('transition-result').getByText('Transition done.', { exact: false }).waitFor();
      const failed = await outcomes(page);
      expect(newestAudit('comment')?.outcome).toBe('failed');
      expect(failed.find((text) => text.includes('Comment:'))).toMatch(
        /^Workflow Guard – Comment: failed — .*lacks the OAuth scope write:jira-work/,
      );
      expect(failed.join('\n')).not.toMatch(/deliver(y|ies)\)/);
      await page.getByTestId('transition-result').getByRole('alert').waitFor();
      await screenshot(page, 'sandbox-truth-1-failure-shown');
      await page.getByRole('button', { name: 'Clear' }).click();
      await page.getByTestId('fault-state').getByText('No fault injected.').waitFor();

      // Point 5: a viewer does not keep the admin page the Jira admin had open.
      await page.getByTestId('user').selectOption('ada-admin');
      await page.getByTestId('open-admin').click();
      const admin = await appFrame(page);
      // Point 12: the connections tab says what is known about the user's account, in whole labels, not as an error.
      await admin.getByRole('tab', { name: 'Secrets and connections' }).click();
      const provider = admin.locator('[data-testid^="provider-"]').first();
      await provider.waitFor();
      const said = await provider.innerText();
      expect(said).toMatch(/Connected|Not connected|State unknown/);
      expect(said).not.toContain('…');
      for (const label of await provider.locator('span').all()) {
        const cut = await label.evaluate((node: unknown) => {
          const box = node as { scrollWidth: number; clientWidth: number };
          return box.scrollWidth > box.clientWidth + 1;
        });
        expect(cut).toBe(false);
      }
      expect(await provider.locator('[style*="danger"], [class*="danger"]').count()).toBe(0);
      await screenshot(page, 'sandbox-truth-0-connections');
      await page.getByTestId('user').selectOption('vic-viewer');
      await page
        .getByTestId('page-notice')
        .getByText(
          "Vic Viewer (browse only) is not a Jira admin, so Jira does not show them the app's page in Jira settings › Apps.",
        )
        .waitFor();
      expect(await page.locator('#frame-panel').isHidden()).toBe(true);

      // Point 3: the viewer may not transition in WEB, so no transition is offered there.
      await page.getByText('WEB-1 Refresh the landing page').click();
      await page.getByTestId('no-transitions').waitFor();
      expect(await page.getByTestId('issue').getByRole('button').count()).toBe(0);
      await screenshot(page, 'sandbox-truth-2-viewer');

      // Point 2, skipped: the project admin turns Comment off in OPS; the next transition says skipped and why.
      await page.getByTestId('user').selectOption('pete-project-admin');
      await page.getByText('OPS-2 Patch the database servers').click();
      await page.getByTestId('open-project').click();
      const settings = await appFrame(page);
      await settings.getByText('Operations (OPS)').waitFor();
      await settings.locator('#rule-comment').focus();
      await page.keyboard.press('ArrowDown');
      await settings.getByRole('option', { name: 'Off', exact: true }).click();
      await settings.getByRole('button', { name: 'Save' }).click();
      await settings.getByText('Settings saved').waitFor();
      await page.getByRole('button', { name: 'Close' }).click();
      await page.getByTestId('user').selectOption('dev-dana');
      await page.getByRole('button', { name: 'Done' }).click();
      await page.getByTestId('transition-result').getByText('Transition done.', { exact: false }).waitFor();
      expect(newestAudit('comment')?.outcome).toBe('skipped');
      expect(await outcomes(page)).toContain(
        'Workflow Guard – Comment: skipped — Turned off in the project settings of OPS: nothing was done',
      );

      // Point 5: the settings change reads without an empty slot, and long entries wrap inside the sidebar.
      const audit = await page.getByTestId('audit').innerText();
      expect(audit).toMatch(/changed · OPS · /);
      expect(audit).not.toMatch(/· {1,2}·/);
      const pageWidth = await page.evaluate<number>('document.documentElement.scrollWidth');
      expect(pageWidth).toBeLessThanOrEqual(1400);
      await noRawJson(page);
      await screenshot(page, 'sandbox-truth-3-skipped');
    });
  }, 180_000);

  it('lists every rule of the demo workflow by name, in a fixed order, each opening its screen', async () => {
    const workflow = served.sandbox.site.workflows.get('Guarded workflow');
    const count = (workflow?.transitions ?? []).reduce(
      (sum, t) => sum + t.conditions.length + t.validators.length + t.postFunctions.length,
      0,
    );
    await served.walkSandbox(async ({ page }) => {
      await page.getByTestId('user').selectOption('ada-admin');
      const items = page.getByTestId('workflow-rule');
      await items.first().waitFor();
      const listed = (await items.allTextContents()).map((text) => text.replace(/\s*Configure$/, ''));
      expect(listed).toHaveLength(count);
      expect(listed).toEqual([...listed].sort((a, b) => a.localeCompare(b)));
      for (const label of listed) expect(label).toMatch(/^Workflow Guard – .+ on “.+”$/);
      // The list does not depend on who looks or which transitions issues can take now.
      await page.getByTestId('user').selectOption('vic-viewer');
      await page.getByText('WEB-1 Refresh the landing page').click();
      await page.getByTestId('no-transitions').waitFor();
      expect((await items.allTextContents()).map((text) => text.replace(/\s*Configure$/, ''))).toEqual(
        listed,
      );
      await page.getByTestId('user').selectOption('ada-admin');
      for (const [index, label] of listed.entries()) {
        await items.nth(index).getByRole('button', { name: 'Configure' }).click();
        await page.locator('#frame-title').getByText(`Configure ${label}`).waitFor();
        const frame = await appFrame(page);
        await frame
          .getByText(/\w{3,}/)
          .first()
          .waitFor();
        expect((await frame.locator('body').innerText()).trim().length).toBeGreaterThan(40);
        await page.getByRole('button', { name: 'Close' }).click();
      }
      await screenshot(page, 'sandbox-truth-4-workflow-rules');
    });
  }, 180_000);

  it('words a refusal of the person’s own transition for people', async () => {
    served.sandbox.site.faults.inject({
      match: { identity: 'user', operationId: 'doTransition' },
      response: { kind: 'rateLimit', reason: 'jira-burst-based', retryAfterSeconds: 30 },
    });
    const issue = served.sandbox.state('dev-dana').issues.find((i) => i.key === 'WEB-1');
    const done = issue?.transitions.find((t) => t.name === 'Done');
    expect(
      await served.sandbox.transition({
        accountId: 'dev-dana',
        issueKey: 'WEB-1',
        transitionId: done?.id ?? '',
      }),
    ).toEqual({
      ok: false,
      messages: [
        'Jira is handling too many requests right now and did not make the transition. Try again in 30 seconds.',
      ],
    });
    // A transition the person may not take is refused before Jira is asked, in words.
    expect(
      await served.sandbox.transition({
        accountId: 'vic-viewer',
        issueKey: 'WEB-1',
        transitionId: done?.id ?? '',
      }),
    ).toEqual({
      ok: false,
      messages: [
        'You cannot make this transition on WEB-1: it is not available from its status, a condition hides it from you, or you lack the Jira permission "Transition issues" in its project.',
      ],
    });
  });
});
