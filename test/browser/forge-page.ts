import type { Page } from 'playwright-core';
import type { EgressApprovals } from '../harness/egress';
import { HOST_CALL, installBridgeShim, runOnConfigure } from './bridge-shim';
import { launchChromium } from './chromium';
import { serveStatic } from './static-server';
import { hostTheme, type ColorMode } from './theme-host';

/** The Node side of the Forge host: what Jira and the app's resolver would answer. */
export interface FakeForgeHost {
  invoke(functionKey: string, payload: unknown): Promise<unknown>;
  getContext(): Promise<unknown>;
}

export type ForgePageOptions = ({ distDir: string; url?: never } | { url: string; distDir?: never }) & {
  host: FakeForgeHost;
  /** Colour mode the host answers `enableTheming` (view.theme.enable()) with; default light. */
  theme?: ColorMode;
  /**
   * The installation's customer-managed egress (`egressApprovalsOf(site)`): `permissions.egress.*` of the bridge
   * read and change it, set and delete only after the admin accepted the consent dialog the shim shows.
   */
  egress?: EgressApprovals;
};

export interface ForgePage {
  page: Page;
  /** Calls the callback registered with workflowRules.onConfigure; undefined if none was registered. */
  onConfigure(): Promise<string | undefined>;
  /** Every bridge call that reached Node, in order. */
  bridgeCalls: { name: string; payload: unknown }[];
  /** Aborted non-loopback URLs; assert `toHaveLength(0)`. */
  externalRequests: string[];
  pageErrors: string[];
  consoleErrors: string[];
  close(): Promise<void>;
}

const LOOPBACK = /^(127(\.\d{1,3}){3}|localhost|\[::1\])$/;

function isLoopback(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return ['http:', 'https:', 'ws:', 'wss:'].includes(protocol) && LOOPBACK.test(hostname);
}

/** Opens a Custom UI build in headless Chromium as if Jira hosted it, with a stand-in Forge bridge. */
export async function openForgePage(options: ForgePageOptions): Promise<ForgePage> {
  const server = options.distDir === undefined ? undefined : await serveStatic(options.distDir);
  const url = server?.url ?? options.url ?? '';
  const browser = await launchChromium().catch(async (error: unknown) => {
    await server?.close();
    throw error;
  });
  const { context } = browser;
  const result: ForgePage = {
    page: context.pages()[0] ?? (await context.newPage()),
    bridgeCalls: [],
    externalRequests: [],
    pageErrors: [],
    consoleErrors: [],
    onConfigure: () => result.page.evaluate(runOnConfigure),
    close: async () => {
      await browser.close();
      await server?.close();
    },
  };
  try {
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (isLoopback(url)) return route.continue();
      result.externalRequests.push(url);
      return route.abort('blockedbyclient');
    });
    await context.exposeFunction(HOST_CALL, async (name: string, payload: unknown) => {
      result.bridgeCalls.push({ name, payload });
      switch (name) {
        case 'invoke': {
          const { functionKey, payload: args } = payload as { functionKey: string; payload: unknown };
          return options.host.invoke(functionKey, args);
        }
        case 'getContext':
          return options.host.getContext();
        case 'enableTheming':
          return hostTheme(options.theme ?? 'light');
        case '__permission__egressGet':
        case '__permission__egressSet':
        case '__permission__egressDeleteDomain':
        case '__permission__egressDeleteGroup':
          if (!options.egress) throw new Error(`Forge bridge stand-in: no egress state given for "${name}"`);
          return options.egress.bridgeCall(name, payload);
        // router.open / router.navigate of @forge/bridge 7.2.0 call `navigate` with {url, type}: Jira opens the page;
        // the call is kept in bridgeCalls for the test to read where the app sent the person.
        case 'navigate':
          return undefined;
        default:
          throw new Error(`Forge bridge stand-in: bridge call "${name}" is not supported by the test host`);
      }
    });
    await context.addInitScript(installBridgeShim, HOST_CALL);
    result.page.on('pageerror', (error) => result.pageErrors.push(error.message));
    result.page.on('console', (message) => {
      if (message.type() === 'error') result.consoleErrors.push(message.text());
    });
    await result.page.goto(url);
    return result;
  } catch (error) {
    await result.close();
    throw error;
  }
}
