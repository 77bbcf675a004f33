import { adminPageHost } from './admin-host';
import { seedAdminSite } from '../pages/admin/admin-site';
import { buildCustomUi, openForgePage, screenshot } from './index';

/**
 * What a Jira admin reads when the app's licence lapses: the page's context (@forge/bridge's `license`, present only
 * for production installations of a paid app) drives a banner above every page, saying what stops and what to do.
 */
describe('licence banner in headless Chromium', () => {
  let distDir: string;
  beforeAll(async () => {
    distDir = await buildCustomUi();
  }, 120_000);

  const openAdminPage = async (license: { active: boolean } | undefined) => {
    const { site, kvs } = seedAdminSite();
    return openForgePage({
      distDir,
      host: adminPageHost({ site, kvs }, license ? { context: { license } } : {}),
    });
  };

  it('says, while the licence is inactive, what no longer runs and where to renew it', async () => {
    const forge = await openAdminPage({ active: false });
    try {
      const { page } = forge;
      await page.getByRole('heading', { name: 'Permissions granted' }).waitFor();
      // Paragraph breaks as single spaces: what a person reads, not how the browser lays it out.
      const text = (await page.locator('body').innerText()).replace(/\s+/g, ' ');
      expect(text).toContain(
        "Workflow Guard's licence is not active on this site " +
          'Until it is, the validators Workflow Guard checks itself let every transition through unchecked, and ' +
          'its post-functions do nothing; the audit log records each one. Validators and conditions that are Jira ' +
          'expressions keep working: Jira evaluates them without the app. ' +
          'A Jira admin can renew the licence or start a trial in Jira: Settings › Apps › Manage your apps › Workflow Guard.',
      );
      await screenshot(page, 'licence-inactive-admin-page');
      expect(forge.pageErrors).toEqual([]);
    } finally {
      await forge.close();
    }
  }, 60_000);

  it.each([
    ['active', { active: true }],
    ['absent (development, staging, free)', undefined],
  ] as const)(
    'shows no banner when the licence is %s',
    async (_state, license) => {
      const forge = await openAdminPage(license);
      try {
        const { page } = forge;
        await page.getByRole('heading', { name: 'Permissions granted' }).waitFor();
        expect(await page.getByText('licence', { exact: false }).count()).toBe(0);
        expect(forge.pageErrors).toEqual([]);
      } finally {
        await forge.close();
      }
    },
    60_000,
  );
});
