import { adminPageHost } from './admin-host';
import { egressApprovalsOf, type MemoryKvs } from '../harness';
import type { JiraSite } from '../emulator';
import { seedHealthSite } from '../health/health-site';
import { buildCustomUi, openForgePage, screenshot, type ForgePage } from './index';

/**
 * The admin page's Health tab in headless Chromium, every `invoke` through the real resolver against the emulator:
 * what a Jira admin reads when the site is healthy, and after a group the rules name was renamed.
 */
describe('admin page: health panel in headless Chromium', () => {
  let distDir: string;
  let site: JiraSite;
  let kvs: MemoryKvs;

  beforeAll(async () => {
    distDir = await buildCustomUi();
  }, 120_000);
  beforeEach(() => {
    ({ site, kvs } = seedHealthSite());
    // Notify's connection is not the subject here: the rule is taken off the transition.
    site.editWorkflow('Ops flow', (w) => {
      const finish = w.transitions.find((t) => t.id === '21');
      if (finish) finish.postFunctions = finish.postFunctions.slice(0, 2);
    });
  });
  const open = (): Promise<ForgePage> =>
    openForgePage({
      distDir,
      egress: egressApprovalsOf(site),
      host: adminPageHost({ site, kvs }),
    });

  it('says it has not run, runs on demand, finds nothing on a healthy site, then finds a renamed group with its fix', async () => {
    const forge = await open();
    const { page } = forge;
    try {
      await page.getByRole('tab', { name: 'Health' }).click();
      await page.getByRole('heading', { name: 'Health check' }).waitFor();
      await page.getByText('Not checked yet').waitFor();

      await page.getByRole('button', { name: 'Check now' }).click();
      await page.getByText('No problems found').waitFor();
      expect(await page.getByTestId('health-last-run').innerText()).toMatch(
        /^Last checked \d{4}-\d\d-\d\d \d\d:\d\d UTC \(run from this page\): 6 rules in \d+ workflows, \d+ Jira calls\.$/,
      );

      site.renameGroup('release-managers', 'release-leads');
      await page.getByRole('button', { name: 'Check now' }).click();
      await page.getByText('1 problem found').waitFor();
      // The workflows did not change: the second run read none of them again.
      expect(await page.getByTestId('health-last-run').innerText()).toMatch(
        /Jira calls; no workflow changed since the run before\.$/,
      );
      const problem = page.getByTestId('health-problem');
      const lines = (await problem.innerText()).split('\n');
      expect(lines).toEqual([
        'Workflow “Ops flow” › transition “Finish” › Who may transition',
        'Group "release-managers", a group allowed to make the transition, no longer exists (renamed or deleted), so none of its members can make the transition.',
        `How to fix: Edit the Who may transition rule on transition "Finish" and choose the group's new name (Atlassian Administration › Directory › Groups shows it), or rename the group back.`,
        'Where:',
        'Jira settings › Issues › Workflows › Ops flow',
        expect.stringMatching(/^First found \d{4}-\d\d-\d\d \d\d:\d\d UTC$/),
      ]);
      await screenshot(page, 'admin-health-problem-light');

      await problem.getByRole('button', { name: 'Jira settings › Issues › Workflows › Ops flow' }).click();
      await page.waitForFunction(() => true);
      expect(forge.bridgeCalls.filter((c) => c.name === 'navigate')).toEqual([
        {
          name: 'navigate',
          payload: {
            url: '/secure/admin/workflows/ViewWorkflowSteps.jspa?workflowMode=live&workflowName=Ops%20flow',
            type: 'new-tab',
          },
        },
      ]);
      expect(forge.pageErrors).toEqual([]);
      expect(forge.externalRequests).toEqual([]);
    } finally {
      await forge.close();
    }
  }, 90_000);
});
