import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { findBrowser, machineProbe } from '../support/find-browser';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A browser with a fresh profile (user-data-dir), deleted again by `close()`. */
export async function launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  // Found before the profile folder exists, so a missing browser leaves nothing behind.
  const browser = findBrowser(machineProbe());
  const userDataDir = await mkdtemp(join(tmpdir(), 'wg-chromium-'));
  try {
    // Playwright refuses --user-data-dir in args; a persistent context is how it takes a profile directory.
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: browser.path,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: { width: 1024, height: 768 },
    });
    return {
      context,
      close: async () => {
        await context.close();
        await rm(userDataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }
}
