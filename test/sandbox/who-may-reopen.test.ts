import { Sandbox } from '../../sandbox/sandbox';

/** The sandbox runs the demo's "Who may transition" rule on Reopen as Jira would: expression, user, message. */
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
});
