import {
  buildPostFunctionEvent,
  callResolver,
  runPostFunction,
  type MemoryKvs,
  type ResolverHandler,
} from '../harness';
import type { JiraSite } from '../emulator';
import { projectSettingsResolver } from '../../src/pages/project-settings';
import { commentPostFunction } from '../../src/rules/comment';
import { storageKeys } from '../../src/access/storage-keys';
import { pageContext, seedProjects } from '../settings/project-site';
import { screenshot, type ColorMode, type ForgePage } from './index';
import { appScreens } from './app-screens';

const handler = projectSettingsResolver as unknown as ResolverHandler;

/** A project with some history: one comment applied, one failed, and the bot missing "Edit issues". */
async function seedHistory(): Promise<{ site: JiraSite; kvs: MemoryKvs }> {
  const { site, kvs } = seedProjects();
  site.addUser({ accountId: 'viewer', displayName: 'Vic Viewer' });
  site.grant('BROWSE_PROJECTS', { projectKey: 'OPS', accountId: 'viewer' });
  const run = (atlassianId: string) =>
    runPostFunction(
      commentPostFunction,
      buildPostFunctionEvent(site, {
        issueKey: 'OPS-1',
        transitionId: '21',
        atlassianId,
        configuration: { template: 'Started by {{user}}', actor: 'transitioning-user' },
      }),
      { site, kvs },
    );
  await run('dev');
  await run('viewer');
  site.revoke('EDIT_ISSUES', { accountId: site.appBot.accountId });
  return { site, kvs };
}

describe('project settings page in headless Chromium (real resolver behind the bridge)', () => {
  const screens = appScreens();
  const open = (site: JiraSite, kvs: MemoryKvs, theme: ColorMode): Promise<ForgePage> =>
    screens.openProjectSettings({ site, kvs, accountId: 'opsAdmin', projectKey: 'OPS', theme });

  async function choose(forge: ForgePage, inputId: string, option: string) {
    await forge.page.locator(`#${inputId}`).focus();
    await forge.page.keyboard.press('ArrowDown');
    await forge.page.getByRole('option', { name: option, exact: true }).click();
  }

  const expectClean = (forge: ForgePage) => {
    expect(forge.externalRequests).toEqual([]);
    expect(forge.pageErrors).toEqual([]);
    expect(forge.consoleErrors).toEqual([]);
  };

  it('edits the settings, then meets a conflicting edit and loads it', async () => {
    const { site, kvs } = await seedHistory();
    const forge = await open(site, kvs, 'light');
    try {
      const { page } = forge;
      await page.getByText('Operations (OPS)').waitFor();
      await page.getByText('Not saved yet').waitFor();
      await screenshot(page, 'project-settings-light');

      await choose(forge, 'rule-comment', 'Off');
      await choose(forge, 'default-actor', 'The user who made the transition');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Settings saved').waitFor();
      await page.getByText('Last changed by you').waitFor();
      expect(kvs.snapshot().kvs[storageKeys.projectSettings(site.requireProject('OPS').id)]).toMatchObject({
        revision: 1,
        updatedBy: 'opsAdmin',
        settings: { disabledRules: ['comment'], defaults: { actor: 'transitioning-user' } },
      });
      await screenshot(page, 'project-settings-saved');

      // Another admin saves while this page still shows revision 1.
      const other = await callResolver(
        handler,
        'saveProjectSettings',
        {
          expectedRevision: 1,
          settings: {
            disabledRules: [],
            defaults: { actor: 'app', allowAppFallback: false, reportFailureOnIssue: false, connections: [] },
          },
        },
        pageContext(site, 'jiraAdmin', 'OPS'),
        { site, kvs },
      );
      expect(other).toMatchObject({ ok: true });

      await choose(forge, 'report-failures', 'Yes, as a comment by the app');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Someone else changed these settings').waitFor();
      // Issue 16, point 7: who saved first, by name.
      expect(await page.getByText(/changed by Jo Jira-Admin at .* \(revision 2\)/).count()).toBe(1);
      expect(kvs.snapshot().kvs[storageKeys.projectSettings(site.requireProject('OPS').id)]).toMatchObject({
        revision: 2,
        settings: { defaults: { reportFailureOnIssue: false } },
      });
      await screenshot(page, 'project-settings-conflict');

      await page.getByRole('button', { name: 'Load the latest settings' }).click();
      await page.getByText('Last changed by Jo Jira-Admin').waitFor();
      expect(await page.getByText('Never in this project').count()).toBe(1);
      expectClean(forge);
    } finally {
      await forge.close();
    }
  });

  it.each<ColorMode>(['light', 'dark'])(
    'shows the app’s missing permission with the fix, and the project’s activity (%s)',
    async (theme) => {
      const { site, kvs } = await seedHistory();
      const forge = await open(site, kvs, theme);
      try {
        const { page } = forge;
        await page.getByText('Operations (OPS)').waitFor();
        if (theme === 'dark') await screenshot(page, 'project-settings-dark');
        await page.getByRole('tab', { name: 'App permissions (1 missing)' }).click();
        await page.getByText('The app lacks “Edit issues”').waitFor();
        await page.getByText('permission scheme of OPS').waitFor();
        await screenshot(page, `project-settings-permissions-${theme}`);

        // The one comment the history added (the viewer's run failed): its entry names that comment's id.
        const comments = site.issue('OPS-1').comments;
        expect(comments).toHaveLength(1);
        const added = `Comment ${comments[0]?.id} added`;
        await page.getByRole('tab', { name: 'Recent activity' }).click();
        await page.getByText(added).waitFor();
        expect(await page.getByText(/Comment \d+ added/).count()).toBe(1);
        expect(await page.getByText('The effect was not applied').count()).toBe(1);
        await screenshot(page, `project-settings-activity-${theme}`);

        await choose(forge, 'activity-filter', 'Failures only');
        await page.getByText(added).waitFor({ state: 'detached' });
        expect(await page.getByText('The effect was not applied').count()).toBe(1);
        expectClean(forge);
      } finally {
        await forge.close();
      }
    },
  );
});
