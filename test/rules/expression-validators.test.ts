import { prepareCustomExpression } from '../../src/rules/custom-expression/prepare';
import { finishConfiguration } from '../../src/rules/validator-config/prepare';
import { WhoMayTransitionConfig } from '../../src/rules/who-may-transition/configuration';
import { completeWhoMayTransition } from '../../src/rules/who-may-transition/prepare';
import { JiraSite } from '../emulator';
import { UnsupportedExpressionError } from '../emulator/expression-eval';
import {
  DEFAULT_VALIDATOR_MESSAGE,
  evaluateValidatorExpression,
  manifestExpressionValidator,
} from '../emulator/expression-validator';

/**
 * The two expression validators as Jira runs them at transition time: the configuration the app's screen saves
 * (built by the app's own preparers) evaluated with the manifest module's expression and errorMessage.
 */
function seed(): JiraSite {
  const site = new JiraSite();
  site.addUser({ accountId: 'lead', displayName: 'Lena Lead', groups: ['ops-leads'] });
  site.addUser({ accountId: 'dev', displayName: 'Dev Dan', groups: ['developers'] });
  site.addUser({ accountId: 'rel', displayName: 'Rita Release' });
  site.addUser({ accountId: 'quote', displayName: 'Q', groups: ['devs" || true || "'] });
  site.addProject({ key: 'OPS', name: 'Operations' });
  site.assignRole('OPS', 'Release managers', 'rel');
  site.addIssue({ key: 'OPS-1', projectKey: 'OPS', summary: 'Rotate keys', assignee: 'dev', status: 'Done' });
  site.addIssue({ key: 'OPS-2', projectKey: 'OPS', summary: 'Patch servers', status: 'Done' });
  return site;
}

/** The configuration string Jira keeps for the rule, exactly as the configuration screen saves it. */
/** The configuration the screen saves when it names no user field (so no Jira lookup is needed). */
const saved = (input: object) => {
  const config = WhoMayTransitionConfig.parse(input);
  return finishConfiguration(completeWhoMayTransition(config, { ...config, userFields: [] })).configuration;
};

const REOPEN = '31';

describe('Who may transition, evaluated as Jira does', () => {
  const module = manifestExpressionValidator('who-may-transition');
  const config = saved({
    groups: ['ops-leads'],
    projectRoles: ['Release managers'],
    assignee: true,
    message: 'Only ops leads, release managers or the assignee may reopen.',
  });
  const transition = (site: JiraSite, accountId: string, issueKey = 'OPS-1') =>
    evaluateValidatorExpression(site, { ...module, config, issueKey, transitionId: REOPEN, accountId });

  it('uses the manifest module: expression false unless configured, message from config.message', () => {
    expect(module).toEqual({ expression: 'false', errorMessage: { expression: 'config.message' } });
  });

  it('lets a group member, a role holder and the assignee through', () => {
    const site = seed();
    expect(transition(site, 'lead')).toEqual({ result: true });
    expect(transition(site, 'rel')).toEqual({ result: true });
    expect(transition(site, 'dev')).toEqual({ result: true });
  });

  it('blocks anyone else with exactly the configured message', () => {
    const site = seed();
    expect(transition(site, 'dev', 'OPS-2')).toEqual({
      result: false,
      errorMessage: 'Only ops leads, release managers or the assignee may reopen.',
    });
    expect(transition(site, 'quote')).toEqual({
      result: false,
      errorMessage: 'Only ops leads, release managers or the assignee may reopen.',
    });
  });

  it('shows the generated description when the admin wrote no message', () => {
    const site = seed();
    const plain = saved({ groups: ['ops-leads'] });
    expect(
      evaluateValidatorExpression(site, {
        ...module,
        config: plain,
        issueKey: 'OPS-2',
        transitionId: REOPEN,
        accountId: 'dev',
      }),
    ).toEqual({ result: false, errorMessage: 'Only members of "ops-leads" may make this transition.' });
  });

  it('keeps an injection attempt in a group name a literal: nobody gets through by it', () => {
    const site = seed();
    const injected = saved({ groups: ['devs" || true || "'], message: 'No.' });
    const run = (accountId: string) =>
      evaluateValidatorExpression(site, {
        ...module,
        config: injected,
        issueKey: 'OPS-2',
        transitionId: REOPEN,
        accountId,
      });
    expect(run('dev')).toEqual({ result: false, errorMessage: 'No.' });
    expect(run('lead')).toEqual({ result: false, errorMessage: 'No.' });
    // Only a member of the group with that exact (odd) name passes.
    expect(run('quote')).toEqual({ result: true });
  });

  it('blocks with the default message when the configuration carries no expression (the manifest says false)', () => {
    const site = seed();
    expect(
      evaluateValidatorExpression(site, {
        ...module,
        config: {},
        issueKey: 'OPS-1',
        transitionId: REOPEN,
        accountId: 'lead',
      }),
    ).toEqual({ result: false, errorMessage: DEFAULT_VALIDATOR_MESSAGE });
  });
});

describe('Custom expression, evaluated as Jira does', () => {
  const module = manifestExpressionValidator('custom-expression');
  const config = finishConfiguration(
    prepareCustomExpression({
      expression: 'issue.assignee != null && issue.labels.includes("reviewed")',
      message: 'Assign the issue and label it "reviewed" first.',
    }),
  ).configuration;
  const run = (site: JiraSite, issueKey: string, extra: object = {}) =>
    evaluateValidatorExpression(site, {
      ...module,
      config,
      issueKey,
      transitionId: '11',
      accountId: 'dev',
      ...extra,
    });

  function site(): JiraSite {
    const s = new JiraSite();
    s.addUser({ accountId: 'dev', displayName: 'Dev Dan' });
    s.addProject({ key: 'ENG' });
    s.addIssue({
      key: 'ENG-1',
      projectKey: 'ENG',
      summary: 'Ready',
      assignee: 'dev',
      fields: { labels: ['reviewed'] },
    });
    s.addIssue({ key: 'ENG-2', projectKey: 'ENG', summary: 'Not ready', fields: { labels: ['reviewed'] } });
    return s;
  }

  it('passes a transition the expression allows', () => {
    expect(run(site(), 'ENG-1')).toEqual({ result: true });
  });

  it('blocks one it refuses with exactly the configured message', () => {
    expect(run(site(), 'ENG-2')).toEqual({
      result: false,
      errorMessage: 'Assign the issue and label it "reviewed" first.',
    });
  });

  it('sees the transition screen’s edits in issue, and the stored issue in originalIssue', () => {
    const s = site();
    expect(run(s, 'ENG-2', { screenEdits: { assignee: { accountId: 'dev' } } })).toEqual({ result: true });
    const changed = finishConfiguration(
      prepareCustomExpression({
        expression: 'issue.assignee != originalIssue.assignee',
        message: 'Reassign.',
      }),
    ).configuration;
    expect(run(s, 'ENG-2', { config: changed, screenEdits: { assignee: { accountId: 'dev' } } })).toEqual({
      result: true,
    });
    expect(run(s, 'ENG-2', { config: changed })).toEqual({ result: false, errorMessage: 'Reassign.' });
  });

  it('knows the transition, workflow, project and user', () => {
    const s = site();
    const config = {
      expression:
        'transition.name == "Start Progress" && transition.from.name == "To Do" && transition.to.category.key == "indeterminate" && workflow.name == "Default Workflow" && project.key == "ENG" && user.displayName == "Dev Dan"',
      message: 'x',
    };
    expect(run(s, 'ENG-1', { config })).toEqual({ result: true });
  });

  it('treats a failing expression as false (with the reason) and a String result as the message', () => {
    const s = site();
    expect(
      run(s, 'ENG-1', { config: { expression: 'issue.parent.key == "X"', message: 'Needs a parent.' } }),
    ).toEqual({
      result: false,
      errorMessage: 'Needs a parent.',
      failure: 'Evaluation failed: "issue.parent.key" - Type null does not have any properties',
    });
    expect(
      run(s, 'ENG-2', {
        config: {
          expression: 'issue.assignee == null ? "Assign " + issue.key + " first." : true',
          message: 'x',
        },
      }),
    ).toEqual({ result: false, errorMessage: 'Assign ENG-2 first.' });
    expect(run(s, 'ENG-1', { config: { expression: '"yes"', message: 'x' } })).toEqual({
      result: false,
      errorMessage: 'yes',
    });
    // Anything but true blocks, even a truthy value.
    expect(run(s, 'ENG-1', { config: { expression: '1', message: 'Not a Boolean.' } })).toEqual({
      result: false,
      errorMessage: 'Not a Boolean.',
    });
  });

  it('refuses to guess on syntax the emulator does not evaluate', () => {
    expect(() =>
      run(site(), 'ENG-1', { config: { expression: 'new Date().plusMonths(1) != null', message: 'x' } }),
    ).toThrow(UnsupportedExpressionError);
  });
});
