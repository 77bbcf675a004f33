import type { Page } from 'playwright-core';
import type { JiraSite } from '../emulator';
import { callResolver, egressApprovalsOf, type MemoryKvs } from '../harness';
import { pageContext } from '../settings/project-site';
import { projectSettingsResolver } from '../../src/pages/project-settings';
import { validatorConfigResolver } from '../../src/rules/validator-config';
import { adminPageHost } from './admin-host';
import { buildCustomUi } from './build-app';
import { openForgePage, type FakeForgeHost, type ForgePage } from './forge-page';
import type { ColorMode } from './theme-host';

export type RuleModule = 'jira:workflowValidator' | 'jira:workflowCondition' | 'jira:workflowPostFunction';

/** Where Jira hands a rule's saved configuration to its screen, by module type (the module reference pages). */
const STORED: Record<RuleModule, string> = {
  'jira:workflowValidator': 'validatorConfig',
  'jira:workflowCondition': 'conditionConfig',
  'jira:workflowPostFunction': 'postFunctionConfig',
};

export interface RuleScreen {
  type: RuleModule;
  moduleKey: string;
  entryPoint: 'create' | 'edit' | 'view';
  /** The configuration saved before, which `edit` and `view` show. */
  config?: unknown;
  /** The site the configuration resolver calls. */
  site: JiraSite;
  kvs: MemoryKvs;
  /** Who configures the workflow; `dev` unless told. */
  accountId?: string;
  /** The locale Jira's context gives the page; none unless told. */
  locale?: string;
  theme?: ColorMode;
  /** Sees each resolver function the screen invokes, in order. */
  onInvoke?: (functionKey: string) => void;
}

/** A project's Workflow Guard settings page, as its admin `accountId` opens it in Jira (in English unless told). */
export interface ProjectSettingsScreen {
  site: JiraSite;
  kvs: MemoryKvs;
  accountId: string;
  projectKey: string;
  locale?: string;
  theme?: ColorMode;
}

/** The admin page, as the site's Jira admin opens it (in English unless told). */
export interface AdminPageScreen {
  site: JiraSite;
  kvs: MemoryKvs;
  locale?: string;
}

/**
 * The app's screens in headless Chromium, for the tests of one `describe` (the UI is built before them): Jira's
 * side of the bridge is stood in with the module's context, and `invoke` reaches the real resolver, which calls
 * the Jira emulator as the user. `open` opens a rule's configuration screen as the workflow editor does;
 * `openProjectSettings` a project's settings page.
 */
export function appScreens(): {
  open: (screen: RuleScreen) => Promise<ForgePage>;
  openProjectSettings: (screen: ProjectSettingsScreen) => Promise<ForgePage>;
  openAdminPage: (screen: AdminPageScreen) => Promise<ForgePage>;
  /** Any page of the app, with Jira's side of the bridge as the test gives it. */
  openPage: (host: FakeForgeHost) => Promise<ForgePage>;
} {
  let built: string | undefined;
  beforeAll(async () => {
    built = await buildCustomUi();
  }, 120_000);
  const distDir = () => {
    if (built === undefined) throw new Error('the UI is not built: call appScreens() inside a describe');
    return built;
  };
  return {
    openPage: (host) => openForgePage({ distDir: distDir(), host }),
    openAdminPage: ({ site, kvs, locale }) =>
      openForgePage({
        distDir: distDir(),
        egress: egressApprovalsOf(site),
        host: adminPageHost({ site, kvs }, locale ? { context: { locale } } : {}),
      }),
    openProjectSettings: ({ site, kvs, accountId, projectKey, locale = 'en-US', theme }) => {
      const context = pageContext(site, accountId, projectKey);
      return openForgePage({
        distDir: distDir(),
        ...(theme ? { theme } : {}),
        host: {
          getContext: () => Promise.resolve({ ...context, localId: 'local-1', locale }),
          invoke: (functionKey, payload) =>
            callResolver(projectSettingsResolver, functionKey, payload, context, {
              site,
              kvs,
            }),
        },
      });
    },
    open: ({
      type,
      moduleKey,
      entryPoint,
      config,
      site,
      kvs,
      accountId = 'dev',
      locale,
      theme,
      onInvoke,
    }) => {
      const extension = {
        type,
        entryPoint,
        ...(config === undefined ? {} : { [STORED[type]]: JSON.stringify(config) }),
      };
      return openForgePage({
        distDir: distDir(),
        ...(theme ? { theme } : {}),
        host: {
          getContext: () =>
            Promise.resolve({ moduleKey, localId: 'local-1', ...(locale ? { locale } : {}), extension }),
          invoke: (functionKey, payload) => {
            onInvoke?.(functionKey);
            return callResolver(
              validatorConfigResolver,
              functionKey,
              payload,
              { accountId, moduleKey, extension },
              { site, kvs },
            );
          },
        },
      });
    },
  };
}

/** Checks that the page reached nothing outside the machine and threw nothing, then closes it. */
export async function clean(forge: ForgePage): Promise<void> {
  expect(forge.externalRequests).toEqual([]);
  expect(forge.pageErrors).toEqual([]);
  await forge.close();
}

/** Picks `option` in the select `#id` as a person does with the keyboard. */
export async function choose(page: Page, id: string, option: string): Promise<void> {
  await page.locator(`#${id}`).focus();
  await page.keyboard.press('ArrowDown');
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The options the select `#id` offers, closed again. */
export async function optionsOf(page: Page, id: string): Promise<string[]> {
  await page.locator(`#${id}`).focus();
  await page.keyboard.press('ArrowDown');
  const names = await page.getByRole('option').allTextContents();
  await page.keyboard.press('Escape');
  return names;
}
