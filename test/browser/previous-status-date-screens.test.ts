import { seedProjects } from '../settings/project-site';
import { seedSite } from '../support/seed';
import { screenshot, type ForgePage } from './index';
import { choose, clean, optionsOf as options, appScreens } from './app-screens';

/**
 * The Previous status and Date comparison screens in headless Chromium, with the real configuration resolver (Jira's
 * statuses and fields, and its analysis, in the emulator) behind the bridge. Assertions are on what the admin reads
 * and on what Jira would store.
 */
describe('Previous status and Date comparison screens', () => {
  const screens = appScreens();

  function open(moduleKey: string, entryPoint: 'create' | 'edit', config?: unknown, locale = 'en-US') {
    const { site, kvs } = seedSite();
    // The admin configuring workflows: reading statuses needs Administer projects (or Administer Jira).
    site.grant('ADMINISTER_PROJECTS', { accountId: 'dev', projectKey: 'OPS' });
    site.addField({ id: 'customfield_10110', name: 'Start date', type: 'date' });
    site.addField({ id: 'customfield_10111', name: 'Deploy at', type: 'datetime' });
    site.addField({ id: 'customfield_10112', name: 'Team', type: 'string' });
    const forge = screens.open({
      type: 'jira:workflowValidator',
      moduleKey,
      entryPoint,
      config,
      site,
      kvs,
      locale,
    });
    return { site, forge };
  }

  const saved = async (forge: ForgePage) =>
    JSON.parse((await forge.onConfigure()) ?? 'null') as Record<string, unknown> | null;

  it('Previous status: statuses picked from Jira by name, the meaning of each choice said, round-tripped through edit', async () => {
    const { site, forge: opening } = open('previous-status', 'create');
    const forge = await opening;
    const id = (name: string) => site.requireStatus(name).id;
    try {
      const { page } = forge;
      await page
        .getByText(
          "Previous status: the transition goes ahead only if the issue's previous status is one you choose, as JSU's and JMWE's Previous status rules check it.",
        )
        .waitFor();
      await page
        .getByText(
          'The status the issue was in just before its current one. An issue still in the status it was created in has no previous status, so it is blocked.',
        )
        .waitFor();
      expect(await options(page, 'statuses')).toEqual(['Done', 'In Progress', 'To Do']);
      await choose(page, 'statuses', 'In Progress');
      await choose(page, 'mode', 'Any status it has ever been in');
      await page
        .getByText(
          'Any status the issue has left at some time, however long ago. The status it is in now counts only once it has left it before.',
        )
        .waitFor();
      await screenshot(page, 'validator-previous-status-create');
      const config = await saved(forge);
      expect(config).toEqual({
        statuses: [{ id: id('In Progress'), name: 'In Progress' }],
        mode: 'ever',
        message: 'This transition is only for issues that have been in "In Progress" before.',
        expression: `issue.changelogs.some(change => change.items.some(item => item.fieldId == "status" && ["${id('In Progress')}"].includes(item.from)))`,
        description:
          'Allowed only if the issue has been in "In Progress" at some time before its current status.',
      });
      const { forge: reopening } = open('previous-status', 'edit', config);
      const edit = await reopening;
      await edit.page.getByText('Any status it has ever been in').waitFor();
      await edit.page.getByText('In Progress', { exact: true }).waitFor();
      expect(await saved(edit)).toEqual(config);
      await clean(edit);
    } finally {
      await clean(forge);
    }
  });

  it('Previous status: saving with no status says so beside the picker, and nothing is saved', async () => {
    const { forge: opening } = open('previous-status', 'create');
    const forge = await opening;
    try {
      const { page } = forge;
      await page.locator('#statuses').waitFor();
      expect(await forge.onConfigure()).toBeUndefined();
      await page.getByTestId('statuses-error').waitFor();
      expect(await page.getByTestId('statuses-error').textContent()).toBe('Choose at least one status.');
    } finally {
      await clean(forge);
    }
  });

  it('Date comparison: only date fields offered; Due date at least 2 days after today, empty blocks', async () => {
    const { forge: opening } = open('date-compare', 'create');
    const forge = await opening;
    try {
      const { page } = forge;
      await page
        .getByText('Date comparison: the transition goes ahead only when a date field compares')
        .waitFor();
      expect(await options(page, 'field')).toEqual([
        'Created (created)',
        'Deploy at (customfield_10111)',
        'Due date (duedate)',
        'Start date (customfield_10110)',
        'Updated (updated)',
      ]);
      await choose(page, 'field', 'Due date (duedate)');
      await choose(page, 'operator', 'is on or after (>=)');
      await page.locator('#offsetDays').fill('2');
      await screenshot(page, 'validator-date-compare-create');
      expect(await saved(forge)).toEqual({
        field: { id: 'duedate', name: 'Due date', kind: 'date' },
        operator: '>=',
        against: 'now',
        offsetDays: 2,
        whenEmpty: 'block',
        message: '"Due date" must be on or after today + 2 days; fill in "Due date".',
        expression:
          'let value = issue.dueDate; let other = new CalendarDate(); value == null ? false : value >= other.plusDays(2)',
        description:
          '"Due date" must be on or after today + 2 days. An empty "Due date" blocks the transition.',
      });
    } finally {
      await clean(forge);
    }
  });

  it('Date comparison: against another field, a wrong offset and a missing field are said beside them', async () => {
    const { forge: opening } = open('date-compare', 'create');
    const forge = await opening;
    try {
      const { page } = forge;
      await choose(page, 'field', 'Deploy at (customfield_10111)');
      await choose(page, 'against', 'Another date field');
      await page.locator('#offsetDays').fill('1.5');
      expect(await forge.onConfigure()).toBeUndefined();
      await page.getByTestId('offsetDays-error').waitFor();
      expect(await page.getByTestId('offsetDays-error').textContent()).toBe(
        'This field must be a whole number.',
      );
      await page.locator('#offsetDays').fill('-1');
      expect(await forge.onConfigure()).toBeUndefined();
      await page.getByTestId('otherField-error').waitFor();
      expect(await page.getByTestId('otherField-error').textContent()).toBe(
        'Choose the date field to compare with.',
      );
      await choose(page, 'otherField', 'Start date (customfield_10110)');
      await choose(page, 'whenEmpty', 'Let the transition through');
      const config = await saved(forge);
      expect(config).toMatchObject({
        otherField: { id: 'customfield_10110', name: 'Start date', kind: 'date' },
        offsetDays: -1,
        whenEmpty: 'allow',
        description:
          '"Deploy at" must be on or after "Start date" − 1 day. While "Deploy at" or "Start date" is empty, the rule lets the transition through.',
      });
    } finally {
      await clean(forge);
    }
  });

  it('project settings: both rules read "Always on": Jira evaluates them, so a project cannot switch them off', async () => {
    const { site, kvs } = seedProjects();
    const forge = await screens.openProjectSettings({ site, kvs, accountId: 'opsAdmin', projectKey: 'OPS' });
    try {
      const { page } = forge;
      for (const rule of ['previous-status', 'date-compare']) {
        await page.getByTestId(`rule-${rule}-always-on`).waitFor();
        expect(await page.getByTestId(`rule-${rule}-always-on`).textContent()).toBe(
          'Always on (Jira evaluates it)',
        );
        expect(await page.locator(`#rule-${rule}`).count()).toBe(0);
      }
      await page
        .getByText('evaluated by Jira itself without calling the app, so they cannot be turned off here')
        .waitFor();
    } finally {
      await clean(forge);
    }
  });

  it('reads in French for a French viewer: labels, choices and help from the fr-FR catalogue', async () => {
    const { forge: opening } = open('date-compare', 'create', undefined, 'fr-FR');
    const forge = await opening;
    try {
      const { page } = forge;
      await page.locator('label[for="whenEmpty"]').waitFor();
      const label = (id: string) => page.locator(`label[for="${id}"]`).textContent();
      expect(await label('field')).toContain('Champ de date');
      expect(await label('against')).toBe('Comparé à');
      expect(await label('whenEmpty')).toBe('Quand un champ est vide');
      await page.getByText('Bloquer la transition', { exact: true }).waitFor();
      const { forge: statuses } = open('previous-status', 'create', undefined, 'fr-FR');
      const other = await statuses;
      await other.page.locator('label[for="mode"]').waitFor();
      expect(await other.page.locator('label[for="mode"]').textContent()).toBe(
        'Quel statut antérieur compte',
      );
      await other.page.getByText('Le statut précédent le plus récent', { exact: true }).waitFor();
      await clean(other);
    } finally {
      await clean(forge);
    }
  });
});
