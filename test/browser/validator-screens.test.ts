import { seedSite } from '../support/seed';
import { screenshot, type ColorMode } from './index';
import { choose, clean, appScreens } from './app-screens';

/**
 * Validator configuration screens in headless Chromium: Jira's side of the bridge is stood in, and `invoke`
 * reaches the real resolver, which calls the Jira emulator as the configuring user.
 */
describe('validator configuration screens', () => {
  const screens = appScreens();

  function open(
    moduleKey: string,
    entryPoint: 'create' | 'edit' | 'view',
    config?: unknown,
    theme: ColorMode = 'light',
  ) {
    const { site, kvs } = seedSite();
    site.addField({ id: 'customfield_10050', name: 'Ticket' });
    const forge = screens.open({
      type: 'jira:workflowValidator',
      moduleKey,
      entryPoint,
      config,
      site,
      kvs,
      theme,
    });
    return { site, kvs, forge };
  }

  it.each<ColorMode>(['light', 'dark'])(
    'Fields requirement: picks a field from Jira’s list and round-trips the configuration (%s)',
    async (theme) => {
      const { forge: opening } = open('fields-requirement', 'create', undefined, theme);
      const forge = await opening;
      try {
        const page = forge.page;
        await choose(page, 'field-0', 'Ticket (customfield_10050)');
        await choose(page, 'condition-0', 'matches a pattern');
        await page.locator('#pattern-0').fill('^OPS-\\d+$');
        await page.locator('#hint-0').fill('an OPS issue key such as OPS-12');
        await choose(page, 'failurePolicy', 'Allow the transition');
        await screenshot(page, `validator-fields-requirement-create-${theme}`);
        const saved = JSON.parse((await forge.onConfigure()) ?? 'null') as Record<string, unknown>;
        expect(saved).toEqual({
          failurePolicy: 'allow',
          requirements: [
            {
              fieldId: 'customfield_10050',
              fieldName: 'Ticket',
              condition: 'matches',
              pattern: '^OPS-\\d+$',
              hint: 'an OPS issue key such as OPS-12',
            },
          ],
          description: 'Requires "Ticket" matching /^OPS-\\d+$/; if Jira cannot be asked: allow.',
        });
        const { forge: reopening } = open('fields-requirement', 'edit', saved, theme);
        const edit = await reopening;
        await edit.page.getByText('Ticket (customfield_10050)').waitFor();
        expect(JSON.parse((await edit.onConfigure()) ?? 'null')).toEqual(saved);
        await clean(edit);
      } finally {
        await clean(forge);
      }
    },
  );

  it('Fields requirement: an invalid pattern blocks saving and says why beside the pattern', async () => {
    const { forge: opening, kvs } = open('fields-requirement', 'edit', {
      requirements: [{ fieldId: 'duedate', fieldName: 'Due date', condition: 'matches', pattern: '(' }],
    });
    const forge = await opening;
    try {
      await forge.page.locator('#pattern-0').waitFor();
      expect(await forge.onConfigure()).toBeUndefined();
      const page = forge.page;
      await page.getByTestId('pattern-0-error').waitFor();
      expect(await page.getByTestId('pattern-0-error').innerText()).toBe(
        'The pattern for "Due date" is not a valid regular expression: it has missing closing ) at "(".',
      );
      // Issue 16, point 11: no internal path in the banner, which only says how many fields to fix.
      const banner = await page.getByTestId('config-errors').innerText();
      expect(banner).toContain('Fix the field marked below, then save again.');
      expect(banner).not.toMatch(/requirements\.|pattern:/);
      expect(await page.locator('label[for="pattern-0"]').innerText()).toMatch(/\*$/);
      await screenshot(page, 'validator-fields-requirement-error-beside-pattern');
      // Fixing the pattern clears its error at once; saving then succeeds.
      await page.locator('#pattern-0').fill('^\\d{4}-\\d{2}-\\d{2}$');
      expect(await page.getByTestId('config-errors').count()).toBe(0);
      expect(await forge.onConfigure()).toBeDefined();
      expect(kvs.writes).toBe(0);
    } finally {
      await clean(forge);
    }
  });

  it('Related issues: chooses sub-tasks and a link direction, round-trips the configuration', async () => {
    const { forge: opening, site } = open('related-issues', 'create');
    const forge = await opening;
    try {
      const page = forge.page;
      await choose(page, 'kinds', 'Sub-tasks');
      await choose(page, 'kinds', 'Issues it is blocked by (Blocks)');
      const saved = JSON.parse((await forge.onConfigure()) ?? 'null') as Record<string, unknown>;
      expect(saved).toEqual({
        failurePolicy: 'block',
        requiredCategory: 'done',
        subtasks: true,
        parent: false,
        links: [{ linkType: 'Blocks', direction: 'is blocked by' }],
        description:
          'Requires sub-tasks, issues it is blocked by to be in "Done"; if Jira cannot be asked: block.',
      });
      expect(site.calls.every((c) => c.identity.kind === 'user')).toBe(true);
      await screenshot(page, 'validator-related-issues-create');
    } finally {
      await clean(forge);
    }
  });

  it('Who may transition: names typed by the admin become escaped literals in the saved expression', async () => {
    const { forge: opening, site } = open('who-may-transition', 'create');
    const forge = await opening;
    try {
      const page = forge.page;
      await page.locator('#groups').fill('release "managers"');
      await page.keyboard.press('Enter');
      await choose(page, 'people', 'The assignee');
      await screenshot(page, 'validator-who-may-transition-create');
      const saved = JSON.parse((await forge.onConfigure()) ?? 'null') as Record<string, unknown>;
      expect(saved).toMatchObject({
        groups: ['release "managers"'],
        assignee: true,
        expression:
          'user.groups.some(group => ["release \\"managers\\""].includes(group)) || (issue.assignee != null && issue.assignee.accountId == user.accountId)',
        message: 'Only members of "release "managers"", the assignee may make this transition.',
      });
      // The user-field picker reads Jira's fields, then Jira analyses the expression: both as the admin.
      expect(site.calls.map((c) => c.operationId)).toEqual(['getFields', 'analyseExpression']);
      expect(site.calls.every((c) => c.identity.kind === 'user')).toBe(true);
    } finally {
      await clean(forge);
    }
  });

  it('Custom expression: Jira’s analysis error reaches the screen and nothing is saved until it is fixed', async () => {
    const { forge: opening } = open('custom-expression', 'edit', {
      expression: 'issue.assignee != ',
      message: 'Assign the issue first.',
    });
    const forge = await opening;
    try {
      const page = forge.page;
      await page.locator('#expression').waitFor();
      expect(await forge.onConfigure()).toBeUndefined();
      await page.getByTestId('expression-error').waitFor();
      expect(await page.getByTestId('expression-error').innerText()).toBe(
        'Jira rejected this expression: Unexpected end of expression (line 1, column 16).',
      );
      await screenshot(page, 'validator-custom-expression-error');
      await page.locator('#expression').fill('issue.assignee != null');
      expect(JSON.parse((await forge.onConfigure()) ?? 'null')).toEqual({
        expression: 'issue.assignee != null',
        message: 'Assign the issue first.',
        description: 'Custom expression: Assign the issue first.',
      });
      expect(await page.getByTestId('config-errors').count()).toBe(0);
      expect(await page.getByTestId('expression-error').count()).toBe(0);
    } finally {
      await clean(forge);
    }
  });

  it('Custom expression: a new screen shows no error before anything is typed, marks what is required, then says what is missing beside each field', async () => {
    const { forge: opening, site } = open('custom-expression', 'create');
    const forge = await opening;
    try {
      const page = forge.page;
      await page.locator('#expression').waitFor();
      await page.getByText('Required fields are marked with an asterisk').waitFor();
      expect(await page.locator('[data-testid$="-error"], [data-testid="config-errors"]').count()).toBe(0);
      expect(await page.locator('label[for="expression"]').innerText()).toMatch(/^Jira expression\s*\*$/);
      expect(await page.locator('label[for="message"]').innerText()).toMatch(/\*$/);
      await screenshot(page, 'validator-custom-expression-new');
      expect(await forge.onConfigure()).toBeUndefined();
      await page.getByTestId('expression-error').getByText('Write an expression.').waitFor();
      await page
        .getByTestId('message-error')
        .getByText('Write the message people see when the transition is blocked.')
        .waitFor();
      expect(await page.getByTestId('config-errors').innerText()).toContain(
        'Fix the 2 fields marked below, then save again.',
      );
      expect(site.calls).toHaveLength(0);
    } finally {
      await clean(forge);
    }
  });

  it('view entry point shows the saved description', async () => {
    const { forge: opening } = open('who-may-transition', 'view', {
      description: 'Only the reporter may make this transition.',
    });
    const forge = await opening;
    try {
      await forge.page.getByTestId('rule-summary').waitFor();
      expect(await forge.page.getByTestId('rule-summary').textContent()).toBe(
        'Only the reporter may make this transition.',
      );
    } finally {
      await clean(forge);
    }
  });
});
