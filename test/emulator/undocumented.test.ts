import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { JiraSite, textToAdf, type Identity } from './index';
import { expandValues, loadSpec } from './spec';
import { takeUndocumentedUse, undocumentedUses } from './undocumented';

const app: Identity = { kind: 'app' };

function seed(): JiraSite {
  const site = new JiraSite();
  site.addUser({ accountId: 'alice', displayName: 'Alice' });
  site.addProject({ key: 'ENG', leadAccountId: 'alice' });
  site.addIssue({ key: 'ENG-1', projectKey: 'ENG', summary: 'First' });
  site.addComment('ENG-1', { body: 'hello', author: 'alice', properties: { k: 1 } });
  return site;
}

const call = async (site: JiraSite, method: string, path: string, body?: unknown) => {
  const response = await site.handle(app, path, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
};

describe('undocumented use of the Jira REST API', () => {
  it('reads the expand values an operation documents from its description', () => {
    const byId = new Map(loadSpec().operations.map((op) => [op.operationId, op]));
    const values = (id: string) => [...(byId.get(id)?.query.get('expand')?.expandValues ?? [])];
    expect(values('getComments')).toEqual(['renderedBody']);
    expect(values('getCommentsByIds')).toEqual(['renderedBody', 'properties']);
    expect(values('getCurrentUser')).toEqual(['groups', 'applicationRoles']);
    expect(values('searchWorkflows')).toEqual(['values.transitions']);
    expect(expandValues('List of fields to expand.')).toBeUndefined();
  });

  it('records an undocumented expand value and answers as if it were absent', async () => {
    const site = seed();
    const answer = await call(site, 'GET', '/rest/api/3/issue/ENG-1/comment?expand=properties');
    expect(answer.status).toBe(200);
    expect(answer.body?.comments).toEqual([expect.not.objectContaining({ properties: expect.anything() })]);
    const use = takeUndocumentedUse({ kind: 'expand-value', operationId: 'getComments' });
    expect(use).toMatchObject({
      name: 'properties',
      path: '/rest/api/3/issue/ENG-1/comment?expand=properties',
    });
    expect(use.detail).toBe('expand=properties is not documented here; the spec lists renderedBody');
  });

  it('records an undefined query parameter, an enum value outside the spec and a value of the wrong type, answering 400', async () => {
    const site = seed();
    // getComments lists 400 "if orderBy is set to a value other than created".
    const answer = await call(
      site,
      'GET',
      '/rest/api/3/issue/ENG-1/comment?orderBy=updated&maxResults=ten&limit=5',
    );
    expect(answer.status).toBe(400);
    expect(takeUndocumentedUse({ kind: 'query-parameter', name: 'limit' }).detail).toContain(
      'query parameter "limit" is not defined; getComments takes startAt, maxResults, orderBy, expand',
    );
    expect(takeUndocumentedUse({ kind: 'query-value', name: 'orderBy' }).detail).toBe(
      'orderBy=updated is not a documented value of getComments: expected one of created, -created, +created',
    );
    expect(takeUndocumentedUse({ kind: 'query-value', name: 'maxResults' }).detail).toContain(
      'expected an integer',
    );
    expect(undocumentedUses()).toEqual([]);
  });

  it('checks each value of a comma-separated expand, in the query and in a request body', async () => {
    const site = seed();
    await call(site, 'GET', '/rest/api/3/myself?expand=groups,teams');
    expect(takeUndocumentedUse({ kind: 'expand-value', operationId: 'getCurrentUser' }).name).toBe('teams');
    await call(site, 'POST', '/rest/api/3/search/jql', {
      jql: 'project = ENG',
      expand: 'transitions,history',
    });
    expect(takeUndocumentedUse({ kind: 'expand-value' }).name).toBe('history');
    expect(undocumentedUses()).toEqual([]);
  });

  it('ignores an undefined property of an open schema, refuses one of a closed schema (400), and both are recorded', async () => {
    const site = seed();
    const added = await call(site, 'POST', '/rest/api/3/issue/ENG-1/comment', {
      body: textToAdf('x'),
      pinned: true,
      author: { accountId: 'alice' },
    });
    expect(added.status).toBe(201);
    expect(takeUndocumentedUse({ kind: 'body-property', name: '/pinned' }).operationId).toBe('addComment');
    // Comment.author is read-only: Jira makes the caller the author whatever the body says.
    expect(takeUndocumentedUse({ kind: 'read-only-property', name: '/author' }).detail).toContain(
      'read-only',
    );
    expect(site.issue('ENG-1').comments.at(-1)?.author).toBe(site.appBot.accountId);

    const searched = await call(site, 'POST', '/rest/api/3/search/jql', { jql: 'project = ENG', limit: 5 });
    expect(searched.status).toBe(400);
    expect(takeUndocumentedUse({ kind: 'body-property', name: '/limit' }).detail).toContain(
      'body property /limit is not defined by the schema',
    );
    expect(undocumentedUses()).toEqual([]);
  });

  it('records a call to an operation the spec marks deprecated', async () => {
    const site = seed();
    const answer = await call(site, 'POST', '/rest/api/3/expression/eval', { expression: '1 + 1' });
    expect(answer.status).toBe(200);
    expect(takeUndocumentedUse({ kind: 'deprecated-operation' })).toMatchObject({
      operationId: 'evaluateJiraExpression',
      detail:
        'POST /rest/api/3/expression/eval is deprecated in the spec; use the operation that replaces it',
    });
  });

  it('takes back exactly one use, and refuses to take back one that was not recorded', async () => {
    const site = seed();
    await call(site, 'GET', '/rest/api/3/myself?expand=teams');
    await call(site, 'GET', '/rest/api/3/myself?expand=teams');
    takeUndocumentedUse({ name: 'teams' });
    expect(undocumentedUses()).toHaveLength(1);
    takeUndocumentedUse({ name: 'teams' });
    expect(() => takeUndocumentedUse({ name: 'teams' })).toThrow(
      'No undocumented Jira use matching {"name":"teams"} was recorded. Recorded: none',
    );
  });

  it('fails the test that left an undocumented use on record, naming the call and what the spec defines', () => {
    const root = path.resolve(__dirname, '..', '..');
    const run = spawnSync(
      process.execPath,
      [
        path.join(root, 'node_modules', 'jest', 'bin', 'jest.js'),
        '--rootDir',
        root,
        '--roots',
        '<rootDir>/test/emulator/fixtures',
        '--testMatch',
        '**/*.fixture.ts',
        '--reporters',
        'default',
        '--maxWorkers=1',
        '--ci',
      ],
      { cwd: root, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } },
    );
    const output = `${run.stdout}\n${run.stderr}`;
    expect(run.status).toBe(1);
    expect(output).toContain('✕ calls Get comments with expand=properties');
    expect(output).toContain('✓ takes back the one use it made on purpose');
    expect(output).toContain(
      'GET /rest/api/3/issue/ENG-1/comment?expand=properties (getComments): expand=properties is not documented here',
    );
    expect(output).toMatch(/Tests:\s+1 failed, 1 passed, 2 total/);
  }, 120_000);
});
