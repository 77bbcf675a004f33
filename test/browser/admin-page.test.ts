import { adminPageHost } from './admin-host';
import { egressApprovalsOf, withInvocation, type MemoryKvs } from '../harness';
import type { JiraSite } from '../emulator';
import { storagePerThousand } from '../../src/pages/admin/audit-detail';
import { saveConnection } from '../../src/connections/store';
import { CANARY, seedAdminSite, seedAudit } from '../pages/admin/admin-site';
import { buildCustomUi, openForgePage, screenshot, type ColorMode, type ForgePage } from './index';

const HOUR = 3_600_000;

/**
 * The admin page built for real and run in headless Chromium; every `invoke` goes through the REAL resolver
 * (callResolver) against a seeded emulator, as the signed-in Jira admin.
 */
describe('admin page in headless Chromium', () => {
  let distDir: string;
  let site: JiraSite;
  let kvs: MemoryKvs;
  let answers: string[];

  beforeAll(async () => {
    distDir = await buildCustomUi();
  }, 120_000);

  beforeEach(async () => {
    ({ site, kvs } = seedAdminSite());
    answers = [];
    await seedAudit(site, kvs, [
      ...Array.from({ length: 22 }, (_, i) => ({
        projectKey: 'OPS',
        issueKey: `OPS-${i + 10}`,
        ageMs: (i + 3) * HOUR,
      })),
      {
        projectKey: 'FIN',
        issueKey: 'FIN-1',
        outcome: 'failed' as const,
        summary: 'The effect was not applied',
        ageMs: HOUR,
        error: {
          code: 'MISSING_PERMISSION' as const,
          message: 'The bot lacks "Add comments" in project FIN.',
        },
      },
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
  const open = (theme: ColorMode): Promise<ForgePage> =>
    openForgePage({
      distDir,
      theme,
      egress: egressApprovalsOf(site),
      host: adminPageHost(
        {
          site,
          kvs,
          externalAuth: [
            {
              service: 'notify-account',
              remotes: [{ key: 'notify-service', baseUrl: 'https://notify.example.com' }],
              accounts: [],
            },
          ],
        },
        { onAnswer: (answer) => answers.push(JSON.stringify(answer)) },
      ),
    });

  const clean = (forge: ForgePage) => {
    expect(forge.externalRequests).toEqual([]);
    expect(forge.pageErrors).toEqual([]);
    for (const answer of answers) expect(answer).not.toContain(CANARY);
  };

  const tab = async (forge: ForgePage, name: string) => {
    await forge.page.getByRole('tab', { name }).click();
  };

  it('shows every section with seeded data, filters and pages the log, and never shows a secret back', async () => {
    const forge = await open('light');
    const { page } = forge;
    try {
      // 1. Permissions
      await page.getByRole('heading', { name: 'Permissions granted' }).waitFor();
      const scopes = page.getByTestId('scopes--table');
      await scopes.getByText('read:jira-user').waitFor();
      expect(await scopes.getByText("Identify the app's own bot user", { exact: false }).count()).toBe(1);
      expect(await scopes.getByText('GET /rest/api/3/myself').count()).toBe(1);
      expect(await page.getByTestId('egress--table').getByText('remote:notify-service').count()).toBe(1);
      await screenshot(page, 'admin-permissions-light');

      // 2. Identity, with the missing permission and its fix
      await tab(forge, 'Identity');
      await page
        .getByText('In the permission scheme of project FIN, grant "Add comments"', { exact: false })
        .waitFor();
      expect(await page.getByText('The app lacks a permission it needs in FIN').count()).toBe(1);
      await screenshot(page, 'admin-identity-light');

      // 3. Where the rules are used
      await tab(forge, 'Where rules are used');
      const usages = page.getByTestId('rule-usages--table');
      await usages.getByText('Adds a comment as the user who transitions', { exact: false }).waitFor();
      expect(await usages.getByText('Ops flow').count()).toBe(2);
      await screenshot(page, 'admin-rule-usage-light');

      // 4. Executions: counters, newest first, paging, filters
      await tab(forge, 'Executions');
      const counters = page.getByTestId('failure-counters');
      await counters.getByText('Failures in the last 24 hours').waitFor();
      expect(await counters.innerText()).toMatch(/24 hours\s+1[\s\S]*7 days\s+1/);
      // What is kept, and for how long, in words an admin reads.
      expect(await page.getByTestId('audit-retention').innerText()).toMatch(
        /^Workflow Guard keeps the newest 20,000 entries, up to 100 MB, for at most 90 days: older entries are removed automatically, oldest first\. Kept now: 23 entries \(\d+ KB\)\.$/,
      );
      const rows = page.getByTestId('executions--table').locator('tbody tr');
      await page.getByText('FIN-1').waitFor();
      expect(await rows.count()).toBe(20);
      expect(await rows.first().innerText()).toContain('FIN-1');
      await page.getByRole('button', { name: 'Show older entries' }).click();
      await page.getByText('OPS-31').waitFor();
      expect(await rows.count()).toBe(23);
      expect(await page.getByRole('button', { name: 'Show older entries' }).count()).toBe(0);

      await page.locator('#filter-outcome').fill('Failed');
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForFunction(
        'document.querySelectorAll(\'[data-testid="executions--table"] tbody tr\').length === 1',
      );
      expect(await rows.first().innerText()).toContain('The bot lacks "Add comments"');
      expect(await rows.first().innerText()).toContain('Grant it in the project’s permission scheme');
      await page.locator('#filter-outcome').fill('Any');
      await page.keyboard.press('Enter');
      await page.locator('#filter-project').fill('ops');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForFunction(
        "[...document.querySelectorAll('[data-testid=\"executions--table\"] tbody tr')].every((r) => !r.innerText.includes('FIN-1'))",
      );
      expect(await rows.count()).toBe(20);
      await screenshot(page, 'admin-executions-light');

      // 5. Secrets: set one, see "set on … by …", never the value
      await tab(forge, 'Secrets and connections');
      await page.getByTestId('connections--table').getByText('Ops hook').waitFor();
      await page.getByRole('button', { name: 'Set secret' }).click();
      const field = page.getByLabel('API token for Ops hook');
      expect(await field.getAttribute('type')).toBe('password');
      await field.fill(CANARY);
      await page.getByRole('button', { name: 'Save secret' }).click();
      await page.getByText('Secret of “Ops hook” saved').waitFor();
      // Issue 16, point 7: who set it, by name.
      await page.getByText(/^Set on \d{4}-\d\d-\d\d \d\d:\d\d UTC by Ada Admin$/).waitFor();
      expect(await page.content()).not.toContain(CANARY);
      expect(await page.getByRole('button', { name: 'Replace secret' }).count()).toBe(1);
      await page.getByRole('button', { name: 'Replace secret' }).click();
      expect(await page.getByLabel('API token for Ops hook').inputValue()).toBe('');
      await page.getByRole('button', { name: 'Cancel' }).click();

      const provider = page.getByTestId('provider-notify-account');
      expect(await provider.innerText()).toContain('Not connected');
      expect(await provider.getByRole('button', { name: 'Connect' }).count()).toBe(1);

      await page.getByRole('button', { name: 'Test connection' }).click();
      await page.getByText('The test failed').waitFor();
      expect(await page.content()).not.toContain(CANARY);
      await screenshot(page, 'admin-secrets-light');

      expect(Object.values(kvs.snapshot().secrets)).toContain(CANARY);
      clean(forge);
    } finally {
      await forge.close();
    }
  }, 60_000);

  it('lets the admin keep successes as a one-line summary, with the storage each choice takes beside it', async () => {
    const forge = await open('light');
    const { page } = forge;
    try {
      await tab(forge, 'Executions');
      const setting = page.getByTestId('audit-detail');
      await setting.getByText('Successful executions are kept').waitFor();
      // The figures come from the encoder that stores entries, weighing a typical success both ways.
      const perThousand = storagePerThousand();
      const kb = (bytes: number) => Math.round(bytes / 1024);
      expect(perThousand.summary).toBeLessThan(perThousand.full);
      const full = page.getByLabel(/^In full/);
      const summary = page.getByLabel(/^As a one-line summary/);
      expect(await page.locator('label[for="audit-detail-full"]').innerText()).toBe(
        `In full: about ${kb(perThousand.full)} KB per 1,000 executions (who acted, every call to Jira with its answer, time and scopes, and the summary) (current)`,
      );
      expect(await page.locator('label[for="audit-detail-summary"]').innerText()).toBe(
        `As a one-line summary: about ${kb(perThousand.summary)} KB per 1,000 executions (who, what and the outcome in one line, without the calls to Jira)`,
      );
      expect(await setting.innerText()).toContain('Failures are always kept in full.');
      expect(await full.isChecked()).toBe(true);
      await summary.check();
      await page.getByRole('button', { name: 'Save' }).click();
      await page.locator('label[for="audit-detail-summary"]').getByText('(current)').waitFor();
      expect(await page.locator('label[for="audit-detail-full"]').innerText()).not.toContain('(current)');
      expect(kvs.snapshot().kvs['settings:installation']).toEqual({
        schemaVersion: 1,
        successDetail: 'summary',
      });
      await screenshot(page, 'admin-audit-detail-light');
      clean(forge);
    } finally {
      await forge.close();
    }
  }, 60_000);

  it('renders in the dark theme and is usable from the keyboard', async () => {
    const forge = await open('dark');
    const { page } = forge;
    try {
      await page.getByTestId('scopes--table').getByText('read:jira-user').waitFor();
      expect(await page.locator('html').getAttribute('data-color-mode')).toBe('dark');
      await screenshot(page, 'admin-permissions-dark');
      // Tabs are reachable and switchable with the keyboard.
      await page.getByRole('tab', { name: 'Permissions' }).focus();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page.getByTestId('failure-counters').waitFor();
      await page.getByText('FIN-1').waitFor();
      await screenshot(page, 'admin-executions-dark');
      clean(forge);
    } finally {
      await forge.close();
    }
  }, 60_000);
});
