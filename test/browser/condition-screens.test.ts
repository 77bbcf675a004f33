import { seedProjects } from '../settings/project-site';
import { seedSite } from '../support/seed';
import { screenshot, type ForgePage } from './index';
import { choose, clean, appScreens } from './app-screens';

/**
 * The conditions' and the generated validators' configuration screens in headless Chromium, with the real
 * configuration resolver (and Jira's analysis in the emulator) behind the bridge, and the project settings page's
 * word on rules Jira evaluates itself. Assertions are on what the admin reads and on what Jira would store.
 */
describe('condition and generated validator screens', () => {
  const screens = appScreens();

  type ModuleType = 'jira:workflowCondition' | 'jira:workflowValidator';
  function open(
    moduleKey: string,
    type: ModuleType,
    entryPoint: 'create' | 'edit' | 'view',
    config?: unknown,
  ) {
    const { site, kvs } = seedSite();
    site.addField({ id: 'customfield_10100', name: 'Approver', type: 'user' });
    site.addField({ id: 'customfield_10101', name: 'Severity', type: 'option' });
    site.addField({ id: 'customfield_10103', name: 'Story points', type: 'number' });
    const forge = screens.open({ type, moduleKey, entryPoint, config, site, kvs });
    return { site, forge };
  }

  const saved = async (forge: ForgePage) =>
    JSON.parse((await forge.onConfigure()) ?? 'null') as Record<string, unknown> | null;

  it('Who may transition (condition): says it hides the transition, asks no message, offers user fields', async () => {
    const { forge: opening } = open('who-may-transition-condition', 'jira:workflowCondition', 'create');
    const forge = await opening;
    try {
      const { page } = forge;
      await page
        .getByText(
          'Who may transition (condition): only the people you choose see this transition; Jira hides it from everyone else.',
        )
        .waitFor();
      expect(await page.locator('#message').count()).toBe(0);
      await choose(page, 'userFields', 'Approver (customfield_10100)');
      await page.locator('#groups').fill('ops-leads');
      await page.keyboard.press('Enter');
      await screenshot(page, 'condition-who-may-transition-create');
      expect(await saved(forge)).toEqual({
        groups: ['ops-leads'],
        projectRoles: [],
        assignee: false,
        reporter: false,
        userFields: [{ id: 'customfield_10100', name: 'Approver', kind: 'user' }],
        expression:
          'user.groups.some(group => ["ops-leads"].includes(group)) || (issue.customfield_10100 != null && issue.customfield_10100.accountId == user.accountId)',
        description: 'Only members of "ops-leads", people in "Approver" may make this transition.',
      });
    } finally {
      await clean(forge);
    }
  });

  it('Field value (condition): builds the test from a field, a comparison and a value; a wrong one is explained', async () => {
    const { forge: opening } = open('field-value-condition', 'jira:workflowCondition', 'create');
    const forge = await opening;
    try {
      const { page } = forge;
      await page.getByText('Field value (condition): the transition is shown only when').waitFor();
      await choose(page, 'test-field', 'Severity (customfield_10101)');
      await choose(page, 'test-operator', 'is greater than');
      await page.locator('#test-value').fill('High');
      expect(await forge.onConfigure()).toBeUndefined();
      await page.getByTestId('config-error').waitFor();
      expect(await page.getByTestId('config-error').textContent()).toContain(
        '"Severity" cannot be tested with "is greater than"',
      );
      await choose(page, 'test-operator', 'is');
      await screenshot(page, 'condition-field-value-create');
      expect(await saved(forge)).toEqual({
        field: { id: 'customfield_10101', name: 'Severity' },
        operator: 'equals',
        kind: 'option',
        value: 'High',
        expression: '(issue.customfield_10101 != null && issue.customfield_10101.value == "High")',
        description: 'Offered only when "Severity" is "High".',
      });
    } finally {
      await clean(forge);
    }
  });

  it('Related issues (condition): no failure policy, since Jira checks it itself', async () => {
    const { forge: opening } = open('related-status-condition', 'jira:workflowCondition', 'create');
    const forge = await opening;
    try {
      const { page } = forge;
      await page.getByText('Jira checks them itself each time it lists the transitions').waitFor();
      expect(await page.locator('#failurePolicy').count()).toBe(0);
      await choose(page, 'kinds', 'Sub-tasks');
      expect(await saved(forge)).toEqual({
        requiredCategory: 'done',
        subtasks: true,
        parent: false,
        links: [],
        expression: 'issue.subtasks.every(subtask => subtask.status.category.key == "done")',
        description: 'Offered only when its sub-tasks are in "Done".',
      });
    } finally {
      await clean(forge);
    }
  });

  it('Custom expression (condition): lists the condition’s variables and asks for no message', async () => {
    const { forge: opening } = open('custom-expression-condition', 'jira:workflowCondition', 'create');
    const forge = await opening;
    try {
      const { page } = forge;
      await page.locator('#expression').fill('issue.assignee != null');
      await page
        .getByText(
          'Available: issue, user (who would transition), project, transition, workflow, config, groupOperator.',
        )
        .waitFor();
      expect(await page.locator('#message').count()).toBe(0);
      expect(await saved(forge)).toEqual({
        expression: 'issue.assignee != null',
        description: 'Offered only when a custom Jira expression is true.',
      });
    } finally {
      await clean(forge);
    }
  });

  it('a condition’s view entry point reads the saved description from conditionConfig', async () => {
    const { forge: opening } = open('field-value-condition', 'jira:workflowCondition', 'view', {
      description: 'Offered only when "Severity" is "High".',
    });
    const forge = await opening;
    try {
      await forge.page.getByTestId('rule-summary').waitFor();
      expect(await forge.page.getByTestId('rule-summary').textContent()).toBe(
        'Offered only when "Severity" is "High".',
      );
    } finally {
      await clean(forge);
    }
  });

  it('Comment required: tells the admin the transition needs a screen and saves the default message', async () => {
    const { forge: opening } = open('comment-required', 'jira:workflowValidator', 'create');
    const forge = await opening;
    try {
      const { page } = forge;
      await page.getByText('Give the transition a screen, or they cannot comment.').waitFor();
      await page.getByText('Leave empty for: Add a comment to make this transition.').waitFor();
      expect(await saved(forge)).toEqual({
        message: 'Add a comment to make this transition.',
        expression: 'issue.comments.length > originalIssue.comments.length',
        description: 'Requires a comment on the transition.',
      });
    } finally {
      await clean(forge);
    }
  });

  it('Field changed: the chosen fields must differ from before the transition screen', async () => {
    const { forge: opening } = open('field-changed', 'jira:workflowValidator', 'create');
    const forge = await opening;
    try {
      const { page } = forge;
      await choose(page, 'fields', 'Story points (customfield_10103)');
      expect(await saved(forge)).toEqual({
        fields: [{ id: 'customfield_10103', name: 'Story points', kind: 'number' }],
        message: 'Change "Story points" on the transition screen to make this transition.',
        expression: 'issue.customfield_10103 != originalIssue.customfield_10103',
        description: 'Requires "Story points" to be changed during the transition.',
      });
    } finally {
      await clean(forge);
    }
  });

  it('Fields required when: a field test and the fields it makes required, round-tripped through edit', async () => {
    const { forge: opening } = open('required-when', 'jira:workflowValidator', 'create');
    const forge = await opening;
    try {
      const { page } = forge;
      await choose(page, 'when-field', 'Severity (customfield_10101)');
      await page.locator('#when-value').fill('High');
      await choose(page, 'required', 'Approver (customfield_10100)');
      await screenshot(page, 'validator-required-when-create');
      const config = await saved(forge);
      expect(config).toEqual({
        when: {
          field: { id: 'customfield_10101', name: 'Severity' },
          operator: 'equals',
          kind: 'option',
          value: 'High',
        },
        required: [{ id: 'customfield_10100', name: 'Approver', kind: 'user' }],
        message: 'Fill in "Approver": they are required when "Severity" is "High".',
        expression:
          '!((issue.customfield_10101 != null && issue.customfield_10101.value == "High")) || (!(issue.customfield_10100 == null))',
        description: 'Requires "Approver" when "Severity" is "High".',
      });
      const { forge: reopening } = open('required-when', 'jira:workflowValidator', 'edit', config);
      const edit = await reopening;
      await edit.page.getByText('Approver (customfield_10100)').waitFor();
      expect(await edit.page.locator('#when-value').inputValue()).toBe('High');
      expect(await saved(edit)).toEqual(config);
      await clean(edit);
    } finally {
      await clean(forge);
    }
  });

  it('project settings: a rule Jira evaluates reads "Always on", with the reason on the page', async () => {
    const { site, kvs } = seedProjects();
    const forge = await screens.openProjectSettings({ site, kvs, accountId: 'opsAdmin', projectKey: 'OPS' });
    try {
      const { page } = forge;
      await page.getByTestId('rule-field-value-condition-always-on').waitFor();
      expect(await page.getByTestId('rule-field-value-condition-always-on').textContent()).toBe(
        'Always on (Jira evaluates it)',
      );
      await page
        .getByText('evaluated by Jira itself without calling the app, so they cannot be turned off here')
        .waitFor();
      expect(await page.locator('#rule-field-value-condition').count()).toBe(0);
      expect(await page.locator('#rule-comment').count()).toBe(1);
      await screenshot(page, 'project-settings-expression-rules');
    } finally {
      await clean(forge);
    }
  });
});
