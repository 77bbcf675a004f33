import { checkedTexts } from '../support/envelope';
import { callResolver, type ResolverHandler } from '../harness';
import { validatorConfigResolver } from '../../src/rules/validator-config';
import type { ExpressionTestResult, IssueChoice } from '../../src/shared/expression-tester';
import { seedSite } from '../support/seed';

type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

const handler = validatorConfigResolver as unknown as ResolverHandler;

/**
 * The rule screens' "Only if" check and expression tester, through the real resolver as the configuring admin.
 * `admin` administers Jira but may browse only OPS: SEC is hidden from them, and must stay hidden.
 */
function setup() {
  const { site, kvs } = seedSite();
  site.addUser({ accountId: 'admin', displayName: 'Ada Admin' });
  site.grant('ADMINISTER', { accountId: 'admin' });
  site.grant('BROWSE_PROJECTS', { accountId: 'admin', projectKey: 'OPS' });
  site.addIssue({ key: 'OPS-2', projectKey: 'OPS', summary: 'Renew the secret store' });
  site.addProject({ key: 'SEC', name: 'Security', leadAccountId: 'dev' });
  site.addIssue({ key: 'SEC-1', projectKey: 'SEC', summary: 'Secret incident: rotate the certificates' });
  const call = <T>(fn: string, payload: unknown) =>
    callResolver(
      handler,
      fn,
      payload,
      {
        accountId: 'admin',
        moduleKey: 'comment',
        extension: { type: 'jira:workflowPostFunction', entryPoint: 'edit' },
      },
      { site, kvs },
    ) as Promise<Envelope<T>>;
  const calls = () => site.calls.map((c) => `${c.identity.kind} ${c.method} ${c.pathTemplate ?? c.path}`);
  return { site, kvs, call, calls };
}

const data = <T>(envelope: Envelope<T>): T => {
  if (!envelope.ok) throw new Error(envelope.error.message);
  return envelope.data;
};

describe('"Only if" analysis when a post-function is saved', () => {
  it('accepts an expression Jira analyses as true or false, asking as the admin', async () => {
    const { call, calls } = setup();
    expect(data(await call('checkOnlyIf', { expression: 'issue.priority != null' }))).toEqual({
      valid: true,
    });
    expect(calls()).toEqual(['user POST /rest/api/3/expression/analyse']);
  });

  it('refuses what Jira rejects with its reason and position, and a result that is not true or false', async () => {
    const { call } = setup();
    expect(checkedTexts(await call('checkOnlyIf', { expression: 'issue.key ==' }))).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: expect.stringMatching(/^Jira rejected the "Only if" expression: .+ \(line 1, column \d+\)/),
      },
    });
    expect(await call('checkOnlyIf', { expression: '"text"' })).toMatchObject({
      ok: false,
      error: {
        message:
          'The "Only if" expression returns String; "Only if" must return true or false. Compare a value, for example issue.assignee != null.',
      },
    });
  });
});

describe('expression tester', () => {
  it('offers only issues the admin may browse, from Jira’s issue picker as the admin', async () => {
    const { call, calls } = setup();
    const picked = data(await call<IssueChoice[]>('pickIssues', { query: 'certificates' }));
    expect(picked).toEqual([{ key: 'OPS-1', summary: 'Rotate the certificates' }]);
    expect(data(await call<IssueChoice[]>('pickIssues', { query: 'SEC-' }))).toEqual([]);
    expect(data(await call<IssueChoice[]>('pickIssues', { query: 'incident' }))).toEqual([]);
    expect(data(await call<IssueChoice[]>('pickIssues', { query: 'ops-' })).map((i) => i.key)).toEqual([
      'OPS-1',
      'OPS-2',
    ]);
    expect(calls()).toEqual(Array(4).fill('user GET /rest/api/3/issue/picker'));
  });

  it('shows the value and whether it holds, evaluated as the admin in one call', async () => {
    const { call, calls } = setup();
    expect(
      data(
        await call<ExpressionTestResult>('testExpression', {
          expression: 'issue.summary',
          issueKey: 'OPS-1',
        }),
      ),
    ).toEqual({ kind: 'value', issueKey: 'OPS-1', holds: null, value: '"Rotate the certificates"' });
    expect(
      data(
        await call<ExpressionTestResult>('testExpression', {
          expression: 'user.accountId == "admin" && project.key == "OPS"',
          issueKey: 'OPS-1',
        }),
      ),
    ).toEqual({ kind: 'value', issueKey: 'OPS-1', holds: true, value: 'true' });
    expect(calls()).toEqual(Array(2).fill('user POST /rest/api/3/expression/evaluate'));
  });

  it('shows Jira’s error inline when the expression fails for that issue', async () => {
    const { call } = setup();
    expect(
      data(
        await call<ExpressionTestResult>('testExpression', {
          expression: 'issue.parent.key == "OPS-10"',
          issueKey: 'OPS-1',
        }),
      ),
    ).toEqual({
      kind: 'error',
      issueKey: 'OPS-1',
      message: 'Evaluation failed: "issue.parent.key" - Type null does not have any properties',
      // Jira's own words, in every language.
      text: { verbatim: 'Evaluation failed: "issue.parent.key" - Type null does not have any properties' },
    });
  });

  it('tells nothing about an issue the admin cannot browse, even when its key is sent by hand', async () => {
    const { call, site } = setup();
    const answer = data(
      await call<ExpressionTestResult>('testExpression', { expression: 'issue.summary', issueKey: 'SEC-1' }),
    );
    expect(answer).toEqual({
      kind: 'error',
      issueKey: 'SEC-1',
      message: expect.stringContaining('hidden from you'),
      text: { key: 'errors.failure.notFound.user' },
    });
    expect(JSON.stringify(answer)).not.toContain('Secret incident');
    expect(site.calls.map((c) => c.identity.kind)).toEqual(['user']);
  });

  it('refuses a typed key that is not an issue key, and an empty expression, before calling Jira', async () => {
    const { call, site } = setup();
    expect(await call('testExpression', { expression: 'true', issueKey: 'OPS-1 OR 1=1' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('pick an issue') },
    });
    expect(await call('testExpression', { expression: '  ', issueKey: 'OPS-1' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('write an expression to test') },
    });
    expect(site.calls).toEqual([]);
  });
});
