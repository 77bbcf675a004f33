import { readFileSync } from 'node:fs';
import { adminPageHost } from './admin-host';
import { withInvocation, type MemoryKvs } from '../harness';
import type { JiraSite } from '../emulator';
import { saveConnection } from '../../src/connections/store';
import { AUDIT_CSV_COLUMNS } from '../../src/audit/csv';
import { seedAdminSite, seedAudit } from '../pages/admin/admin-site';
import { buildCustomUi, openForgePage, screenshot, type ForgePage } from './index';

/**
 * The admin page's Data and privacy tab and its getting-started state, built for real and run in headless
 * Chromium against the real resolver: what an admin reads, the file they download, and what a removal leaves.
 */
describe('admin page: data and privacy, getting started (Chromium)', () => {
  let distDir: string;
  let site: JiraSite;
  let kvs: MemoryKvs;

  beforeAll(async () => {
    distDir = await buildCustomUi();
  }, 120_000);

  beforeEach(async () => {
    ({ site, kvs } = seedAdminSite());
    await seedAudit(site, kvs, [
      {
        projectKey: 'OPS',
        issueKey: 'OPS-1',
        summary: 'Comment 10001 added, "quoted", with a comma',
        ageMs: 120_000,
      },
      { projectKey: 'OPS', issueKey: 'OPS-2', summary: '=1+1', ageMs: 60_000 },
    ]);
    await withInvocation({ site, kvs, accountId: 'admin' }, () =>
      saveConnection({
        id: 'ops-hook',
        name: 'Ops hook',
        url: 'https://hooks.example.com/in',
        auth: { kind: 'api-token', scheme: 'bearer' },
      }),
    );
  });

  const open = (locale = 'en-US'): Promise<ForgePage> =>
    openForgePage({ distDir, theme: 'light', host: adminPageHost({ site, kvs }, { context: { locale } }) });

  it('says what is kept, exports the log as a CSV file, purges it and deletes every connection', async () => {
    const forge = await open();
    const { page } = forge;
    try {
      await page.getByRole('tab', { name: 'Data and privacy' }).click();
      const kept = page.getByTestId('data-kept');
      await kept.getByText('Audit log: 2 entries', { exact: false }).waitFor();
      expect(await kept.innerText()).toContain('Connections for Notify: 1 connection, 0 with a secret set.');
      expect(await page.getByTestId('privacy').innerText()).toContain(
        'Only the Notify post-function sends data outside Atlassian',
      );
      await screenshot(page, 'admin-data-light');
      // The full statement, docs/privacy.md as the build rendered it.
      await page
        .getByRole('button', { name: 'Read the full privacy and security statement (in English)' })
        .click();
      const statement = page.getByTestId('privacy-statement');
      await statement.getByRole('heading', { name: 'Reporting a vulnerability' }).waitFor();
      expect(await statement.getByRole('heading', { level: 1 }).innerText()).toBe(
        'Privacy and security statement',
      );

      // Export: the file is offered once read, and the click downloads it.
      await page.getByRole('button', { name: 'Export as CSV' }).click();
      const link = page.getByTestId('audit-export-download');
      await link.waitFor();
      expect(await link.innerText()).toMatch(
        /^Download workflow-guard-audit-\d{4}-\d\d-\d\d\.csv \(2 entries\)$/,
      );
      const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
      const csv = readFileSync(await download.path(), 'utf8');
      expect(csv.startsWith('\ufeff')).toBe(true);
      const lines = csv.slice(1).split('\r\n');
      expect(lines[0]).toBe(AUDIT_CSV_COLUMNS.join(','));
      expect(lines[1]).toContain(`'=1+1`);
      expect(lines[2]).toContain('"Comment 10001 added, ""quoted"", with a comma"');

      // Purge: a warning with the count first, then the result.
      await page.getByRole('button', { name: 'Purge the audit log…' }).click();
      await page
        .getByText('This deletes all 2 entries written until now, from every view of the log.', {
          exact: false,
        })
        .waitFor();
      await screenshot(page, 'admin-data-purge-confirm-light');
      await page.getByRole('button', { name: 'Purge the audit log', exact: true }).click();
      await page.getByText('Purged: 2 entries removed. The purge itself is recorded in the log.').waitFor();
      // What is left is the purge's own record.
      await kept.getByText('Audit log: 1 entry', { exact: false }).waitFor();

      // Every connection.
      await page.getByRole('button', { name: 'Delete every connection…' }).click();
      await page.getByRole('button', { name: 'Delete every connection', exact: true }).click();
      await page
        .getByText('Deleted 1 connection, with its secret and access token if it had them.')
        .waitFor();
      await kept.getByText('Connections for Notify: 0 connections', { exact: false }).waitFor();
      expect(forge.pageErrors).toEqual([]);
      expect(forge.externalRequests).toEqual([]);
    } finally {
      await forge.close();
    }
  });

  it('shows three steps to a first rule while no workflow uses one, in the viewer’s language', async () => {
    for (const workflow of site.workflows.values())
      for (const transition of workflow.transitions) {
        transition.validators = [];
        transition.postFunctions = [];
      }
    const forge = await open();
    try {
      const steps = forge.page.getByTestId('getting-started');
      await steps.waitFor();
      expect(await steps.locator('li').allInnerTexts()).toEqual([
        'Go to Jira settings › Issues › Workflows and edit the workflow of the project you want to guard.',
        'Select a transition, then add a rule: a Workflow Guard condition, validator or post-function.',
        'Fill in its screen (pickers list your fields, statuses and projects), save, and publish the workflow.',
      ]);
      await forge.page.getByRole('button', { name: 'Open Workflows' }).waitFor();
      await screenshot(forge.page, 'admin-getting-started-light');
    } finally {
      await forge.close();
    }
    const french = await open('fr-FR');
    try {
      await french.page.getByText('Ajoutez votre première règle Workflow Guard').waitFor();
      // The last tab: Data and privacy.
      await french.page.getByRole('tab').last().click();
      await french.page.getByRole('heading', { name: 'Données et confidentialité' }).waitFor();
      await french.page
        .getByTestId('data-kept')
        .getByText("Journal d'audit : 2 entrées", { exact: false })
        .waitFor();
      await screenshot(french.page, 'admin-data-fr');
    } finally {
      await french.close();
    }
  });

  it('hides the getting-started steps once a rule is in use', async () => {
    const forge = await open();
    try {
      await forge.page.getByRole('heading', { name: 'Permissions granted' }).waitFor();
      await forge.page.getByRole('tab', { name: 'Where rules are used' }).click();
      await forge.page.getByTestId('rule-usages--table').getByText('Ops flow').first().waitFor();
      expect(await forge.page.getByTestId('getting-started').count()).toBe(0);
    } finally {
      await forge.close();
    }
  });
});
