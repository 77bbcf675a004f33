import { contractsFor } from './contracts';
import {
  forgeWorkflowRule,
  JiraSite,
  loadSpec,
  startJiraHttp,
  textToAdf,
  type Identity,
  type WorkflowRule,
} from './index';
import { takeUndocumentedUse } from './undocumented';

const app: Identity = { kind: 'app' };
const alice: Identity = { kind: 'user', accountId: 'alice' };
const bob: Identity = { kind: 'user', accountId: 'bob' };

function seed(): JiraSite {
  const site = new JiraSite();
  site.addUser({
    accountId: 'alice',
    displayName: 'Alice',
    groups: ['devs'],
    emailAddress: 'alice@example.com',
  });
  site.addUser({ accountId: 'bob', displayName: 'Bob' });
  site.addProject({ key: 'ENG', name: 'Engineering', leadAccountId: 'alice' });
  site.addProject({ key: 'SEC', name: 'Secret' });
  for (const p of [
    'BROWSE_PROJECTS',
    'EDIT_ISSUES',
    'ADD_COMMENTS',
    'TRANSITION_ISSUES',
    'ASSIGNABLE_USER',
  ]) {
    site.grant(p, { group: 'devs', projectKey: 'ENG' });
  }
  site.grant('BROWSE_PROJECTS', { accountId: 'bob', projectKey: 'ENG' });
  site.addIssue({ key: 'ENG-1', projectKey: 'ENG', summary: 'Parent story', issueType: 'Story' });
  site.addIssue({
    key: 'ENG-2',
    projectKey: 'ENG',
    summary: 'Child',
    parentKey: 'ENG-1',
    fields: { labels: ['a'] },
  });
  site.addIssue({ key: 'ENG-3', projectKey: 'ENG', summary: 'Blocker', status: 'Done' });
  site.addIssue({ key: 'SEC-1', projectKey: 'SEC', summary: 'Hidden' });
  site.linkIssues('ENG-3', 'ENG-1', 'Blocks');
  return site;
}

const json = async (r: Response): Promise<Record<string, unknown>> =>
  (await r.json()) as Record<string, unknown>;
const send = (site: JiraSite, who: Identity, method: string, path: string, body?: unknown) =>
  site.handle(who, path, { method, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });

describe('routing by the OpenAPI spec', () => {
  it('parses the spec once per process', () => {
    expect(loadSpec()).toBe(loadSpec());
    expect(loadSpec().operations.length).toBeGreaterThan(500);
  });

  it('answers 501 naming an unimplemented operation, 404 for an unknown path', async () => {
    const site = seed();
    const r = await send(site, app, 'GET', '/rest/api/3/dashboard');
    expect(r.status).toBe(501);
    expect(JSON.stringify(await r.json())).toContain('getAllDashboards (GET /rest/api/3/dashboard)');
    expect((await send(site, app, 'GET', '/rest/api/3/nope/nope')).status).toBe(404);
    expect(takeUndocumentedUse({ kind: 'unknown-operation' }).path).toBe('/rest/api/3/nope/nope');
    expect(site.calls.map((c) => [c.operationId, c.status])).toEqual([
      ['getAllDashboards', 501],
      [undefined, 404],
    ]);
  });
});

describe('identities, scopes and Jira permissions', () => {
  it('GET /myself answers as the calling identity', async () => {
    const site = seed();
    expect((await json(await send(site, app, 'GET', '/rest/api/3/myself'))).accountType).toBe('app');
    expect((await json(await send(site, alice, 'GET', '/rest/api/3/myself'))).displayName).toBe('Alice');
  });

  it('refuses a missing scope in both field shapes; granular or classic sets both pass', async () => {
    const site = seed();
    site.scopeGrants = { scopes: ['read:jira-work'], impersonationScopes: [] };
    const r401 = await send(site, alice, 'GET', '/rest/api/3/myself');
    expect(r401.status).toBe(401);
    expect(r401.headers.get('x-failure-category')).toBe('FAILURE_CLIENT_SCOPE_CHECK');
    expect(await r401.json()).toEqual({ code: 401, message: 'Unauthorized; scope does not match' });
    site.scopeErrorShape = '403';
    const r403 = await send(site, alice, 'GET', '/rest/api/3/myself');
    expect(r403.status).toBe(403);
    const msg = ((await json(r403)).errorMessages as string[])[0] ?? '';
    expect(msg).toContain('granted the following scopes: [read:jira-work]');
    expect(msg).toContain(' * [read:jira-user]\n * [read:application-role:jira, read:group:jira');
    site.scopeGrants = {
      scopes: ['read:application-role:jira', 'read:group:jira', 'read:user:jira', 'read:avatar:jira'],
      impersonationScopes: [],
    };
    expect((await send(site, alice, 'GET', '/rest/api/3/myself')).status).toBe(200);
    site.scopeGrants = { scopes: ['read:jira-user'], impersonationScopes: [] };
    expect(
      (await send(site, { kind: 'impersonated', accountId: 'alice' }, 'GET', '/rest/api/3/myself')).status,
    ).toBe(403);
  });

  it('hides issues the caller cannot browse (404) and refuses a comment without Add comments (400)', async () => {
    const site = seed();
    const hidden = await send(site, alice, 'GET', '/rest/api/3/issue/SEC-1');
    expect(hidden.status).toBe(404);
    expect((await json(hidden)).errorMessages).toEqual([
      'Issue does not exist or you do not have permission to see it.',
    ]);
    const comment = await send(site, bob, 'POST', '/rest/api/3/issue/ENG-1/comment', {
      body: textToAdf('hi'),
    });
    expect(comment.status).toBe(400);
    expect((await json(comment)).errorMessages).toEqual([
      'You do not have the permission to comment on this issue.',
    ]);
    expect(site.issue('ENG-1').comments).toHaveLength(0);
  });

  it('GET /mypermissions needs `permissions` and reads project context', async () => {
    const site = seed();
    expect((await send(site, alice, 'GET', '/rest/api/3/mypermissions')).status).toBe(400);
    const r = await json(
      await send(
        site,
        alice,
        'GET',
        '/rest/api/3/mypermissions?projectKey=ENG&permissions=EDIT_ISSUES,ADMINISTER',
      ),
    );
    expect(r.permissions).toMatchObject({
      EDIT_ISSUES: { id: '12', key: 'EDIT_ISSUES', type: 'PROJECT', havePermission: true },
      ADMINISTER: { havePermission: false },
    });
    expect(
      (await send(site, alice, 'GET', '/rest/api/3/mypermissions?projectKey=SEC&permissions=EDIT_ISSUES'))
        .status,
    ).toBe(404);
    const bulk = await json(
      await send(site, app, 'POST', '/rest/api/3/permissions/check', {
        accountId: 'bob',
        projectPermissions: [
          { permissions: ['BROWSE_PROJECTS', 'EDIT_ISSUES'], issues: [Number(site.issue('ENG-1').id)] },
        ],
      }),
    );
    expect(bulk.projectPermissions).toEqual([
      { permission: 'BROWSE_PROJECTS', projects: [], issues: [Number(site.issue('ENG-1').id)] },
      { permission: 'EDIT_ISSUES', projects: [], issues: [] },
    ]);
  });
});

describe('POST /permissions/check (getBulkPermissions), as the spec describes it', () => {
  const check = (site: JiraSite, who: Identity, body: unknown) =>
    send(site, who, 'POST', '/rest/api/3/permissions/check', body);

  it('answers for the caller when no accountId is given, ignoring invalid ids, nulls and empty strings', async () => {
    const site = seed();
    const [eng, sec] = ['ENG', 'SEC'].map((key) => Number(site.projects.get(key)!.id));
    const answer = await check(site, alice, {
      globalPermissions: ['ADMINISTER', 'USER_PICKER'],
      projectPermissions: [{ permissions: ['BROWSE_PROJECTS', ''], projects: [eng, sec, 999999] }],
    });
    expect(answer.status).toBe(200);
    expect(await json(answer)).toEqual({
      globalPermissions: ['USER_PICKER'],
      projectPermissions: [{ permission: 'BROWSE_PROJECTS', projects: [eng], issues: [] }],
    });
  });

  it.each([
    ['a project entry with no permission', { projectPermissions: [{ permissions: [''], projects: [1] }] }],
    ['a global permission that is not global', { globalPermissions: ['BROWSE_PROJECTS'] }],
    [
      'a project permission that is not a project one',
      { projectPermissions: [{ permissions: ['ADMINISTER'] }] },
    ],
    ['an unknown account id', { accountId: 'nobody', globalPermissions: ['USER_PICKER'] }],
  ])('refuses %s with 400', async (_what, body) => {
    expect((await check(seed(), alice, body)).status).toBe(400);
  });

  it('refuses more than 1000 valid project ids (400), and another user without Administer Jira (403)', async () => {
    const site = seed();
    for (let n = 0; n < 1001; n += 1) site.addProject({ key: `P${n}` });
    const projects = [...site.projects.values()].map((p) => Number(p.id));
    expect(
      (await check(site, app, { projectPermissions: [{ permissions: ['BROWSE_PROJECTS'], projects }] }))
        .status,
    ).toBe(400);
    expect((await check(site, alice, { accountId: 'bob', globalPermissions: ['USER_PICKER'] })).status).toBe(
      403,
    );
  });
});

describe('issues, comments, transitions, search', () => {
  it('returns only the requested fields and charges points per object', async () => {
    const site = seed();
    const slim = await json(await send(site, alice, 'GET', '/rest/api/3/issue/ENG-2?fields=summary'));
    expect(slim.fields).toEqual({ summary: 'Child' });
    const full = await json(await send(site, alice, 'GET', '/rest/api/3/issue/ENG-2?expand=names'));
    expect(full.fields).toMatchObject({ labels: ['a'], parent: { key: 'ENG-1' }, status: { name: 'To Do' } });
    const [a, b] = site.calls;
    expect(a?.points).toBe(2);
    expect(b?.points).toBeGreaterThan(5);
    expect(site.points).toBe((a?.points ?? 0) + (b?.points ?? 0));
  });

  it('edits fields and reports unknown or invalid ones like Jira', async () => {
    const site = seed();
    site.addField({ id: 'customfield_10050', name: 'Story points', type: 'number' });
    const ok = await send(site, alice, 'PUT', '/rest/api/3/issue/ENG-2', {
      fields: {
        summary: 'Renamed',
        customfield_10050: 5,
        assignee: { accountId: 'alice' },
        duedate: '2026-12-01',
      },
      update: { labels: [{ add: 'b' }] },
    });
    expect(ok.status).toBe(204);
    expect(site.issue('ENG-2')).toMatchObject({
      summary: 'Renamed',
      assignee: 'alice',
      fields: { labels: ['a', 'b'], customfield_10050: 5 },
    });
    const bad = await send(site, alice, 'PUT', '/rest/api/3/issue/ENG-2', {
      fields: { customfield_99999: 'x', labels: ['has space'] },
    });
    expect(bad.status).toBe(400);
    expect((await json(bad)).errors).toEqual({
      customfield_99999:
        "Field 'customfield_99999' cannot be set. It is not on the appropriate screen, or unknown.",
      labels: "The label 'has space' contains spaces which is invalid.",
    });
    expect(site.issue('ENG-2').summary).toBe('Renamed');
  });

  it("keeps the issue's history: each transition, and each edit that changed a value", async () => {
    const site = seed();
    const edit = { fields: { summary: 'Renamed', labels: ['a'] } };
    expect((await send(site, alice, 'PUT', '/rest/api/3/issue/ENG-2', edit)).status).toBe(204);
    expect((await send(site, alice, 'PUT', '/rest/api/3/issue/ENG-2', edit)).status).toBe(204);
    const move = { transition: { id: '21' } };
    expect((await send(site, app, 'POST', '/rest/api/3/issue/ENG-2/transitions', move)).status).toBe(204);
    expect(site.issue('ENG-2').history.map(({ author, items }) => ({ author, items }))).toEqual([
      { author: 'alice', items: [{ field: 'summary', from: 'Child', to: 'Renamed' }] },
      { author: site.appBot.accountId, items: [{ field: 'status', from: 'To Do', to: 'Done' }] },
    ]);
  });

  it('comments with the caller as author, visible through GET', async () => {
    const site = seed();
    const r = await send(site, app, 'POST', '/rest/api/3/issue/ENG-1/comment', {
      body: textToAdf('from the app'),
      properties: [{ key: 'wg', value: { run: 1 } }],
    });
    expect(r.status).toBe(201);
    expect(site.issue('ENG-1').comments[0]).toMatchObject({
      author: site.appBot.accountId,
      text: 'from the app',
      properties: { wg: { run: 1 } },
    });
    const page = await json(await send(site, alice, 'GET', '/rest/api/3/issue/ENG-1/comment'));
    expect(page.total).toBe(1);
  });

  it('lists and applies transitions from the current status', async () => {
    const site = seed();
    const list = await json(await send(site, alice, 'GET', '/rest/api/3/issue/ENG-1/transitions'));
    expect((list.transitions as Array<{ id: string }>).map((t) => t.id)).toEqual(['11', '21']);
    expect(
      (await send(site, alice, 'POST', '/rest/api/3/issue/ENG-1/transitions', { transition: { id: '31' } }))
        .status,
    ).toBe(400);
    expect(
      (await send(site, alice, 'POST', '/rest/api/3/issue/ENG-1/transitions', { transition: { id: '21' } }))
        .status,
    ).toBe(204);
    expect(site.issue('ENG-1')).toMatchObject({ status: 'Done', statusCategory: 'done' });
  });

  it('searches with the JQL subset, filtered by the caller’s browse permission', async () => {
    const site = seed();
    const keys = async (who: Identity, jql: string) => {
      const r = await send(site, who, 'POST', '/rest/api/3/search/jql', { jql, fields: ['summary'] });
      const body = await json(r);
      return r.status === 200
        ? (body.issues as Array<{ key: string }>).map((i) => i.key)
        : body.errorMessages;
    };
    expect(await keys(alice, 'project = ENG AND statusCategory != Done ORDER BY key DESC')).toEqual([
      'ENG-2',
      'ENG-1',
    ]);
    expect(await keys(alice, 'parent = ENG-1')).toEqual(['ENG-2']);
    expect(await keys(alice, 'issue in linkedIssues(ENG-1, "is blocked by")')).toEqual(['ENG-3']);
    expect(await keys(alice, 'key in (ENG-1, ENG-3) OR labels = a')).toEqual(['ENG-1', 'ENG-2', 'ENG-3']);
    expect(await keys(app, 'project in (ENG, SEC) AND status = "To Do"')).toEqual([
      'ENG-1',
      'ENG-2',
      'SEC-1',
    ]);
    expect(await keys(alice, 'key = SEC-1')).toEqual([
      "An issue with key 'SEC-1' does not exist for field 'key'.",
    ]);
    expect(await keys(alice, 'summary ~ x')).toEqual([
      expect.stringContaining('not supported by the emulator'),
    ]);
  });

  it('stores issue properties (201 then 200)', async () => {
    const site = seed();
    const path = '/rest/api/3/issue/ENG-1/properties/wg.marker';
    expect((await send(site, app, 'PUT', path, { done: true })).status).toBe(201);
    expect((await send(site, app, 'PUT', path, { done: false })).status).toBe(200);
    expect(await json(await send(site, app, 'GET', path))).toEqual({
      key: 'wg.marker',
      value: { done: false },
    });
  });
});

describe('configuration reads', () => {
  it('reads workflows with transitions and rules, link types, fields, project', async () => {
    const site = seed();
    const installation = { appId: 'app-1', environmentId: 'env-1' };
    site.addWorkflow({
      name: 'Guarded',
      statuses: [
        { name: 'Open', category: 'new' },
        { name: 'Closed', category: 'done' },
      ],
      transitions: [
        {
          id: '5',
          name: 'Close',
          from: ['Open'],
          to: 'Closed',
          validators: [forgeWorkflowRule(installation, { moduleKey: 'v', list: 'validators', config: {} })],
        },
      ],
      projects: ['ENG'],
    });
    const wf = await json(
      await send(site, app, 'POST', '/rest/api/3/workflows', { workflowNames: ['Guarded'] }),
    );
    expect(wf.workflows).toMatchObject([
      {
        name: 'Guarded',
        transitions: [
          { type: 'INITIAL' },
          {
            id: '5',
            validators: [
              {
                ruleKey: 'forge:expression-validator',
                parameters: { key: 'ari:cloud:ecosystem::extension/app-1/env-1/static/v', config: '{}' },
              },
            ],
          },
        ],
      },
    ]);
    expect((await send(site, alice, 'GET', '/rest/api/3/workflows/search')).status).toBe(401);
    const links = await json(await send(site, app, 'GET', '/rest/api/3/issueLinkType'));
    expect((links.issueLinkTypes as Array<{ name: string }>).map((l) => l.name)).toContain('Blocks');
    expect((await send(site, app, 'GET', '/rest/api/3/field')).status).toBe(200);
    expect(await json(await send(site, alice, 'GET', '/rest/api/3/project/ENG'))).toMatchObject({
      key: 'ENG',
      lead: { accountId: 'alice' },
    });
    expect((await send(site, alice, 'GET', '/rest/api/3/project/SEC')).status).toBe(404);
  });

  it('refuses to seed a Forge rule in a shape the spec does not describe', () => {
    const site = seed();
    const workflow = (validators: WorkflowRule[]) => ({
      name: 'Guarded',
      statuses: [
        { name: 'Open', category: 'new' as const },
        { name: 'Closed', category: 'done' as const },
      ],
      transitions: [{ id: '5', name: 'Close', from: ['Open'], to: 'Closed', validators }],
    });
    expect(() =>
      site.addWorkflow(
        workflow([{ ruleKey: 'forge:comment', parameters: { key: 'comment', config: '{}' } }]),
      ),
    ).toThrow(/ruleKey "forge:comment".*parameters.key "comment"/);
    const installation = { appId: 'app-1', environmentId: 'env-1' };
    const postFunction = forgeWorkflowRule(installation, {
      moduleKey: 'v',
      list: 'postFunctions',
      config: {},
    });
    expect(() => site.addWorkflow(workflow([postFunction]))).toThrow(
      /forge:expression-validator for validators/,
    );
    const validator = forgeWorkflowRule(installation, { moduleKey: 'v', list: 'validators', config: {} });
    expect(site.addWorkflow(workflow([validator])).transitions[0]?.validators).toEqual([validator]);
  });
  it('analyses Jira expressions: syntax errors and boolean type', async () => {
    const site = seed();
    const r = await json(
      await send(site, app, 'POST', '/rest/api/3/expression/analyse?check=type', {
        expressions: [
          'issue.labels.includes("x")',
          'issue.summary == ',
          '(issue.key',
          'foo.bar',
          'issue.subtasks.some(s => s.key != null)',
        ],
      }),
    );
    const results = r.results as Array<{ valid: boolean; type?: string; errors?: Array<{ type: string }> }>;
    expect(results.map((x) => [x.valid, x.type ?? x.errors?.[0]?.type])).toEqual([
      [true, 'Boolean'],
      [false, 'syntax'],
      [false, 'syntax'],
      [false, 'type'],
      [true, 'Boolean'],
    ]);
  });
});

describe('response contracts of the remaining reads', () => {
  it('answers users, groups, GET search, workflow search and expanded issues within the spec', async () => {
    const site = seed();
    site.addComment('ENG-1', { body: 'seeded', author: 'alice', properties: { k: 1 } });
    site.addComment('ENG-1', {
      body: 'devs only',
      author: 'alice',
      visibility: { type: 'group', value: 'devs' },
    });
    const ok = async (who: Identity, path: string) => {
      const r = await send(site, who, 'GET', path);
      expect([path, r.status]).toEqual([path, 200]);
      return json(r);
    };
    expect(await ok(app, '/rest/api/3/user?accountId=alice&expand=groups')).toMatchObject({
      groups: { size: 1 },
    });
    const groups = await send(site, app, 'GET', '/rest/api/3/user/groups?accountId=alice');
    expect(await groups.json()).toEqual([expect.objectContaining({ name: 'devs' })]);
    const found = await ok(
      alice,
      '/rest/api/3/search/jql?jql=project%20%3D%20ENG&maxResults=2&fields=summary,status',
    );
    expect(found).toMatchObject({ isLast: false, nextPageToken: expect.any(String) });
    await ok(app, '/rest/api/3/workflows/search?expand=values.transitions&queryString=default');
    const issue = await ok(alice, '/rest/api/3/issue/ENG-1?expand=transitions,names&properties=wg');
    expect(issue).toMatchObject({ transitions: [{ id: '11' }, { id: '21' }], properties: {} });
    const bobView = await ok(bob, '/rest/api/3/issue/ENG-1/comment');
    expect(bobView).toMatchObject({ total: 1, comments: [{ id: expect.any(String) }] });
    const [{ id }] = bobView.comments as [{ id: string }];
    const byIds = await send(site, bob, 'POST', '/rest/api/3/comment/list?expand=properties', {
      ids: [Number(id)],
    });
    expect(await json(byIds)).toMatchObject({ values: [{ id, properties: [{ key: 'k', value: 1 }] }] });
    expect(site.contractViolations).toEqual([]);
  });
});

describe('assignable users (findAssignableUsers, assignIssue)', () => {
  it('leaves a deactivated account out of the assignable search and refuses to assign it', async () => {
    const site = seed();
    const search = async (query: string) =>
      (
        (await (
          await send(site, app, 'GET', `/rest/api/3/user/assignable/search?${query}&issueKey=ENG-1`)
        ).json()) as {
          accountId: string;
        }[]
      ).map((u) => u.accountId);
    expect(await search('accountId=alice')).toEqual(['alice']);
    site.deactivateUser('alice');
    expect(await search('accountId=alice')).toEqual([]);
    expect(await search('query=Al')).toEqual([]);
    const assign = await send(site, app, 'PUT', '/rest/api/3/issue/ENG-1/assignee', { accountId: 'alice' });
    expect(assign.status).toBe(400);
    expect(JSON.stringify(await assign.json())).toContain("User 'alice' cannot be assigned issues.");
    expect(site.issue('ENG-1').assignee).toBeUndefined();
  });
});

describe('faults and contracts', () => {
  it('answers a scripted 429 with the rate-limit headers, then recovers', async () => {
    const site = seed();
    site.faults.inject({
      match: { operationId: 'getIssue' },
      response: { kind: 'rateLimit', reason: 'jira-per-issue-on-write', retryAfterSeconds: 7 },
    });
    const r = await send(site, app, 'GET', '/rest/api/3/issue/ENG-1');
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('7');
    expect(r.headers.get('ratelimit-reason')).toBe('jira-per-issue-on-write');
    expect(Date.parse(r.headers.get('x-ratelimit-reset') ?? '')).toBeGreaterThan(Date.now());
    expect((await send(site, app, 'GET', '/rest/api/3/issue/ENG-1')).status).toBe(200);
  });

  it('lets `after` matching requests through before the fault, and applies a write whose answer it loses', async () => {
    const site = seed();
    site.faults.inject({ match: { operationId: 'getIssue' }, after: 1, response: { kind: 'serverError' } });
    site.faults.inject({ match: { operationId: 'addComment' }, response: { kind: 'lostAnswer' } });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1)
      statuses.push((await send(site, app, 'GET', '/rest/api/3/issue/ENG-1')).status);
    expect(statuses).toEqual([200, 500, 200]);
    await expect(
      send(site, app, 'POST', '/rest/api/3/issue/ENG-1/comment', { body: textToAdf('x') }),
    ).rejects.toThrow('fetch failed');
    expect(site.issue('ENG-1').comments).toHaveLength(1);
  });

  it('rejects fetch on a networkError fault and honours probability', async () => {
    const site = seed();
    site.faults.inject({ response: { kind: 'networkError' } });
    await expect(send(site, app, 'GET', '/rest/api/3/myself')).rejects.toThrow('fetch failed');
    site.faults.seed(7);
    site.faults.inject({ times: Infinity, probability: 0.5, response: { kind: 'serverError', status: 503 } });
    const statuses = await Promise.all(
      Array.from({ length: 40 }, () => send(site, app, 'GET', '/rest/api/3/myself').then((x) => x.status)),
    );
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(5);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(5);
  });

  it('records a request-contract violation and answers 400', async () => {
    const site = seed();
    const r = await send(site, app, 'POST', '/rest/api/3/search/jql', {
      jql: 'project = ENG',
      maxResults: 'ten',
    });
    expect(r.status).toBe(400);
    expect(site.contractViolations).toEqual([
      expect.objectContaining({
        direction: 'request',
        operationId: 'searchAndReconsileIssuesUsingJqlPost',
        errors: ['/maxResults must be integer'],
      }),
    ]);
    expect(takeUndocumentedUse({ kind: 'body-schema' }).detail).toContain('/maxResults must be integer');
  });

  it('catches response bodies that break the spec', () => {
    const spec = loadSpec();
    const op = spec.operations.find((o) => o.operationId === 'getCurrentUser');
    if (!op) throw new Error('spec lacks getCurrentUser');
    expect(contractsFor(spec).checkResponse(op, 200, { accountId: 'x', notAUserField: 1 })).toEqual([
      '/ must NOT have additional properties (notAUserField)',
    ]);
  });
});

describe('loopback HTTP face', () => {
  it('serves the site on 127.0.0.1 with the identity from a header', async () => {
    const site = seed();
    const http = await startJiraHttp(site);
    try {
      expect(http.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const r = await fetch(`${http.url}/rest/api/3/myself`, {
        headers: { 'x-emulator-identity': 'user:alice' },
      });
      expect(await r.json()).toMatchObject({ accountId: 'alice' });
      expect((await fetch(`${http.url}/rest/api/3/myself`)).status).toBe(401);
    } finally {
      await http.close();
    }
  });
});
