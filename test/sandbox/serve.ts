import type { AddressInfo } from 'node:net';
import type { Frame, Page } from 'playwright-core';
import { buildCustomUi } from '../browser';
import { Sandbox } from '../../sandbox/sandbox';
import { createSandboxServer } from '../../sandbox/server';

/** `npm start`'s sandbox with the shared Custom UI build, served on a free loopback port for one test file. */
export async function serveSandbox(): Promise<{ url: string; sandbox: Sandbox; close: () => Promise<void> }> {
  const dist = await buildCustomUi();
  const sandbox = await Sandbox.create();
  const server = createSandboxServer(sandbox, dist);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    sandbox,
    close: () => new Promise((resolve) => server.close(() => resolve(sandbox.close()))),
  };
}

/** The frame the page that plays Jira opens the app's own pages in. */
export async function appFrame(page: Page): Promise<Frame> {
  const frame = await (await page.waitForSelector('#frame')).contentFrame();
  if (!frame) throw new Error('the app frame did not load');
  return frame;
}
