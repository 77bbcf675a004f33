import type { AddressInfo } from 'node:net';
import type { Frame, Page } from 'playwright-core';
import { buildCustomUi, launchChromium } from '../browser';
import { Sandbox } from '../../sandbox/sandbox';
import { createSandboxServer } from '../../sandbox/server';

/** `npm start`'s sandbox with the shared Custom UI build, served on a free loopback port for one test file. */
async function serveSandbox(): Promise<{ url: string; sandbox: Sandbox; close: () => Promise<void> }> {
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

/** What a walk through the sandbox's page has at hand. */
export interface SandboxWalk {
  page: Page;
  /** Where the sandbox is served. */
  url: string;
  sandbox: Sandbox;
}

export interface WalkOptions {
  viewport?: { width: number; height: number };
  /** Watches the page before it first loads, adding what went wrong (console errors, failed responses) to `problems`. */
  watch?: (walk: SandboxWalk, problems: string[]) => void;
}

/**
 * `npm start`'s sandbox served for the tests of one `describe` (from before the first to after the last).
 * `walkSandbox` opens its page in a fresh headless Chromium as a person would, runs `steps`, and fails the test on
 * any error the page threw on the way (and anything `watch` reported).
 */
export function servedSandbox(): {
  readonly sandbox: Sandbox;
  walkSandbox: (steps: (walk: SandboxWalk) => Promise<void>, options?: WalkOptions) => Promise<void>;
} {
  let served: Awaited<ReturnType<typeof serveSandbox>> | undefined;
  beforeAll(async () => {
    served = await serveSandbox();
  }, 120_000);
  afterAll(() => served?.close());
  const current = () => {
    if (!served) throw new Error('the sandbox is not served: call servedSandbox() inside a describe');
    return served;
  };
  return {
    get sandbox() {
      return current().sandbox;
    },
    walkSandbox: async (steps, { viewport = { width: 1400, height: 900 }, watch } = {}) => {
      const { url, sandbox } = current();
      const browser = await launchChromium();
      try {
        const page = await browser.context.newPage();
        await page.setViewportSize(viewport);
        const walk = { page, url, sandbox };
        const problems: string[] = [];
        page.on('pageerror', (error) => problems.push(error.message));
        watch?.(walk, problems);
        await page.goto(url);
        await steps(walk);
        expect(problems).toEqual([]);
      } finally {
        await browser.close();
      }
    },
  };
}

/** The sandbox without its page, for the tests of one `describe`, and a transition made by its name. */
export function sandboxForTests(): {
  readonly sandbox: Sandbox;
  transitionByName: (accountId: string, issueKey: string, name: string) => ReturnType<Sandbox['transition']>;
} {
  let created: Sandbox | undefined;
  beforeAll(async () => {
    created = await Sandbox.create();
  });
  afterAll(() => created?.close());
  const sandbox = () => {
    if (!created) throw new Error('the sandbox is not created: call sandboxForTests() inside a describe');
    return created;
  };
  return {
    get sandbox() {
      return sandbox();
    },
    /** What a person gets choosing the transition `name` on the issue, as the issue view offers it to them. */
    transitionByName: (accountId, issueKey, name) => {
      const issue = sandbox()
        .state(accountId)
        .issues.find((i) => i.key === issueKey);
      const transition = issue?.transitions.find((t) => t.name === name);
      if (!transition) throw new Error(`${issueKey} offers no "${name}"`);
      return sandbox().transition({ accountId, issueKey, transitionId: transition.id });
    },
  };
}

/** The frame the page that plays Jira opens the app's own pages in. */
export async function appFrame(page: Page): Promise<Frame> {
  const frame = await (await page.waitForSelector('#frame')).contentFrame();
  if (!frame) throw new Error('the app frame did not load');
  return frame;
}
