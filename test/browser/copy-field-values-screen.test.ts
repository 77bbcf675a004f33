import { seedCopyValues } from '../support/seed';
import { screenshot } from './index';
import { choose, clean, appScreens } from './app-screens';

/**
 * The Copy field values screen in headless Chromium: fields and link types come from Jira through the real
 * configuration resolver (as the configuring user `dev`, against the emulator); a pair whose types do not fit is
 * refused on Add, with the reason beside the field to change.
 */
describe('Copy field values screen', () => {
  const screens = appScreens();

  function open(entryPoint: 'create' | 'edit' | 'view', config?: unknown, locale = 'en-US') {
    const { site, kvs } = seedCopyValues();
    return screens.open({
      type: 'jira:workflowPostFunction',
      moduleKey: 'copy-field-values',
      entryPoint,
      config,
      site,
      kvs,
      locale,
    });
  }

  it('sums the sub-tasks’ points: a text source is refused beside the field, a number one is saved with its type', async () => {
    const forge = await open('create');
    try {
      const page = forge.page;
      await choose(page, 'from-0', 'Notes (customfield_10019)');
      await choose(page, 'to-0', 'Total points (customfield_10017)');
      await choose(page, 'aggregation-0', 'The sum');
      expect(await forge.onConfigure()).toBeUndefined();
      await page.getByTestId('from-0-error').waitFor();
      expect(await page.getByTestId('from-0-error').textContent()).toBe(
        'A sum adds numbers, and "Notes" holds a string.',
      );
      await choose(page, 'from-0', 'Story points (customfield_10016)');
      expect(await page.getByTestId('from-0-error').count()).toBe(0);
      await screenshot(page, 'post-function-copy-field-values-create');
      const saved = await forge.onConfigure();
      expect(JSON.parse(saved ?? 'null')).toMatchObject({
        direction: 'pull',
        relation: 'sub-tasks',
        pairs: [
          {
            from: 'customfield_10016',
            fromName: 'Story points',
            fromSchema: { type: 'number' },
            to: 'customfield_10017',
            toName: 'Total points',
            toSchema: { type: 'number' },
            aggregation: 'sum',
          },
        ],
      });
      const view = await open('view', JSON.parse(saved ?? '{}'));
      await view.page.getByTestId('rule-summary').waitFor();
      expect(await view.page.getByTestId('rule-summary').textContent()).toContain(
        'Copies the sum of Story points into Total points from the sub-tasks into the issue.',
      );
      await clean(view);
      const edit = await open('edit', JSON.parse(saved ?? '{}'));
      await edit.page.locator('#from-0').waitFor();
      expect(await edit.onConfigure()).toBe(saved);
      await clean(edit);
    } finally {
      await clean(forge);
    }
  });

  it('speaks French to a French viewer: its labels and its summary', async () => {
    const forge = await open('create', undefined, 'fr-FR');
    try {
      await forge.page.getByText('Tickets associés', { exact: true }).waitFor();
      expect(await forge.page.getByText('Depuis le champ des tickets associés').count()).toBe(1);
    } finally {
      await clean(forge);
    }
    const view = await open(
      'view',
      {
        relation: 'sub-tasks',
        pairs: [
          {
            from: 'customfield_10016',
            fromName: 'Story points',
            to: 'customfield_10017',
            toName: 'Total points',
            aggregation: 'sum',
          },
        ],
      },
      'fr-FR',
    );
    try {
      await view.page.getByTestId('rule-summary').waitFor();
      expect(await view.page.getByTestId('rule-summary').textContent()).toContain(
        'Copie la somme de Story points dans Total points depuis les sous-tâches dans le ticket.',
      );
    } finally {
      await clean(view);
    }
  });

  it('pushes into linked issues: the link type is picked from Jira, with the side of the link', async () => {
    const forge = await open('create');
    try {
      const page = forge.page;
      await choose(page, 'direction', 'From this issue, into the related issues');
      await choose(page, 'relation', 'Issues linked with a link type');
      await choose(page, 'from-0', 'Due date (duedate)');
      await choose(page, 'to-0', 'Due date (duedate)');
      // No aggregation when one issue's values are copied.
      expect(await page.locator('#aggregation-0').count()).toBe(0);
      expect(await forge.onConfigure()).toBeUndefined();
      await page.getByTestId('linkType-error').waitFor();
      expect(await page.getByTestId('linkType-error').textContent()).toBe(
        'Choose the link type of the issues to copy between.',
      );
      await choose(page, 'linkType', 'Blocks (blocks / is blocked by)');
      await choose(page, 'linkSide', 'Issues this issue blocks');
      await screenshot(page, 'post-function-copy-field-values-linked');
      expect(JSON.parse((await forge.onConfigure()) ?? 'null')).toMatchObject({
        direction: 'push',
        relation: 'linked',
        linkType: { name: 'Blocks', inward: 'is blocked by', outward: 'blocks' },
        linkSide: 'outward',
        pairs: [{ from: 'duedate', to: 'duedate', aggregation: 'first', fromSchema: { type: 'date' } }],
      });
    } finally {
      await clean(forge);
    }
  });
});
