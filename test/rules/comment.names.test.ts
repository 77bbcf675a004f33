import { buildPostFunctionEvent, runPostFunction } from '../harness';
import { commentPostFunction } from '../../src/rules/comment';
import { seedSite } from '../support/seed';

/** Issue 16, points 7 and 9: comments name people and statuses as people read them, with real mentions. */
describe('comment post-function: names, not ids', () => {
  const run = async (configuration: Record<string, unknown>, atlassianId = 'dev', shape?: 'flat-names') => {
    const { site, kvs } = seedSite();
    const event = buildPostFunctionEvent(site, {
      issueKey: 'OPS-1',
      transitionId: '11',
      atlassianId,
      configuration: JSON.stringify(configuration),
      postFunctionId: 'pf-comment',
      ...(shape ? { shape } : {}),
    });
    await runPostFunction(commentPostFunction, event, { site, kvs });
    return { site, comments: site.issue('OPS-1').comments };
  };

  it('mentions the user by display name and names both statuses, in one lookup each', async () => {
    const { site, comments } = await run({
      template: '{{issue.key}} went from {{transition.from}} to {{transition.to}}, moved by {{user}}.',
    });
    expect(comments.map((c) => c.text)).toEqual([
      'OPS-1 went from To Do to In Progress, moved by @Dana Developer.',
    ]);
    expect(comments[0]?.body.content[0]).toMatchObject({
      content: expect.arrayContaining([{ type: 'mention', attrs: { id: 'dev', text: '@Dana Developer' } }]),
    });
    // One bulk user lookup and one status read, as the app, and nothing the spec does not document.
    expect(site.calls.map((c) => [c.identity.kind, c.operationId])).toEqual([
      ['app', 'bulkGetUsers'],
      ['app', 'getStatusesById'],
      ['app', 'addComment'],
    ]);
    expect(site.contractViolations).toEqual([]);
  });

  it('looks nothing up that the comment does not show; uses the names the event gives', async () => {
    const plain = await run({ template: '{{issue.key}} started.' });
    expect(plain.site.calls.map((c) => c.operationId)).toEqual(['addComment']);
    const named = await run({ template: 'Now {{transition.to}}.' }, 'dev', 'flat-names');
    expect(named.comments.map((c) => c.text)).toEqual(['Now In Progress.']);
    expect(named.site.calls.map((c) => c.operationId)).toEqual(['addComment']);
  });

  it('names the user in the failure comment every viewer reads, as a mention', async () => {
    const { comments } = await run(
      {
        template: 'Started by {{user}}',
        actor: 'transitioning-user',
        fallback: 'fail',
        reportFailureOnIssue: true,
      },
      'viewer',
    );
    expect(comments).toHaveLength(1);
    expect(comments[0]?.text).toContain('@Vic Viewer');
    expect(comments[0]?.text).not.toContain('viewer ');
    expect(comments[0]?.body.content[0]).toMatchObject({
      content: expect.arrayContaining([{ type: 'mention', attrs: { id: 'viewer', text: '@Vic Viewer' } }]),
    });
  });
});
