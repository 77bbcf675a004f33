import {
  buildCustomUi,
  launchChromium,
  openForgePage,
  screenshot,
  serveStatic,
  type ColorMode,
  type FakeForgeHost,
} from './index';

describe('Custom UI shell in headless Chromium', () => {
  let distDir: string;

  beforeAll(async () => {
    distDir = await buildCustomUi();
  }, 120_000);

  const unknownModuleHost: FakeForgeHost = {
    getContext: () =>
      Promise.resolve({
        moduleKey: 'mystery-module',
        extension: { type: 'jira:issuePanel' },
        localId: 'local-1',
        locale: 'en-US',
      }),
    invoke: (functionKey) => Promise.reject(new Error(`unexpected invoke ${functionKey}`)),
  };

  it.each<ColorMode>(['light', 'dark'])(
    'shows "not available" for an unknown module in %s theme, offline and error-free',
    async (theme) => {
      const forge = await openForgePage({ distDir, host: unknownModuleHost, theme });
      try {
        const message = forge.page.getByText('This page is not available for module mystery-module');
        await message.waitFor();
        expect(
          await forge.page.getByText('No page is registered for extension type jira:issuePanel').count(),
        ).toBe(1);
        expect(await forge.page.locator('html').getAttribute('data-color-mode')).toBe(theme);
        // A string expression: the test tsconfig has no DOM lib.
        const surface = await forge.page.evaluate<string>(
          "getComputedStyle(document.documentElement).getPropertyValue('--ds-surface').trim().toUpperCase()",
        );
        expect(surface).toBe(theme === 'dark' ? '#1F1F21' : '#FFFFFF');
        await screenshot(forge.page, `shell-unknown-module-${theme}`);

        expect(forge.bridgeCalls.map((c) => c.name).sort()).toEqual(['enableTheming', 'getContext']);
        expect(forge.externalRequests).toEqual([]);
        expect(forge.pageErrors).toEqual([]);
        expect(forge.consoleErrors).toEqual([]);
      } finally {
        await forge.close();
      }
    },
  );

  it('outside Jira (no bridge) says so and falls back to the local theme', async () => {
    const server = await serveStatic(distDir);
    const browser = await launchChromium();
    try {
      const page = browser.context.pages()[0] ?? (await browser.context.newPage());
      const pageErrors: string[] = [];
      page.on('pageerror', (e) => pageErrors.push(e.message));
      await page.goto(server.url);
      await page.getByText('Open this page from Jira').waitFor();
      await page.locator('html[data-color-mode]').waitFor({ state: 'attached' });
      expect(pageErrors).toEqual([]);
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
