import { adminPageHost } from './admin-host';
import type { Page } from 'playwright-core';
import { egressApprovalsOf, type MemoryKvs } from '../harness';
import type { JiraSite } from '../emulator';
import { storageKeys } from '../../src/access/storage-keys';
import { auditEntries } from '../support/audit';
import { seedAdminSite } from '../pages/admin/admin-site';
import { buildCustomUi, openForgePage, screenshot, type ForgePage } from './index';

/**
 * Customer-managed egress on the admin page, in headless Chromium: saving a connection asks Forge to approve its
 * hosts (the bridge stand-in shows the consent dialog), a decline saves nothing and says so, and a host no
 * connection uses any more is offered for removal. The approvals are the run-time state the backend's fetch sees.
 */
describe('approving connection hosts on the admin page', () => {
  let distDir: string;
  let site: JiraSite;
  let kvs: MemoryKvs;

  beforeAll(async () => {
    distDir = await buildCustomUi();
  }, 120_000);
  beforeEach(() => {
    ({ site, kvs } = seedAdminSite());
  });
  const open = (): Promise<ForgePage> =>
    openForgePage({
      distDir,
      egress: egressApprovalsOf(site),
      host: adminPageHost({ site, kvs }),
    });

  /** The consent dialog the stand-in shows, as the admin reads it; answers it with `button`. */
  async function answerDialog(page: Page, title: string, button: string, shot?: string): Promise<string> {
    const dialog = page.getByRole('dialog', { name: title });
    await dialog.waitFor();
    const text = await dialog.innerText();
    if (shot) await screenshot(page, shot);
    await dialog.getByRole('button', { name: button }).click();
    await dialog.waitFor({ state: 'detached' });
    return text;
  }
  const ASK = 'Allow this app to send data to new places?';
  const REMOVE = 'Stop this app sending data here?';
  const domains = () =>
    egressApprovalsOf(site)
      .get()
      .results.flatMap((g) => g.configured.map((c) => c.domain))
      .sort();

  it('asks for exactly the hosts of a connection, saves nothing when declined, and removes unused hosts', async () => {
    const forge = await open();
    const { page } = forge;
    try {
      await page.getByRole('tab', { name: 'Secrets and connections' }).click();
      await page.getByText('No host is approved yet.', { exact: false }).waitFor();

      // 1. A connection with OAuth client credentials: the service and its token endpoint, on two hosts.
      await page.getByRole('button', { name: 'Add connection' }).click();
      await page.getByLabel('Name').fill('Ops hook');
      await page.getByLabel('Key').fill('ops-hook');
      await page.getByLabel('Address').fill('https://hooks.example.com/in?team=ops');
      await page.locator('#connection-kind').fill('OAuth');
      await page.keyboard.press('Enter');
      await page.getByLabel('Token address').fill('https://auth.example.com/oauth/token');
      await page.getByLabel('Client ID').fill('workflow-guard');
      await page.getByRole('button', { name: 'Save connection' }).click();

      // 2. Declined: nothing saved, and the page says so plainly.
      const asked = await answerDialog(page, ASK, 'Decline', 'admin-egress-consent');
      expect(asked).toContain('https://hooks.example.com (FETCH_BACKEND_SIDE)');
      expect(asked).toContain('https://auth.example.com (FETCH_BACKEND_SIDE)');
      expect(asked).toContain('posts issues and transitions to connection "Ops hook"');
      expect(asked).toContain('gets OAuth access tokens for connection "Ops hook"');
      expect(asked).not.toContain('team=ops');
      const declined = page.getByTestId('egress-declined');
      await declined.waitFor();
      expect(await declined.innerText()).toContain(
        'https://hooks.example.com and https://auth.example.com not approved',
      );
      expect(await declined.innerText()).toContain(
        'Approval was declined, so nothing was saved: Workflow Guard cannot send to “Ops hook” without it.',
      );
      await screenshot(page, 'admin-egress-declined');
      expect(kvs.snapshot().kvs[storageKeys.connection('ops-hook')]).toBeUndefined();
      expect(domains()).toEqual([]);
      expect(await page.getByTestId('connections--table').getByText('Ops hook').count()).toBe(0);

      // 3. Approved: saved, and both hosts show as approved and used by it.
      await page.getByRole('button', { name: 'Save connection' }).click();
      await answerDialog(page, ASK, 'Approve');
      await page.getByText('Connection “Ops hook” saved').waitFor();
      expect(domains()).toEqual(['https://auth.example.com', 'https://hooks.example.com']);
      const row = page.getByTestId('connections--table').locator('tbody tr').first();
      expect(await row.innerText()).toMatch(/https:\/\/hooks\.example\.com\s+Approved/);
      expect(await row.innerText()).toMatch(/https:\/\/auth\.example\.com\s+\(token\)\s+Approved/);
      const approved = page.getByTestId('approved-hosts--table');
      expect(await approved.innerText()).toMatch(/https:\/\/auth\.example\.com\s+Ops hook/);
      expect(await page.getByText('2 of 10 hosts Forge allows per site', { exact: false }).count()).toBe(1);
      await screenshot(page, 'admin-egress-approved');

      // 4. Edited to get its tokens from the service's own host: no new approval, the old host is removed.
      await page.getByRole('button', { name: 'Edit' }).click();
      await page.getByLabel('Token address').fill('https://hooks.example.com/oauth/token');
      await page.getByRole('button', { name: 'Save connection' }).click();
      expect(await answerDialog(page, REMOVE, 'Remove')).toContain('https://auth.example.com');
      await page.getByText('Connection “Ops hook” changed').waitFor();
      expect(domains()).toEqual(['https://hooks.example.com']);
      await approved.getByText('https://auth.example.com').waitFor({ state: 'detached' });

      // 5. Deleted: removing its host is offered; kept, it is listed as unused with a Remove button.
      await page.getByRole('button', { name: 'Delete', exact: true }).click();
      await answerDialog(page, REMOVE, 'Keep');
      await page
        .getByText(
          'Connection “Ops hook” deleted; https://hooks.example.com stays approved though no connection uses it',
        )
        .waitFor();
      expect(await approved.innerText()).toMatch(/https:\/\/hooks\.example\.com\s+No connection uses it/);
      await screenshot(page, 'admin-egress-unused');
      await approved.getByRole('button', { name: 'Remove' }).click();
      await answerDialog(page, REMOVE, 'Remove');
      await page.getByText('https://hooks.example.com removed').waitFor();
      expect(domains()).toEqual([]);
      await page.getByText('No host is approved yet.', { exact: false }).waitFor();

      expect(
        auditEntries(kvs)
          .filter((e) => e.module === 'admin-page')
          .map((e) => e.summary)
          .reverse(),
      ).toEqual([
        'Hosts approved for Notify: https://auth.example.com, https://hooks.example.com',
        'Connection "Ops hook" added',
        'Connection "Ops hook" changed',
        'Hosts no longer approved: https://auth.example.com',
        'Connection "Ops hook" and its secret deleted',
        'Hosts no longer approved: https://hooks.example.com',
      ]);
      expect(forge.externalRequests).toEqual([]);
      expect(forge.pageErrors).toEqual([]);
    } finally {
      await forge.close();
    }
  }, 90_000);
});
