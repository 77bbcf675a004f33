import { seedIssueCreation } from '../support/seed';
import { screenshot } from './index';
import { choose, clean, appScreens } from './app-screens';

/**
 * The post-function screens whose pickers read Jira (Create issue, Link issues, Assign) in headless Chromium:
 * Jira's side of the bridge is stood in, and `invoke` reaches the real configuration resolver, which calls the Jira
 * emulator as the configuring user `dev`.
 */
describe('post-function screens with Jira pickers', () => {
  const screens = appScreens();

  function open(moduleKey: string, entryPoint: 'create' | 'edit' | 'view', config?: unknown) {
    const { site, kvs } = seedIssueCreation();
    site.addField({ id: 'customfield_10070', name: 'Reviewer', type: 'user' });
    site.assignRole('OPS', 'Developers', 'dev');
    // Workflows are edited by Jira admins: the role list (GET /rest/api/3/role) is theirs to read.
    site.grant('ADMINISTER', { accountId: 'dev' });
    return screens.open({ type: 'jira:workflowPostFunction', moduleKey, entryPoint, config, site, kvs });
  }

  it('Create issue: picks the project, type, fields and link type from Jira, and names a required field on save', async () => {
    const forge = await open('create-issue', 'create');
    try {
      const page = forge.page;
      await choose(page, 'projectId', 'Support (SUP)');
      await choose(page, 'issueTypeId', 'Task');
      await choose(page, 'copyFields', 'Labels');
      await choose(page, 'linkType', 'Blocks (blocks / is blocked by)');
      expect(await forge.onConfigure()).toBeUndefined();
      await page.getByTestId('copyFields-error').waitFor();
      expect(await page.getByTestId('copyFields-error').textContent()).toContain(
        '"Severity" (customfield_10050) is required and the rule does not set it',
      );
      await choose(page, 'copyFields', 'Severity');
      await screenshot(page, 'post-function-create-issue-create');
      const saved = await forge.onConfigure();
      expect(JSON.parse(saved ?? 'null')).toEqual({
        kind: 'issue',
        projectId: '20000',
        projectName: 'Support (SUP)',
        issueTypeId: expect.stringMatching(/^\d+$/),
        issueTypeName: 'Task',
        summary: 'Follow up {{issue.key}}: {{issue.summary}}',
        copyFields: ['labels', 'customfield_10050'],
        linkBack: { linkType: 'Blocks', direction: 'outward' },
        fallback: 'fail',
      });
      const view = await open('create-issue', 'view', JSON.parse(saved ?? '{}'));
      await view.page.getByTestId('rule-summary').waitFor();
      expect(await view.page.getByTestId('rule-summary').textContent()).toContain(
        'Creates a Task in Support (SUP) titled “Follow up {{issue.key}}: {{issue.summary}}”, copying labels, customfield_10050, linked to it (Blocks).',
      );
      await clean(view);
      const edit = await open('create-issue', 'edit', JSON.parse(saved ?? '{}'));
      await edit.page.locator('#summary').waitFor();
      expect(await edit.onConfigure()).toBe(saved);
      await clean(edit);
    } finally {
      await clean(forge);
    }
  });

  it('Create issue: a sub-task offers only sub-task types and needs no project', async () => {
    const forge = await open('create-issue', 'create');
    try {
      const page = forge.page;
      await choose(page, 'kind', 'A sub-task of the transitioned issue');
      await page.locator('#issueTypeId').focus();
      await page.keyboard.press('ArrowDown');
      const offered = await page.getByRole('option').allTextContents();
      expect(offered).toEqual(['Subtask']);
      await page.getByRole('option', { name: 'Subtask' }).click();
      expect(JSON.parse((await forge.onConfigure()) ?? 'null')).toMatchObject({
        kind: 'sub-task',
        issueTypeName: 'Subtask',
      });
      expect(await page.locator('#projectId').count()).toBe(0);
    } finally {
      await clean(forge);
    }
  });
  it('Link issues: asks for the JQL, then picks the link type from Jira and round-trips', async () => {
    const forge = await open('link-issues', 'create');
    try {
      const page = forge.page;
      await choose(page, 'linkType', 'Relates (relates to / relates to)');
      expect(await forge.onConfigure()).toBeUndefined();
      await page.getByTestId('jql-error').waitFor();
      expect(await page.getByTestId('jql-error').textContent()).toBe(
        'Write the JQL that finds the issues to link.',
      );
      await page.locator('#jql').fill('project = OPS AND labels = release');
      await choose(page, 'direction', 'They are the outward side (“they block this issue”)');
      await screenshot(page, 'post-function-link-issues-create');
      const saved = await forge.onConfigure();
      expect(JSON.parse(saved ?? 'null')).toEqual({
        source: 'jql',
        jql: 'project = OPS AND labels = release',
        linkType: 'Relates',
        direction: 'inward',
        fallback: 'fail',
      });
      const edit = await open('link-issues', 'edit', JSON.parse(saved ?? '{}'));
      await edit.page.locator('#jql').waitFor();
      expect(await edit.onConfigure()).toBe(saved);
      await clean(edit);
    } finally {
      await clean(forge);
    }
  });

  it('Link issues: picks the field that names the issues', async () => {
    const forge = await open('link-issues', 'create');
    try {
      const page = forge.page;
      await choose(page, 'source', 'Issues named in a field of the issue');
      await choose(page, 'fieldId', 'Severity');
      await choose(page, 'linkType', 'Blocks (blocks / is blocked by)');
      expect(JSON.parse((await forge.onConfigure()) ?? 'null')).toMatchObject({
        source: 'field',
        fieldId: 'customfield_10050',
        fieldName: 'Severity',
        linkType: 'Blocks',
        direction: 'outward',
      });
    } finally {
      await clean(forge);
    }
  });
  it('Assign: picks a project role from Jira, takes turns, and round-trips', async () => {
    const forge = await open('assign', 'create');
    try {
      const page = forge.page;
      await choose(page, 'target', 'A member of a project role');
      expect(await forge.onConfigure()).toBeUndefined();
      await page.getByTestId('roleId-error').waitFor();
      expect(await page.getByTestId('roleId-error').textContent()).toBe('Pick the project role.');
      await choose(page, 'roleId', 'Developers');
      await choose(page, 'roleStrategy', 'Members in turn (round robin)');
      await screenshot(page, 'post-function-assign-create');
      const saved = await forge.onConfigure();
      expect(JSON.parse(saved ?? 'null')).toEqual({
        target: 'role',
        roleId: expect.stringMatching(/^\d+$/),
        roleName: 'Developers',
        roleStrategy: 'round-robin',
        fallback: 'fail',
      });
      const view = await open('assign', 'view', JSON.parse(saved ?? '{}'));
      await view.page.getByTestId('rule-summary').waitFor();
      expect(await view.page.getByTestId('rule-summary').textContent()).toContain(
        'Assigns the issue to members of Developers in turn.',
      );
      await clean(view);
    } finally {
      await clean(forge);
    }
  });

  it('Assign: offers only user fields', async () => {
    const forge = await open('assign', 'create');
    try {
      const page = forge.page;
      await choose(page, 'target', 'The user in a field');
      await page.locator('#fieldId').focus();
      await page.keyboard.press('ArrowDown');
      expect(await page.getByRole('option').allTextContents()).toEqual(['Assignee', 'Reporter', 'Reviewer']);
      await page.getByRole('option', { name: 'Reviewer' }).click();
      expect(JSON.parse((await forge.onConfigure()) ?? 'null')).toMatchObject({
        target: 'user-field',
        fieldId: 'customfield_10070',
        fieldName: 'Reviewer',
      });
    } finally {
      await clean(forge);
    }
  });
});
