import type { Page } from 'playwright-core';
import { ruleCatalog } from '../../src/rules/catalog';
import { seedSite } from '../support/seed';
import { screenshot, type ColorMode } from './index';
import { clean, appScreens } from './app-screens';

/**
 * Every post-function's "Only if" field and the expression tester in headless Chromium: Jira's side of the bridge
 * is stood in and `invoke` reaches the real resolver, which calls the Jira emulator as the configuring admin. The
 * admin may browse OPS only: SEC's issues must never be offered.
 */
describe('"Only if" and the expression tester', () => {
  const screens = appScreens();

  function open(
    type: 'jira:workflowPostFunction' | 'jira:workflowValidator',
    moduleKey: string,
    entryPoint: 'create' | 'edit' | 'view',
    config?: unknown,
    theme: ColorMode = 'light',
  ) {
    const { site, kvs } = seedSite();
    site.addUser({ accountId: 'admin', displayName: 'Ada Admin' });
    site.grant('ADMINISTER', { accountId: 'admin' });
    site.grant('BROWSE_PROJECTS', { accountId: 'admin', projectKey: 'OPS' });
    site.addProject({ key: 'SEC', name: 'Security', leadAccountId: 'dev' });
    site.addIssue({ key: 'SEC-1', projectKey: 'SEC', summary: 'Rotate the certificates of the vault' });
    return screens.open({ type, moduleKey, entryPoint, config, site, kvs, accountId: 'admin', theme });
  }

  /** Types in the issue picker and picks the option Jira offered. */
  async function pick(page: Page, id: string, typed: string, option: string) {
    await page.locator(`#${id}-tester-issue`).fill(typed);
    await page.getByRole('option', { name: option, exact: true }).click();
  }

  const resultText = async (page: Page, id: string) => {
    const result = page.getByTestId(`${id}-tester-result`);
    await result.locator('section, p').first().waitFor();
    return result.innerText();
  };

  const postFunctions = ruleCatalog.filter((rule) => rule.kind === 'post-function').map((rule) => rule.key);

  it.each(postFunctions)('%s: shows "Only if" in its form and in its summary', async (key) => {
    const view = await open('jira:workflowPostFunction', key, 'view', { onlyIf: 'issue.priority != null' });
    try {
      await view.page.getByTestId('rule-summary').waitFor();
      expect(await view.page.getByTestId('rule-summary').innerText()).toContain(
        'Only if issue.priority != null is true.',
      );
    } finally {
      await clean(view);
    }
    const edit = await open('jira:workflowPostFunction', key, 'edit', { onlyIf: 'issue.priority != null' });
    try {
      await edit.page.locator('#onlyIf').waitFor();
      expect(await edit.page.locator('#onlyIf').inputValue()).toBe('issue.priority != null');
      expect(await edit.page.getByText('Only if (optional)').count()).toBe(1);
      await edit.page.getByTestId('onlyIf-tester').waitFor();
    } finally {
      await clean(edit);
    }
  });

  it.each<ColorMode>(['light', 'dark'])(
    'Comment: Jira’s analysis error shows beside "Only if" and blocks saving; a valid one is saved (%s)',
    async (theme) => {
      const forge = await open('jira:workflowPostFunction', 'comment', 'create', undefined, theme);
      try {
        const page = forge.page;
        await page.locator('#template').fill('Moved');
        await page.locator('#onlyIf').fill('issue.priority.name ==');
        expect(await forge.onConfigure()).toBeUndefined();
        await page.getByTestId('onlyIf-error').waitFor();
        expect(await page.getByTestId('onlyIf-error').innerText()).toMatch(
          /^Jira rejected the "Only if" expression: .+\(line 1, column \d+\)\. Correct it and save again\.$/,
        );
        await screenshot(page, `post-function-only-if-rejected-${theme}`);
        await page.locator('#onlyIf').fill('issue.priority.name == "High"');
        expect(JSON.parse((await forge.onConfigure()) ?? 'null')).toEqual({
          template: 'Moved',
          fallback: 'fail',
          onlyIf: 'issue.priority.name == "High"',
        });
        expect(await page.getByTestId('onlyIf-error').count()).toBe(0);
      } finally {
        await clean(forge);
      }
    },
  );

  it('Only if tester: picks an issue, shows the result, the value and Jira’s error inline, with the run-time note', async () => {
    const forge = await open('jira:workflowPostFunction', 'set-fields', 'edit', {
      operations: [{ op: 'set', field: 'labels', value: 'released' }],
      onlyIf: 'issue.summary.includes("certificates")',
    });
    try {
      const page = forge.page;
      await page.getByTestId('onlyIf-tester').waitFor();
      expect(await page.getByTestId('onlyIf-tester').innerText()).toContain(
        'Evaluated as you, for this test. When the post-function runs, Jira evaluates it for the user the post-function acts as: the user who made the transition, or the app’s bot user.',
      );
      // The issue is picked from Jira's suggestions; SEC-1, which the admin cannot browse, is never offered.
      await page.locator('#onlyIf-tester-issue').fill('certificates');
      await page.getByRole('option', { name: 'OPS-1 Rotate the certificates', exact: true }).waitFor();
      expect(await page.getByRole('option').allInnerTexts()).toEqual(['OPS-1 Rotate the certificates']);
      await page.getByRole('option', { name: 'OPS-1 Rotate the certificates', exact: true }).click();
      await page.getByTestId('onlyIf-tester-run').click();
      expect(await resultText(page, 'onlyIf')).toMatch(/Result for OPS-1:\s*true\s*Value: true/);
      await screenshot(page, 'post-function-only-if-tester-true');

      await page.locator('#onlyIf').fill('issue.parent.key == "OPS-10"');
      expect(await page.getByTestId('onlyIf-tester-result').innerText()).toBe('');
      await page.getByTestId('onlyIf-tester-run').click();
      expect(await resultText(page, 'onlyIf')).toMatch(
        /^Jira could not evaluate it for OPS-1\W*Evaluation failed: "issue.parent.key" - Type null does not have any properties$/,
      );
      await screenshot(page, 'post-function-only-if-tester-error');

      await page.locator('#onlyIf-tester-issue').fill('SEC-1');
      await page.getByText('No issue you can browse matches').waitFor();
    } finally {
      await clean(forge);
    }
  });

  it('Custom expression: the same tester shows a value that is not true or false', async () => {
    const forge = await open('jira:workflowValidator', 'custom-expression', 'create');
    try {
      const page = forge.page;
      await page.locator('#expression').fill('issue.summary');
      await pick(page, 'expression', 'OPS-1', 'OPS-1 Rotate the certificates');
      await page.getByTestId('expression-tester-run').click();
      expect(await resultText(page, 'expression')).toMatch(
        /Result for OPS-1:\s*not true or false\s*Value: "Rotate the certificates"/,
      );
      expect(await page.getByTestId('expression-tester').innerText()).toContain(
        'When someone makes the transition, Jira evaluates it for that user',
      );
      await screenshot(page, 'validator-custom-expression-tester');
    } finally {
      await clean(forge);
    }
  });
});
