import type { Page } from 'playwright-core';
import { callResolver } from '../harness';
import { validatorConfigResolver } from '../../src/rules/validator-config';
import { seedSubTasks } from '../support/seed';
import { buildCustomUi, openForgePage, screenshot, type ForgePage } from './index';

/**
 * Transition related issues' transition picker in headless Chromium (issue 16, point 8): Jira's side of the bridge
 * is stood in, and `invoke` reaches the real configuration resolver, which reads the emulator's workflows as the
 * Jira admin configuring the rule. The parent's workflow calls "Done" 21; the sub-tasks' own workflow calls it 31
 * and has 21 for "Cancel".
 */
describe('Transition related issues: the transition picker', () => {
  let distDir: string;
  beforeAll(async () => {
    distDir = await buildCustomUi();
  }, 120_000);

  function open(entryPoint: 'create' | 'edit', config?: unknown, accountId = 'admin') {
    const { site, kvs } = seedSubTasks();
    site.addUser({ accountId: 'admin', displayName: 'Ada Admin' });
    site.grant('ADMINISTER', { accountId: 'admin' });
    site.addWorkflow({
      name: 'Sub-task workflow',
      statuses: [
        { name: 'To Do', category: 'new' },
        { name: 'Done', category: 'done' },
        { name: 'Cancelled', category: 'done' },
      ],
      transitions: [
        { id: '21', name: 'Cancel', from: ['To Do'], to: 'Cancelled' },
        { id: '31', name: 'Done', from: ['To Do'], to: 'Done' },
      ],
      projects: ['OPS'],
      issueTypes: ['Subtask'],
    });
    const extension = {
      type: 'jira:workflowPostFunction',
      entryPoint,
      ...(config === undefined ? {} : { postFunctionConfig: JSON.stringify(config) }),
    };
    const forge = openForgePage({
      distDir,
      host: {
        getContext: () => Promise.resolve({ moduleKey: 'transition-related', localId: 'local-1', extension }),
        invoke: (functionKey, payload) =>
          callResolver(
            validatorConfigResolver,
            functionKey,
            payload,
            { accountId, moduleKey: 'transition-related', extension },
            { site, kvs },
          ),
      },
    });
    return { site, forge };
  }

  async function clean(forge: ForgePage) {
    expect(forge.externalRequests).toEqual([]);
    expect(forge.pageErrors).toEqual([]);
    await forge.close();
  }

  const menuOptions = async (page: Page, id: string): Promise<string[]> => {
    await page.locator(`#${id}`).focus();
    await page.keyboard.press('ArrowDown');
    return page.getByRole('option').allTextContents();
  };

  it('lists the transitions of every workflow by name, says what is resolved, and saves the ids per status', async () => {
    const { site, forge: opening } = open('create');
    const forge = await opening;
    try {
      const page = forge.page;
      await page.locator('#transitionName').waitFor();
      expect(await menuOptions(page, 'transitionName')).toEqual([
        'Cancel — in Sub-task workflow',
        'Done — in Default Workflow and Sub-task workflow',
        'Reopen — in Default Workflow',
        'Start Progress — in Default Workflow',
      ]);
      await page.getByRole('option', { name: 'Done — in Default Workflow and Sub-task workflow' }).click();
      const help = page.getByTestId('transitionName-help');
      expect(await help.textContent()).toBe(
        'Issues in In Progress are moved directly: every workflow with that status agrees on the transition. For issues in To Do, the workflows differ: Jira is asked for “Done” when the rule runs.',
      );
      await screenshot(page, 'post-function-transition-related-picker');
      const saved = JSON.parse((await forge.onConfigure()) ?? 'null') as Record<string, unknown>;
      const id = (name: string) => site.requireStatus(name).id;
      expect(saved).toEqual({
        target: 'sub-tasks',
        transitionName: 'Done',
        whenUnavailable: 'skip',
        fallback: 'fail',
        transitionsByStatus: {
          [id('In Progress')]: { id: '21', to: id('Done') },
          [id('Done')]: null,
          [id('Cancelled')]: null,
        },
      });
    } finally {
      await clean(forge);
    }
  });

  it('keeps a configuration saved by name: the name stays selected, and saving resolves it', async () => {
    const { forge: opening } = open('edit', { target: 'parent', transitionName: 'done' });
    const forge = await opening;
    try {
      const page = forge.page;
      await page.getByTestId('transitionName-help').waitFor();
      // The saved name ("done") is shown as the workflows' transition it names.
      expect(await page.locator('body').innerText()).toContain(
        'Done — in Default Workflow and Sub-task workflow',
      );
      const saved = JSON.parse((await forge.onConfigure()) ?? 'null') as Record<string, unknown>;
      expect(saved).toMatchObject({ target: 'parent', transitionName: 'done' });
      expect(Object.keys(saved.transitionsByStatus as object)).toHaveLength(3);
    } finally {
      await clean(forge);
    }
  });

  it('falls back to typing the name, saying why, when Jira does not list the workflows for the person', async () => {
    const { forge: opening } = open('create', undefined, 'dev');
    const forge = await opening;
    try {
      const page = forge.page;
      await page.getByText('Jira did not list the workflows for you').waitFor();
      expect(await page.locator('body').innerText()).toContain(
        'You don\'t have the Jira permission "Administer Jira". Ask a Jira admin to grant it. Type the transition’s name instead',
      );
      await page.locator('#transitionName').fill('Done');
      await screenshot(page, 'post-function-transition-related-typed');
      const saved = JSON.parse((await forge.onConfigure()) ?? 'null') as Record<string, unknown>;
      expect(saved).toEqual({
        target: 'sub-tasks',
        transitionName: 'Done',
        whenUnavailable: 'skip',
        fallback: 'fail',
      });
    } finally {
      await clean(forge);
    }
  });
});
