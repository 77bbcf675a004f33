import { Sandbox } from '../../sandbox/sandbox';

/**
 * The sandbox runs the demo's "Who may transition" rules as Jira would: the validator on Reopen (expression, user,
 * message) and the condition on Approve (the transition is not even offered).
 */
describe('sandbox: expression validators on a transition', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await Sandbox.create();
  });
  afterAll(() => sandbox.close());

  const run = (accountId: string, issueKey: string, name: string) => {
    const issue = sandbox.state(accountId).issues.find((i) => i.key === issueKey);
    const transition = issue?.transitions.find((t) => t.name === name);
    if (!transition) throw new Error(`${issueKey} offers no "${name}"`);
    return sandbox.transition({ accountId, issueKey, transitionId: transition.id });
  };

  it('blocks a developer who is neither the assignee nor an ops lead, lets an ops lead reopen', async () => {
    expect(await run('dev-dana', 'OPS-1', 'Done')).toMatchObject({ ok: true });
    expect(await run('dev-dana', 'OPS-1', 'Reopen')).toEqual({
      ok: false,
      messages: ['Only the assignee or an ops lead may reopen an issue.'],
    });
    expect(sandbox.site.issue('OPS-1').status).toBe('Done');
    expect(await run('pete-project-admin', 'OPS-1', 'Reopen')).toMatchObject({ ok: true });
    expect(sandbox.site.issue('OPS-1').status).toBe('To Do');
  });

  it('lets the assignee reopen', async () => {
    expect(await run('dev-dana', 'WEB-1', 'Done')).toMatchObject({ ok: true });
    expect(await run('dev-dana', 'WEB-1', 'Reopen')).toMatchObject({ ok: true });
    expect(sandbox.site.issue('WEB-1').status).toBe('To Do');
  });

  it('hides "Approve" from everyone but ops leads: its condition is false for them, so Jira does not list it', async () => {
    expect(await run('dev-dana', 'OPS-2', 'Start Progress')).toMatchObject({ ok: true });
    const offered = (accountId: string) =>
      sandbox
        .state(accountId)
        .issues.find((i) => i.key === 'OPS-2')
        ?.transitions.map((t) => t.name);
    expect(offered('dev-dana')).toEqual(['Done']);
    expect(offered('pete-project-admin')).toEqual(['Done', 'Approve']);
    expect(
      await sandbox.transition({ accountId: 'dev-dana', issueKey: 'OPS-2', transitionId: '41' }),
    ).toEqual({
      ok: false,
      messages: [
        'You cannot make this transition on OPS-2: it is not available from its status, a condition hides it from you, or you lack the Jira permission "Transition issues" in its project.',
      ],
    });
    expect(await run('pete-project-admin', 'OPS-2', 'Approve')).toMatchObject({ ok: true });
    expect(sandbox.site.issue('OPS-2').status).toBe('Done');
  });
});
