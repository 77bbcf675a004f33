import { sandboxForTests } from './serve';

/**
 * The demo's Previous status validator on "Resume" (Done → In Progress: only work closed while in progress) and Date
 * comparison validator on "Approve" (no overdue issue), run by the sandbox as Jira runs expression validators.
 */
describe('sandbox: Previous status and Date comparison on the demo workflow', () => {
  const demo = sandboxForTests();
  const run = demo.transitionByName;
  const setDueDate = async (issueKey: string, duedate: string) => {
    const answer = await demo.sandbox.site.handle(
      { kind: 'user', accountId: 'dev-dana' },
      `/rest/api/3/issue/${issueKey}`,
      {
        method: 'PUT',
        body: JSON.stringify({ fields: { duedate } }),
      },
    );
    expect(answer.status).toBe(204);
  };
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

  it('resumes only work closed while in progress', async () => {
    expect(await run('dev-dana', 'OPS-1', 'Done')).toMatchObject({ ok: true });
    expect(await run('dev-dana', 'OPS-1', 'Resume')).toEqual({
      ok: false,
      messages: ['Only work closed while in progress can be resumed; reopen it instead.'],
    });
    expect(demo.sandbox.site.issue('OPS-1').status).toBe('Done');
    // OPS-2 has the description Start Progress asks for.
    expect(await run('dev-dana', 'OPS-2', 'Start Progress')).toMatchObject({ ok: true });
    expect(await run('dev-dana', 'OPS-2', 'Done')).toMatchObject({ ok: true });
    expect(await run('dev-dana', 'OPS-2', 'Resume')).toMatchObject({ ok: true });
    expect(demo.sandbox.site.issue('OPS-2').status).toBe('In Progress');
  });

  it('approves no overdue issue; a due date of today or later passes', async () => {
    // OPS-2 is in progress again, resumed above.
    await setDueDate('OPS-2', day(-3));
    expect(await run('pete-project-admin', 'OPS-2', 'Approve')).toEqual({
      ok: false,
      messages: ['This issue is overdue: move its due date before approving it.'],
    });
    await setDueDate('OPS-2', day(7));
    expect(await run('pete-project-admin', 'OPS-2', 'Approve')).toMatchObject({ ok: true });
    expect(demo.sandbox.site.issue('OPS-2').status).toBe('Done');
  });
});
