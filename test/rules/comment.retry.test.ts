import { buildPostFunctionEvent, runPlatformRetry } from '../harness';
import { commentPostFunction } from '../../src/rules/comment';
import { seedSite } from '../support/seed';

const deliver = async (lostAnswers: number, actor: 'app' | 'transitioning-user' = 'app') => {
  const { site, kvs } = seedSite();
  // Earlier comments by people, one of them with a property of its own: the retry must look past them.
  site.addComment('OPS-1', { body: 'Looking into it', author: 'dev' });
  site.addComment('OPS-1', {
    body: 'Tagged',
    author: 'viewer',
    properties: { 'workflow-guard': { other: 1 } },
  });
  site.faults.inject({
    match: { operationId: 'addComment' },
    times: lostAnswers,
    response: { kind: 'lostAnswer' },
  });
  // What the retry asks Get comments by IDs for (the site's call log keeps no bodies).
  const lookedUp: unknown[] = [];
  const handle = site.handle.bind(site);
  jest.spyOn(site, 'handle').mockImplementation((identity, path, init) => {
    if (path.startsWith('/rest/api/3/comment/list') && typeof init?.body === 'string')
      lookedUp.push(JSON.parse(init.body));
    return handle(identity, path, init);
  });
  const event = buildPostFunctionEvent(site, {
    issueKey: 'OPS-1',
    transitionId: '11',
    atlassianId: 'dev',
    configuration: JSON.stringify({ template: 'Moved by {{user}}', actor }),
    postFunctionId: 'pf-comment',
  });
  const report = await runPlatformRetry(commentPostFunction, event, { site, kvs });
  return { site, report, lookedUp };
};

describe('comment post-function retried after its answer was lost', () => {
  it('finds the comment the first delivery added and does not comment twice', async () => {
    const { site, report } = await deliver(1);
    expect(report.deliveries.length).toBeGreaterThan(1);
    const added = site.issue('OPS-1').comments.filter((c) => c.author === site.appBot.accountId);
    expect(added).toHaveLength(1);
    expect(site.issue('OPS-1').comments).toHaveLength(3);
  });

  it('reads comment properties only through documented parameters, and only of comments the app wrote', async () => {
    const { site, lookedUp } = await deliver(1);
    const lookups = site.calls
      .filter((c) => c.operationId === 'getComments' || c.operationId === 'getCommentsByIds')
      .map((c) => c.path);
    expect(lookups).toEqual([
      '/rest/api/3/issue/OPS-1/comment?orderBy=-created&maxResults=50',
      '/rest/api/3/comment/list?expand=properties',
    ]);
    const mine = site.issue('OPS-1').comments.find((c) => c.author === site.appBot.accountId);
    expect(lookedUp).toEqual([{ ids: [Number(mine?.id)] }]);
  });

  it('finds the comment it added as the transitioning user, looking only at that user’s comments', async () => {
    const { site, lookedUp } = await deliver(1, 'transitioning-user');
    const byDev = site.issue('OPS-1').comments.filter((c) => c.author === 'dev');
    expect(byDev.map((c) => c.text)).toEqual(['Looking into it', expect.stringContaining('Moved by')]);
    expect(lookedUp).toEqual([{ ids: byDev.map((c) => Number(c.id)).reverse() }]);
  });

  it('comments once on a first delivery without looking for an earlier comment', async () => {
    const { site } = await deliver(0);
    expect(site.calls.some((c) => c.operationId === 'getCommentsByIds')).toBe(false);
    expect(site.issue('OPS-1').comments).toHaveLength(3);
  });
});
