import { JiraSite, type Identity } from './index';

/**
 * What the transition-related post-function relies on, as the spec describes it: the enhanced search's
 * `expand=transitions` ("Returns all possible transitions for the issue", as the caller may make them) and
 * `reconcileIssues` ("Accepts max 50 ids"), and doTransition's `properties` (IssueUpdateDetails: "Details of issue
 * properties to be add or update"; the operation needs only Browse projects and Transition issues).
 */

const app: Identity = { kind: 'app' };
const mover: Identity = { kind: 'user', accountId: 'mover' };
const viewer: Identity = { kind: 'user', accountId: 'viewer' };

function seed(): JiraSite {
  const site = new JiraSite();
  site.addUser({ accountId: 'mover', displayName: 'Mo Mover' });
  site.addUser({ accountId: 'viewer', displayName: 'Vi Viewer' });
  site.addProject({ key: 'ENG' });
  // The mover may browse and transition, not edit: enough for doTransition with properties, per the spec.
  for (const permission of ['BROWSE_PROJECTS', 'TRANSITION_ISSUES'])
    site.grant(permission, { accountId: 'mover', projectKey: 'ENG' });
  site.grant('BROWSE_PROJECTS', { accountId: 'viewer', projectKey: 'ENG' });
  site.addIssue({ key: 'ENG-1', projectKey: 'ENG', summary: 'To do' });
  site.addIssue({ key: 'ENG-2', projectKey: 'ENG', summary: 'Done already', status: 'Done' });
  return site;
}

const send = (site: JiraSite, who: Identity, method: string, path: string, body?: unknown) =>
  site.handle(who, path, { method, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
const json = async (r: Response): Promise<Record<string, unknown>> =>
  (await r.json()) as Record<string, unknown>;

interface Hit {
  key: string;
  fields?: { status?: { id: string } };
  transitions?: Array<{ id: string; name: string; to: { id: string } }>;
}

async function search(site: JiraSite, who: Identity, body: Record<string, unknown>) {
  const r = await send(site, who, 'POST', '/rest/api/3/search/jql', body);
  return { status: r.status, body: await json(r) };
}

describe('enhanced search with expand=transitions', () => {
  it('gives each issue the transitions the caller could make from its status, as GET transitions does', async () => {
    const site = seed();
    const { status, body } = await search(site, mover, {
      jql: 'key in (ENG-1, ENG-2)',
      fields: ['status'],
      expand: 'transitions',
    });
    expect(status).toBe(200);
    const issues = body.issues as Hit[];
    for (const hit of issues) {
      const direct = await json(await send(site, mover, 'GET', `/rest/api/3/issue/${hit.key}/transitions`));
      expect([hit.key, hit.transitions]).toEqual([hit.key, direct.transitions]);
    }
    expect(
      issues.map((hit) => [hit.key, hit.fields?.status?.id, hit.transitions?.map((t) => t.name)]),
    ).toEqual([
      ['ENG-1', site.requireStatus('To Do').id, ['Start Progress', 'Done']],
      ['ENG-2', site.requireStatus('Done').id, ['Reopen']],
    ]);
    expect(site.contractViolations).toEqual([]);
  });

  it('lists no transitions to a caller without Transition issues, and none without the expand', async () => {
    const site = seed();
    const asViewer = await search(site, viewer, { jql: 'key = ENG-1', expand: 'names, transitions' });
    expect((asViewer.body.issues as Hit[]).map((hit) => hit.transitions)).toEqual([[]]);
    const plain = await search(site, mover, { jql: 'key = ENG-1', fields: ['status'] });
    expect((plain.body.issues as Hit[]).map((hit) => 'transitions' in hit)).toEqual([false]);
    const viaGet = await json(
      await send(site, mover, 'GET', '/rest/api/3/search/jql?jql=key%20%3D%20ENG-1&expand=transitions'),
    );
    expect((viaGet.issues as Hit[]).map((hit) => hit.transitions?.map((t) => t.id))).toEqual([['11', '21']]);
  });

  it('reconciles at most 50 issue ids, and may cut pages shorter than maxResults', async () => {
    const site = seed();
    const ids = (n: number) => Array.from({ length: n }, (_, i) => 10_000 + i);
    expect((await search(site, app, { jql: 'project = ENG', reconcileIssues: ids(50) })).status).toBe(200);
    const tooMany = await search(site, app, { jql: 'project = ENG', reconcileIssues: ids(51) });
    expect(tooMany).toEqual({
      status: 400,
      body: expect.objectContaining({ errorMessages: ['reconcileIssues accepts at most 50 issue ids.'] }),
    });
    site.searchPageCap = 1;
    const first = await search(site, app, { jql: 'project = ENG', maxResults: 50 });
    expect(first.body).toMatchObject({ isLast: false, issues: [{ key: 'ENG-1' }] });
    const second = await search(site, app, {
      jql: 'project = ENG',
      maxResults: 50,
      nextPageToken: first.body.nextPageToken,
    });
    expect(second.body).toMatchObject({ isLast: true, issues: [{ key: 'ENG-2' }] });
    expect(second.body).not.toHaveProperty('nextPageToken');
  });
});

describe('doTransition with properties', () => {
  const move = (properties: unknown, id = '21') => ({ transition: { id }, properties });

  it('sets the issue properties with the move, for a caller who may transition but not edit', async () => {
    const site = seed();
    const mark = { executionId: 'e1', nested: { n: 1 } };
    const r = await send(
      site,
      mover,
      'POST',
      '/rest/api/3/issue/ENG-1/transitions',
      move([
        { key: 'wg.mark', value: mark },
        { key: 'wg.flag', value: true },
      ]),
    );
    expect(r.status).toBe(204);
    expect(site.issue('ENG-1')).toMatchObject({
      status: 'Done',
      properties: { 'wg.mark': mark, 'wg.flag': true },
    });
    const read = await send(site, viewer, 'GET', '/rest/api/3/issue/ENG-1/properties/wg.mark');
    expect(await json(read)).toEqual({ key: 'wg.mark', value: mark });
    // Setting the same property on its own needs Edit issues, which the mover lacks.
    const alone = await send(site, mover, 'PUT', '/rest/api/3/issue/ENG-1/properties/wg.mark', { x: 1 });
    expect(alone.status).toBe(403);
    expect(site.contractViolations).toEqual([]);
  });

  it('replaces a property already there, and leaves the others', async () => {
    const site = seed();
    site.issues.get('ENG-1')?.properties.set('wg.mark', { old: true });
    site.issues.get('ENG-1')?.properties.set('other', 1);
    await send(
      site,
      app,
      'POST',
      '/rest/api/3/issue/ENG-1/transitions',
      move([{ key: 'wg.mark', value: 2 }]),
    );
    expect(site.issue('ENG-1').properties).toEqual({ 'wg.mark': 2, other: 1 });
  });

  it('sets nothing when the move is refused, and does not move when a property is refused', async () => {
    const site = seed();
    const invalid = await send(
      site,
      mover,
      'POST',
      '/rest/api/3/issue/ENG-1/transitions',
      move([{ key: 'wg.mark', value: 1 }], '31'),
    );
    expect(invalid.status).toBe(400);
    const asViewer = await send(
      site,
      viewer,
      'POST',
      '/rest/api/3/issue/ENG-1/transitions',
      move([{ key: 'wg.mark', value: 1 }]),
    );
    expect(asViewer.status).toBe(400);
    for (const properties of [
      [{ key: 'wg.mark' }],
      [{ value: 1 }],
      [{ key: 'k'.repeat(256), value: 1 }],
      [
        { key: 'wg.ok', value: 1 },
        { key: 'wg.big', value: 'x'.repeat(40_000) },
      ],
    ]) {
      const r = await send(site, mover, 'POST', '/rest/api/3/issue/ENG-1/transitions', move(properties));
      expect([properties.length, r.status]).toEqual([properties.length, 400]);
    }
    expect(site.issue('ENG-1')).toMatchObject({ status: 'To Do', properties: {}, history: [] });
    // Refused by Jira's rules, not by the request contract.
    expect(site.contractViolations).toEqual([]);
  });
});
