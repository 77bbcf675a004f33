import { seedSite } from '../support/seed';
import { screenshot, type ForgePage } from './index';
import { choose as pick, clean, appScreens } from './app-screens';

/**
 * Issue 18, point 5, in headless Chromium: the template fields' hints (a picker of Jira's fields inserting
 * `{{field:…}}`), the fields looked up on Add/Update and saved with the rule, and what Jira cannot resolve said
 * beside the template that names it.
 */
describe('field values in templates: screens', () => {
  const screens = appScreens();
  const { site, kvs } = seedSite();
  site.addField({ id: 'customfield_10100', name: 'Story Points', type: 'number' });
  site.addField({ id: 'customfield_10300', name: 'Team', type: 'string' });
  site.addField({ id: 'customfield_10301', name: 'Team', type: 'string' });

  const open = (moduleKey: string, config?: unknown): Promise<ForgePage> =>
    screens.open({
      type: 'jira:workflowPostFunction',
      moduleKey,
      entryPoint: config === undefined ? 'create' : 'edit',
      config,
      site,
      kvs,
      theme: 'light',
    });

  it('Comment: the picker inserts a field by name (by id when two share it) and the rule saves it resolved', async () => {
    const forge = await open('comment');
    try {
      const page = forge.page;
      await page.locator('#template').fill('Estimate: ');
      await page.getByText('Insert a field’s value').waitFor();
      await pick(page, 'template-field', 'Story Points (customfield_10100)');
      await pick(page, 'template-field', 'Team (customfield_10301)');
      expect(await page.locator('#template').inputValue()).toBe(
        'Estimate: {{field:Story Points}}{{field:customfield_10301}}',
      );
      // Fields a template cannot show are not offered.
      await page.locator('#template-field').focus();
      await page.keyboard.press('ArrowDown');
      expect(await page.getByRole('option', { name: 'Parent (parent)' }).count()).toBe(0);
      await page.keyboard.press('Escape');
      await screenshot(page, 'template-fields-comment-picker');
      const saved = JSON.parse((await forge.onConfigure()) ?? 'null') as Record<string, unknown>;
      expect(saved).toEqual({
        template: 'Estimate: {{field:Story Points}}{{field:customfield_10301}}',
        fallback: 'fail',
        templateFields: [
          { name: 'Story Points', id: 'customfield_10100', kind: 'number' },
          { name: 'customfield_10301', id: 'customfield_10301', kind: 'text' },
        ],
      });
    } finally {
      await clean(forge);
    }
  });

  it('Comment: an unknown or shared name is refused beside the comment text, naming the ids to choose from', async () => {
    const forge = await open('comment', { template: 'Owner {{field:Team}} and {{field:Sevrity}}' });
    try {
      const page = forge.page;
      await page.locator('#template').waitFor();
      expect(await forge.onConfigure()).toBeUndefined();
      const error = page.getByTestId('template-error');
      await error.waitFor();
      expect(await error.textContent()).toBe(
        '2 fields are named "Team" (customfield_10300, customfield_10301): write {{field:customfield_10300}} or ' +
          '{{field:customfield_10301}} to choose one; Jira has no field named "Sevrity" that you can see: check ' +
          'the spelling, or pick the field from the list.',
      );
      expect(await page.getByTestId('config-errors').innerText()).toContain('Fix the field marked below');
      await screenshot(page, 'template-fields-comment-error');
    } finally {
      await clean(forge);
    }
  });

  it('Create issue: the summary says fields may be shown, and a field it cannot show is refused beside it', async () => {
    const forge = await open('create-issue', {
      kind: 'sub-task',
      issueTypeId: site.issueTypes.get('Subtask')!.id,
      issueTypeName: 'Subtask',
      summary: 'Follow up {{field:Parent}}',
    });
    try {
      const page = forge.page;
      await page.getByText('any field’s value as {{field:Name}}', { exact: false }).waitFor();
      expect(await forge.onConfigure()).toBeUndefined();
      await page.getByTestId('summary-error').waitFor();
      expect(await page.getByTestId('summary-error').textContent()).toContain(
        '"Parent" (parent) is a kind of field a template cannot show',
      );
      await pick(page, 'summary-field', 'Story Points (customfield_10100)');
      await page.locator('#summary').fill('Follow up ({{field:Story Points}} points)');
      const saved = JSON.parse((await forge.onConfigure()) ?? 'null') as Record<string, unknown>;
      expect(saved.templateFields).toEqual([
        { name: 'Story Points', id: 'customfield_10100', kind: 'number' },
      ]);
    } finally {
      await clean(forge);
    }
  });

  it('Set fields: a value naming an unknown field is refused beside that value', async () => {
    const forge = await open('set-fields', {
      operations: [{ op: 'set', field: 'summary', value: 'Points: {{field:Story Pints}}' }],
    });
    try {
      const page = forge.page;
      await page.locator('#value-0').waitFor();
      expect(await forge.onConfigure()).toBeUndefined();
      await page.getByTestId('value-0-error').waitFor();
      expect(await page.getByTestId('value-0-error').textContent()).toContain(
        'Jira has no field named "Story Pints"',
      );
      await screenshot(page, 'template-fields-set-fields-error');
    } finally {
      await clean(forge);
    }
  });
});
