import { SCOPE_ERROR_SHAPES } from '../emulator/faults';
import { buildPostFunctionEvent, isInvocationError, runPlatformRetry, runPostFunction } from '../harness';
import { setFieldsPostFunction } from '../../src/rules/set-fields';
import { SetFieldsConfig } from '../../src/rules/set-fields/configuration';
import { auditEntries } from '../support/audit';
import { SET_FIELDS_OPERATIONS, seedFieldsToSet } from '../support/seed';
import type { JiraSite } from '../emulator';

function setup(configuration: Record<string, unknown>, atlassianId = 'dev') {
  const { site, kvs } = seedFieldsToSet();
  const event = buildPostFunctionEvent(site, {
    issueKey: 'OPS-2',
    transitionId: '21',
    atlassianId,
    configuration: JSON.stringify({ operations: SET_FIELDS_OPERATIONS, ...configuration }),
    postFunctionId: 'pf-set-fields',
  });
  return { site, kvs, event, opts: { site, kvs } };
}

const edits = (site: JiraSite) =>
  site.calls.filter((c) => c.operationId === 'editIssue' && c.status === 204).map((c) => c.identity.kind);

describe('Set fields post-function', () => {
  it('sets, copies and clears fields as the app in one edit', async () => {
    const { site, kvs, event, opts } = setup({});
    await runPostFunction(setFieldsPostFunction, event, opts);
    expect(site.issue('OPS-2').fields).toMatchObject({
      labels: ['released', 'audited'],
      priority: 'High',
      duedate: '2026-12-24',
      customfield_10020: null,
    });
    expect(edits(site)).toEqual(['app']);
    expect(auditEntries(kvs)[0]).toMatchObject({
      rule: 'set-fields',
      actor: { kind: 'app' },
      outcome: 'applied',
      summary:
        'Set labels; set priority; copied customfield_10010 into duedate; cleared customfield_10020 on OPS-2',
    });
  });

  it('edits as the transitioning user with no permission call: Jira enforces Edit issues for them', async () => {
    const { site, event, opts } = setup({ actor: 'transitioning-user' });
    await runPostFunction(setFieldsPostFunction, event, opts);
    expect(site.calls.map((c) => [c.identity.kind, c.operationId])).toEqual([
      ['impersonated', 'getIssue'],
      ['impersonated', 'editIssue'],
    ]);
    expect(site.issue('OPS-2').fields.labels).toEqual(['released', 'audited']);
  });

  it('fails by default when the user lacks Edit issues, naming it, and changes nothing', async () => {
    const { site, kvs, event, opts } = setup({ actor: 'transitioning-user' }, 'viewer');
    await runPostFunction(setFieldsPostFunction, event, opts);
    expect(edits(site)).toEqual([]);
    expect(site.issue('OPS-2').fields.labels).toEqual([]);
    expect(auditEntries(kvs)[0]).toMatchObject({
      outcome: 'failed',
      error: { code: 'MISSING_PERMISSION', message: expect.stringContaining('"Edit issues"') },
    });
  });

  it('acts as the app when the fallback allows it, and records the fallback', async () => {
    const { site, kvs, event, opts } = setup(
      { actor: 'transitioning-user', fallback: 'act-as-app' },
      'viewer',
    );
    await runPostFunction(setFieldsPostFunction, event, opts);
    expect(edits(site)).toEqual(['app']);
    // The viewer's edit is refused (400, as the spec's editIssue says); one permission call tells why.
    expect(site.calls.map((c) => [c.identity.kind, c.operationId, c.status])).toEqual([
      ['impersonated', 'getIssue', 200],
      ['impersonated', 'editIssue', 400],
      ['impersonated', 'getMyPermissions', 200],
      ['app', 'getIssue', 200],
      ['app', 'editIssue', 204],
    ]);
    expect(auditEntries(kvs)[0]).toMatchObject({
      actor: { kind: 'app' },
      fallback: true,
      outcome: 'applied',
      summary: expect.stringContaining(
        'acted as the app instead of the user: the user viewer lacks the Jira permission "Edit issues" on OPS-2',
      ),
    });
  });

  it('changes Jira once when the same event is delivered twice', async () => {
    const { site, kvs, event, opts } = setup({});
    await runPostFunction(setFieldsPostFunction, event, opts);
    await runPostFunction(setFieldsPostFunction, event, opts);
    expect(edits(site)).toEqual(['app']);
    expect(auditEntries(kvs).map((e) => e.outcome)).toEqual(['skipped', 'applied']);
  });

  it('hands a 429 storm to the platform retry, then edits once', async () => {
    const { site, kvs, event, opts } = setup({});
    site.faults.inject({
      match: { operationId: 'editIssue' },
      times: 2,
      response: { kind: 'rateLimit', reason: 'jira-per-issue-on-write', retryAfterSeconds: 60 },
    });
    const report = await runPlatformRetry(setFieldsPostFunction, event, opts);
    expect(report.deliveries.map((d) => isInvocationError(d.result))).toEqual([true, true, false]);
    expect(edits(site)).toEqual(['app']);
    expect(auditEntries(kvs).map((e) => e.outcome)).toEqual(['applied', 'retrying', 'retrying']);
  });

  it.each(SCOPE_ERROR_SHAPES)(
    'names the missing impersonation scope (missing scope answered %s)',
    async (shape) => {
      const { site, kvs, event } = setup({ actor: 'transitioning-user' });
      site.scopeErrorShape = shape;
      await runPostFunction(setFieldsPostFunction, event, {
        site,
        kvs,
        scopes: ['read:jira-work', 'write:jira-work', 'manage:jira-configuration', 'storage:app'],
        impersonationScopes: ['read:jira-work'],
      });
      expect(edits(site)).toEqual([]);
      expect(auditEntries(kvs)[0]?.error).toEqual({
        code: 'MISSING_SCOPE',
        message: expect.stringMatching(/lacks the OAuth scope write:jira-work .*allowImpersonation: true/),
      });
    },
  );

  it('reports a field Jira refuses by name, and on the issue when configured', async () => {
    const { site, kvs, event, opts } = setup({
      operations: [{ op: 'set', field: 'customfield_99999', value: 'x' }],
      reportFailureOnIssue: true,
    });
    await runPostFunction(setFieldsPostFunction, event, opts);
    expect(auditEntries(kvs)[0]).toMatchObject({
      outcome: 'failed',
      summary: expect.stringContaining('the failure was reported in a comment on the issue'),
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('customfield_99999') },
    });
    expect(site.issue('OPS-2').comments).toEqual([
      expect.objectContaining({
        author: site.appBot.accountId,
        text: expect.stringContaining('Workflow Guard could not run "Set fields" after this transition'),
      }),
    ]);
  });
});

describe('Set fields configuration', () => {
  const parse = (operations: unknown) => SetFieldsConfig.safeParse({ operations });

  it('names the field of each mistake', () => {
    const result = parse([
      { op: 'set', field: 'labels', value: ['a'] },
      { op: 'clear', field: 'labels' },
      { op: 'clear', field: 'summary' },
      { op: 'copy', field: 'duedate', from: 'duedate' },
      { op: 'set', field: 'Bad Field', value: 'x' },
    ]);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['operations.4.field', 'use a Jira field id such as labels or customfield_10010'],
      ['operations.1.field', 'labels is changed twice'],
      ['operations.2.field', 'summary cannot be empty'],
      ['operations.3.from', 'copy from another field'],
    ]);
  });

  it('needs at least one operation and defaults the actor settings', () => {
    expect(parse([]).error?.issues[0]?.message).toBe('add at least one field to change');
    expect(parse([{ op: 'clear', field: 'duedate' }]).data).toEqual({
      actor: 'app',
      fallback: 'fail',
      reportFailureOnIssue: false,
      operations: [{ op: 'clear', field: 'duedate' }],
    });
  });
});
