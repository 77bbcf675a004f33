import { buildCustomUi, openForgePage, screenshot } from './index';

/** The personal page where users connect the account Notify uses "as them" (UI-started consent). */
describe('connected accounts page', () => {
  let distDir: string;
  beforeAll(async () => {
    distDir = await buildCustomUi();
  }, 120_000);

  it('shows the account as not connected, starts connecting it, and shows it connected', async () => {
    let connected = false;
    const invoked: unknown[] = [];
    const forge = await openForgePage({
      distDir,
      theme: 'dark',
      host: {
        getContext: () =>
          Promise.resolve({
            moduleKey: 'connected-accounts',
            extension: { type: 'jira:personalSettingsPage' },
          }),
        invoke: (functionKey, payload) => {
          invoked.push({ functionKey, payload });
          if (functionKey === 'connectAccount') connected = true; // Forge's consent screen, approved
          return Promise.resolve({
            ok: true,
            data:
              functionKey === 'listAccounts'
                ? [
                    {
                      provider: 'notify-account',
                      name: 'notification service',
                      connected,
                      ...(connected ? { displayName: 'alice' } : {}),
                    },
                  ]
                : null,
          });
        },
      },
    });
    try {
      const page = forge.page;
      await page.getByText('Not connected').waitFor();
      await screenshot(page, 'post-function-connected-accounts-dark');
      await page.getByRole('button', { name: 'Connect notification service' }).click();
      await page.getByText('as alice').waitFor();
      expect(await page.getByText('Connected', { exact: true }).count()).toBe(1);
      expect(invoked).toEqual([
        { functionKey: 'listAccounts', payload: undefined },
        { functionKey: 'connectAccount', payload: { provider: 'notify-account' } },
        { functionKey: 'listAccounts', payload: undefined },
      ]);
      expect(forge.externalRequests).toEqual([]);
      expect(forge.pageErrors).toEqual([]);
    } finally {
      await forge.close();
    }
  });
});
