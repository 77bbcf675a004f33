import { sandboxForTests } from './serve';

/**
 * The demo's "Approve" carries a Comment acting as the user in Reporter (issue 18, point 6): the sandbox shows who
 * acted, as the admin page says it, beside the post-function's outcome.
 */
describe('sandbox: a post-function acting as the user in a field', () => {
  const demo = sandboxForTests();

  const approve = async (issueKey: string) => {
    expect(
      await demo.sandbox.transition({
        accountId: 'dev-dana',
        issueKey,
        transitionId: '11',
        description: 'Planned.',
      }),
    ).toMatchObject({ ok: true });
    return demo.sandbox.transition({ accountId: 'pete-project-admin', issueKey, transitionId: '41' });
  };
  const commentsOf = (issueKey: string) =>
    demo.sandbox.site.issue(issueKey).comments.map((c) => ({ author: c.author, text: c.text }));

  it('comments as the reporter when an ops lead approves', async () => {
    const result = await approve('OPS-1');
    expect(result).toMatchObject({
      ok: true,
      postFunctions: expect.arrayContaining([
        expect.objectContaining({
          rule: 'Workflow Guard – Comment',
          outcome: 'applied',
          actedAs: 'As Dana Developer (the user in Reporter)',
        }),
      ]),
    });
    expect(commentsOf('OPS-1')).toContainEqual({
      author: 'dev-dana',
      text: 'Approved by @Pete Project-Admin (admin of OPS, ops-leads): thanks, this is what I reported.',
    });
  });

  it('comments as the app, saying for whom, when the reporter may not comment', async () => {
    const result = await approve('OPS-2');
    expect(result).toMatchObject({
      postFunctions: expect.arrayContaining([
        expect.objectContaining({
          rule: 'Workflow Guard – Comment',
          fallback: true,
          actedAs:
            "The Workflow Guard app's bot user, as a fallback for Vic Viewer (browse only) (the user in Reporter)",
          summary: expect.stringContaining(
            'acted as the app instead of the user in "Reporter": the user Vic Viewer (browse only) lacks the Jira permission "Add comments"',
          ),
        }),
      ]),
    });
    expect(commentsOf('OPS-2').at(-1)?.text).toContain(
      'added by Workflow Guard on behalf of @Vic Viewer (browse only)',
    );
  });
});
