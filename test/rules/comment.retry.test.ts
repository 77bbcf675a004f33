import { buildPostFunctionEvent, runPlatformRetry } from '../harness';
import { commentPostFunction } from '../../src/rules/comment';
import { seedSite } from '../support/seed';

const deliver = async (lostAnswers: number) => {
  const { site, kvs } = seedSite();
  // Earlier comments by people, one of them with a property of its own: the retry must look past them.
  site.addComment('OPS-1', { body: 'Looking into it', author: 'dev' });
  site.addComment('OPS-1', { body: 'Tagged', author: 'dev', properties: { 'workflow-guard': { other: 1 } } });
  site.faults.inject({
    match: { operationId: 'addComment' },
    times: lostAnswers,
    response: { kind: 'lostAnswer' },
  });
  const event = buildPostFunctionEvent(site, {
    issueKey: 'OPS-1',
    transitionId: '11',
    atlassianId: 'dev',
    configuration: JSON.stringify({ template: 'Moved by {{user}}', actor: 'app' }),
    postFunctionId: 'pf-comment',
  });
  const report = await runPlatformRetry(commentPostFunction, event, { site, kvs });
  return { site, report };
};

describe('comment post-function retried after its answer was lost', () => {
  it('finds the comment the first delivery added and does not comment twice', async () => {
    const { site, report } = await deliver(1);
    expect(report.deliveries.length).toBeGreaterThan(1);
    const added = site.issue('OPS-1').comments.filter((c) => c.author === site.appBot.accountId);
    expect(added).toHaveLength(1);
    expect(site.issue('OPS-1').comments).toHaveLength(3);
  });

  it('reads comment properties only through documented parameters: ids first, then Get comments by IDs', async () => {
    const { site } = await deliver(1);
    const lookups = site.calls
      .filter((c) => c.operationId === 'getComments' || c.operationId === 'getCommentsByIds')
      .map((c) => c.path);
    expect(lookups).toEqual([
      '/rest/api/3/issue/OPS-1/comment?orderBy=-created&maxResults=50',
      '/rest/api/3/comment/list?expand=properties',
    ]);
  });

  it('comments once on a first delivery without looking for an earlier comment', async () => {
    const { site } = await deliver(0);
    expect(site.calls.some((c) => c.operationId === 'getCommentsByIds')).toBe(false);
    expect(site.issue('OPS-1').comments).toHaveLength(3);
  });
});
