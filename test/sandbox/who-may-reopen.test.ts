import { sandboxForTests } from './serve';

/**
 * The sandbox runs the demo's "Who may transition" rules as Jira would: the validator on Reopen (expression, user,
 * message) and the condition on Approve (the transition is not even offered).
 */
describe('sandbox: expression validators on a transition', () => {
  const demo = sandboxForTests();
  const run = demo.transitionByName;

  it('blocks a developer who is neither the assignee nor an ops lead, lets an ops lead reopen', async () => {
    expect(await run('dev-dana', 'OPS-1', 'Done')).toMatchObject({ ok: true });
    // Assigned to Ada, so the demo's Custom expression on Reopen (expression-failed.test.ts) can be evaluated.
    const assigned = await demo.sandbox.site.handle(
      { kind: 'user', accountId: 'ada-admin' },
      '/rest/api/3/issue/OPS-1/assignee',
      { method: 'PUT', body: JSON.stringify({ accountId: 'ada-admin' }) },
    );
    expect(assigned.status).toBe(204);
    expect(await run('dev-dana', 'OPS-1', 'Reopen')).toEqual({
      ok: false,
      messages: ['Only the assignee or an ops lead may reopen an issue.'],
    });
    expect(demo.sandbox.site.issue('OPS-1').status).toBe('Done');
    expect(await run('pete-project-admin', 'OPS-1', 'Reopen')).toMatchObject({ ok: true });
    expect(demo.sandbox.site.issue('OPS-1').status).toBe('To Do');
  });

  it('lets the assignee reopen', async () => {
    expect(await run('dev-dana', 'WEB-1', 'Done')).toMatchObject({ ok: true });
    expect(await run('dev-dana', 'WEB-1', 'Reopen')).toMatchObject({ ok: true });
    expect(demo.sandbox.site.issue('WEB-1').status).toBe('To Do');
  });

  it('hides "Approve" from everyone but ops leads: its condition is false for them, so Jira does not list it', async () => {
    expect(await run('dev-dana', 'OPS-2', 'Start Progress')).toMatchObject({ ok: true });
    const offered = (accountId: string) =>
      demo.sandbox
        .state(accountId)
        .issues.find((i) => i.key === 'OPS-2')
        ?.transitions.map((t) => t.name);
    expect(offered('dev-dana')).toEqual(['Done']);
    expect(offered('pete-project-admin')).toEqual(['Done', 'Approve']);
    expect(
      await demo.sandbox.transition({ accountId: 'dev-dana', issueKey: 'OPS-2', transitionId: '41' }),
    ).toEqual({
      ok: false,
      messages: [
        'You cannot make this transition on OPS-2: it is not available from its status, a condition hides it from you, or you lack the Jira permission "Transition issues" in its project.',
      ],
    });
    expect(await run('pete-project-admin', 'OPS-2', 'Approve')).toMatchObject({ ok: true });
    expect(demo.sandbox.site.issue('OPS-2').status).toBe('Done');
  });
});
