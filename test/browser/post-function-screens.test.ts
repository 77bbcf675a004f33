import { withInvocation } from '../harness';
import { saveConnection } from '../../src/connections/store';
import { seedSite } from '../support/seed';
import { screenshot, type ColorMode, type ForgePage } from './index';
import { choose, clean, appScreens } from './app-screens';

/**
 * Post-function configuration screens in headless Chromium, with Jira's side of the bridge stood in; `invoke`
 * reaches the rule screens' real resolver (Jira's fields, the app's connections) as a project admin.
 */
describe('post-function configuration screens', () => {
  const screens = appScreens();
  const { site, kvs } = seedSite();
  site.grant('ADMINISTER_PROJECTS', { accountId: 'dev', projectKey: 'OPS' });
  site.addField({ id: 'customfield_10010', name: 'Target date' });
  site.addField({ id: 'customfield_10090', name: 'Approver', type: 'user' });
  beforeAll(async () => {
    await withInvocation({ site, kvs, accountId: 'dev' }, () =>
      saveConnection({
        id: 'ops-hook',
        name: 'Ops webhook',
        url: 'https://hooks.example.com/ops',
        auth: { kind: 'api-token', scheme: 'bearer' },
      }),
    );
  }, 120_000);

  /** The resolver functions the screens invoked, in order. */
  const invoked: string[] = [];

  function open(
    moduleKey: string,
    entryPoint: 'create' | 'edit' | 'view',
    config?: unknown,
    theme: ColorMode = 'light',
  ): Promise<ForgePage> {
    return screens.open({
      type: 'jira:workflowPostFunction',
      moduleKey,
      entryPoint,
      config,
      site,
      kvs,
      theme,
      onInvoke: (functionKey) => invoked.push(functionKey),
    });
  }

  it.each<ColorMode>(['light', 'dark'])(
    'Comment: writes a template with placeholders and round-trips it (%s)',
    async (theme) => {
      const forge = await open('comment', 'create', undefined, theme);
      try {
        const page = forge.page;
        await page.locator('#template').waitFor();
        await page.locator('#template').fill('Moved by ');
        await page.getByRole('button', { name: /Insert \{\{user\}\}/ }).click();
        await choose(page, 'actor', 'The user who made the transition');
        await choose(page, 'fallback', 'Act as the app instead, and say so');
        await screenshot(page, `post-function-comment-create-${theme}`);
        const saved = await forge.onConfigure();
        expect(JSON.parse(saved ?? 'null')).toEqual({
          template: 'Moved by {{user}}',
          actor: 'transitioning-user',
          fallback: 'act-as-app',
        });
        const edit = await open('comment', 'edit', JSON.parse(saved ?? '{}'), theme);
        await edit.page.locator('#template').waitFor();
        expect(await edit.onConfigure()).toBe(saved);
        await clean(edit);
      } finally {
        await clean(forge);
      }
    },
  );

  it('Acting as the user in a field: picked from Jira’s user fields only, required, and round-tripped', async () => {
    const forge = await open('set-fields', 'create');
    try {
      const page = forge.page;
      await choose(page, 'field-0', 'Labels (labels)');
      await page.locator('#value-0').fill('released');
      await choose(page, 'actor', 'The user in a field (assignee, reporter or a user picker)');
      // No field picked: nothing is saved, and the picker says so beside itself.
      expect(await forge.onConfigure()).toBeUndefined();
      await page.getByTestId('actorField-error').getByText('Pick the user field to act as.').waitFor();
      // Only the fields holding one user are offered: never a typed id.
      await page.locator('#actorField').focus();
      await page.keyboard.press('ArrowDown');
      await page.getByRole('option', { name: 'Reporter', exact: true }).waitFor();
      expect(await page.getByRole('option').allInnerTexts()).toEqual(['Approver', 'Assignee', 'Reporter']);
      await page.getByRole('option', { name: 'Reporter', exact: true }).click();
      expect(await page.getByTestId('actorField-error').count()).toBe(0);
      expect(await page.locator('label[for="fallback"]').innerText()).toContain(
        'When the field is empty or that user lacks the permission',
      );
      await choose(page, 'fallback', 'Act as the app instead, and say so');
      await screenshot(page, 'post-function-actor-field-user');
      const saved = await forge.onConfigure();
      expect(JSON.parse(saved ?? 'null')).toEqual({
        operations: [{ op: 'set', field: 'labels', fieldName: 'Labels', value: 'released' }],
        actor: 'field-user',
        actorField: { id: 'reporter', name: 'Reporter' },
        fallback: 'act-as-app',
      });
      const edit = await open('set-fields', 'edit', JSON.parse(saved ?? '{}'));
      await edit.page.getByText('Reporter', { exact: true }).waitFor();
      expect(await edit.onConfigure()).toBe(saved);
      await clean(edit);
      const view = await open('set-fields', 'view', JSON.parse(saved ?? '{}'));
      await view.page.getByTestId('rule-summary').waitFor();
      expect(await view.page.getByTestId('rule-summary').textContent()).toContain(
        'Acts as the user in Reporter; when it is empty or that user lacks the permission it acts as the app',
      );
      await clean(view);
      // Back to the app: the field is no longer part of the configuration.
      await choose(page, 'actor', 'The app’s bot user');
      expect(JSON.parse((await forge.onConfigure()) ?? 'null')).toEqual({
        operations: [{ op: 'set', field: 'labels', fieldName: 'Labels', value: 'released' }],
        actor: 'app',
        fallback: 'act-as-app',
      });
    } finally {
      await clean(forge);
    }
  });

  it('Comment: rejects unknown placeholders and blocks saving, naming them', async () => {
    const forge = await open('comment', 'edit', { template: 'Hi {{assignee}}' });
    try {
      await forge.page.getByTestId('template-error').waitFor();
      expect(await forge.page.getByTestId('template-error').textContent()).toContain(
        'Unknown placeholder {{assignee}}',
      );
      expect(await forge.onConfigure()).toBeUndefined();
      // Issue 16, point 11: the banner counts what to fix; the reason is beside the field, in plain words.
      const banner = forge.page.getByTestId('config-errors');
      await banner.waitFor();
      expect(await banner.innerText()).toContain('Fix the field marked below, then save again.');
      expect(await banner.innerText()).not.toContain('template');
      expect(await forge.page.locator('label[for="template"]').innerText()).toMatch(/^Comment text\s*\*$/);
      await forge.page.getByText('Required fields are marked with an asterisk').waitFor();
      await screenshot(forge.page, 'post-function-comment-invalid');
    } finally {
      await clean(forge);
    }
  });

  it('Set fields: builds set, copy and clear operations and round-trips them', async () => {
    const forge = await open('set-fields', 'create');
    try {
      const page = forge.page;
      // Issue 16, point 8: fields are picked from Jira's list by name, never typed as ids.
      await choose(page, 'field-0', 'Labels (labels)');
      await page.locator('#value-0').fill('released, audited');
      await page.getByRole('button', { name: 'Add a field' }).click();
      await choose(page, 'op-1', 'Copy from field');
      await choose(page, 'field-1', 'Due date (duedate)');
      await choose(page, 'from-1', 'Target date (customfield_10010)');
      await page.getByRole('button', { name: 'Add a field' }).click();
      await choose(page, 'op-2', 'Clear');
      await choose(page, 'field-2', 'Priority (priority)');
      expect(await page.locator('body').innerText()).not.toContain('Field id');
      await screenshot(page, 'post-function-set-fields-create');
      const saved = await forge.onConfigure();
      expect(JSON.parse(saved ?? 'null')).toEqual({
        fallback: 'fail',
        operations: [
          { op: 'set', field: 'labels', fieldName: 'Labels', value: 'released, audited' },
          {
            op: 'copy',
            field: 'duedate',
            fieldName: 'Due date',
            from: 'customfield_10010',
            fromName: 'Target date',
          },
          { op: 'clear', field: 'priority', fieldName: 'Priority' },
        ],
      });
      const edit = await open('set-fields', 'edit', JSON.parse(saved ?? '{}'));
      await edit.page.getByText('Target date (customfield_10010)').waitFor();
      expect(await edit.onConfigure()).toBe(saved);
      await clean(edit);
      // The workflow editor's summary names the fields as the pickers showed them, with no call to Jira.
      invoked.length = 0;
      const view = await open('set-fields', 'view', JSON.parse(saved ?? '{}'));
      await view.page.getByTestId('rule-summary').waitFor();
      expect(await view.page.getByTestId('rule-summary').textContent()).toContain(
        'sets Labels to “released, audited”; copies Target date into Due date; clears Priority.',
      );
      expect(invoked).toEqual([]);
      await clean(view);

      await choose(page, 'field-2', 'Labels (labels)');
      expect(await forge.onConfigure()).toBeUndefined();
      await page.getByTestId('field-2-error').waitFor();
      expect(await page.getByTestId('field-2-error').textContent()).toBe('Labels is changed twice.');
      expect(await page.getByTestId('config-errors').innerText()).not.toMatch(/operations\./);
      await screenshot(page, 'post-function-set-fields-error-beside-field');
    } finally {
      await clean(forge);
    }
  });

  it('Transition related issues: needs a link type for linked issues, then round-trips', async () => {
    const forge = await open('transition-related', 'create');
    try {
      const page = forge.page;
      await choose(page, 'target', 'Issues linked with a link type');
      await page.locator('#transitionName').fill('Done');
      expect(await forge.onConfigure()).toBeUndefined();
      await page.getByTestId('linkType-error').waitFor();
      await page.locator('#linkType').fill('Blocks');
      await choose(page, 'whenUnavailable', 'Fail the post-function');
      await screenshot(page, 'post-function-transition-related-create');
      const saved = await forge.onConfigure();
      expect(JSON.parse(saved ?? 'null')).toEqual({
        target: 'linked',
        linkType: 'Blocks',
        transitionName: 'Done',
        whenUnavailable: 'fail',
        fallback: 'fail',
      });
      const edit = await open('transition-related', 'edit', JSON.parse(saved ?? '{}'));
      await edit.page.locator('#linkType').waitFor();
      expect(await edit.onConfigure()).toBe(saved);
      await clean(edit);
    } finally {
      await clean(forge);
    }
  });

  it('Notify: picks a connection and round-trips it', async () => {
    const forge = await open('notify', 'create', undefined, 'dark');
    try {
      const page = forge.page;
      // Issue 16, points 8 and 11: a picker of the app's connections, named as the admin page names its tab;
      // nothing chosen says so beside the field.
      await page
        .getByText('Jira settings › Apps › Workflow Guard › Secrets and connections', { exact: false })
        .waitFor();
      expect(await page.locator('label[for="connectionId"]').innerText()).toMatch(/^Connection\s*\*$/);
      expect(await forge.onConfigure()).toBeUndefined();
      await page.getByTestId('connectionId-error').getByText('This field is required.').waitFor();
      await choose(page, 'connectionId', 'Ops webhook (ops-hook)');
      expect(await page.getByTestId('connectionId-error').count()).toBe(0);
      await choose(page, 'actor', 'The user who made the transition');
      await choose(page, 'report', 'Yes, the app adds a comment saying what failed');
      await screenshot(page, 'post-function-notify-create-dark');
      const saved = await forge.onConfigure();
      expect(JSON.parse(saved ?? 'null')).toEqual({
        connectionId: 'ops-hook',
        connectionName: 'Ops webhook',
        actor: 'transitioning-user',
        fallback: 'fail',
        reportFailureOnIssue: true,
      });
      const edit = await open('notify', 'edit', JSON.parse(saved ?? '{}'));
      await edit.page.getByText('Ops webhook (ops-hook)').waitFor();
      expect(await edit.onConfigure()).toBe(saved);
      await clean(edit);
      const view = await open('notify', 'view', JSON.parse(saved ?? '{}'));
      await view.page.getByTestId('rule-summary').waitFor();
      expect(await view.page.getByTestId('rule-summary').textContent()).toContain(
        'Notifies connection “Ops webhook”.',
      );
      await clean(view);
    } finally {
      await clean(forge);
    }
  });

  it.each([
    [
      'comment',
      { template: 'Done by {{user}}', actor: 'app' },
      'Adds the comment “Done by {{user}}”. Acts as the app',
    ],
    [
      'set-fields',
      { operations: [{ op: 'clear', field: 'duedate' }] },
      'clears duedate. Acts as the project’s default',
    ],
    ['transition-related', { target: 'parent', transitionName: 'Done' }, 'Moves the parent through “Done”.'],
    [
      'notify',
      { connectionId: 'ops-hook', reportFailureOnIssue: false },
      'failures are only in the audit log',
    ],
  ])('%s: the view entry point summarises the configuration', async (moduleKey, config, expected) => {
    const forge = await open(moduleKey, 'view', config);
    try {
      await forge.page.getByTestId('rule-summary').waitFor();
      expect(await forge.page.getByTestId('rule-summary').textContent()).toContain(expected);
    } finally {
      await clean(forge);
    }
  });
});
