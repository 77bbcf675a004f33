import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** test-artifacts/ is git-ignored. */
export const SCREENSHOT_DIR = join(__dirname, '..', '..', 'test-artifacts', 'screenshots');

/**
 * Saves a full-page PNG as test-artifacts/screenshots/<name>.png and returns its path: for people to look at, not
 * evidence. Nothing compares them with a baseline (no PNG decoder is installed, and renderings differ by machine
 * and fonts); what a browser test proves is in its assertions on what the page says and does.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  if (!/^[\w.-]+$/.test(name)) throw new Error(`Screenshot name must be a plain file name: ${name}`);
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
