import fc from 'fast-check';
import { APP_ID, callResolver, MemoryKvs, runTrigger } from '../harness';
import {
  expressionFailedEvent,
  installForgeConditions,
  takeSentExpressionFailures,
  type JiraSite,
} from '../emulator';
import { evaluateValidatorExpression, manifestExpressionValidator } from '../emulator/expression-validator';
import { manifestConditions } from '../emulator/expression-condition';
import { adminContext, ENVIRONMENT_ID, forgeRule, seedAdminSite } from '../pages/admin/admin-site';
import { SEED } from '../proof/fuzz-support';
import { hostileString, hostileValue, mostly } from '../proof/hostile';
import { auditEntries } from '../support/audit';
import { adminResolver } from '../../src/pages/admin';
import { expressionFailedTrigger } from '../../src';
import type { ExecutionsView } from '../../src/shared/admin-page';

type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

/**
 * Jira counts an expression validator that fails to evaluate as false and tells the app with
 * `avi:jira:failed:expression`; the app records it as a failed execution, which the admin page shows.
 */
describe('expression failures (avi:jira:failed:expression)', () => {
  let site: JiraSite;
  let kvs: MemoryKvs;
  beforeEach(() => {
    ({ site, kvs } = seedAdminSite());
    site.addIssue({ key: 'OPS-7', projectKey: 'OPS', summary: 'Renew the certificates' });
  });

  const deliver = (event: unknown) => runTrigger(expressionFailedTrigger, event, { site, kvs });
  const failedExecutions = async () => {
    const envelope = (await callResolver(
      adminResolver,
      'getExecutions',
      { outcome: 'failed' },
      adminContext('admin'),
      { site, kvs },
    )) as Envelope<ExecutionsView>;
    if (!envelope.ok) throw new Error(envelope.error.message);
    return envelope.data;
  };

  it('records a Custom expression that Jira could not evaluate, with Jira’s message, on the admin page', async () => {
    const expression = 'issue.dueDate.getTime() > 0';
    const rule = forgeRule(
      'custom-expression',
      { expression, message: 'Set a due date' },
      { list: 'validators' },
    );
    site.workflows
      .get('Ops flow')
      ?.transitions.find((t) => t.id === '21')
      ?.validators.push(rule);
    const verdict = evaluateValidatorExpression(site, {
      ...manifestExpressionValidator('custom-expression'),
      config: rule.parameters?.config,
      issueKey: 'OPS-7',
      transitionId: '21',
      accountId: 'dev',
    });
    if (verdict.result || !verdict.failure)
      throw new Error('the expression was expected to fail to evaluate');

    await deliver(
      expressionFailedEvent(site, {
        app: { appId: APP_ID, environmentId: ENVIRONMENT_ID },
        moduleKey: 'custom-expression',
        rule,
        expression,
        failure: verdict.failure,
        issueKey: 'OPS-7',
        accountId: 'dev',
      }),
    );

    const view = await failedExecutions();
    expect(view.failures).toEqual({ last24Hours: 1, last7Days: 1 });
    expect(view.entries).toEqual([
      expect.objectContaining({
        module: 'validator',
        rule: 'custom-expression',
        ruleTitle: 'Custom Jira expression',
        projectKey: 'OPS',
        issueKey: 'OPS-7',
        triggeredBy: 'dev',
        actor: 'Nobody (nothing was done in Jira)',
        outcome: 'failed',
        summary:
          'Jira could not evaluate the expression of the rule "Custom Jira expression" in workflow "Ops flow", so it counted as false and blocked the transition.',
        error: {
          code: 'EXPRESSION_FAILED',
          message: verdict.failure,
          explanation: expect.stringContaining('Check the expression in the rule’s configuration'),
        },
      }),
    ]);
  });

  it('records a condition Jira could not evaluate, from the event Jira sent while listing transitions', async () => {
    // The module page: a condition whose expression "fails to evaluate because of errors or returns anything other
    // than a Boolean value" is false, and "an avi:jira:failed:expression event is sent"
    // (https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-workflow-condition/).
    installForgeConditions(site, { appId: APP_ID, environmentId: ENVIRONMENT_ID }, manifestConditions());
    site.grant('TRANSITION_ISSUES', { accountId: 'dev', projectKey: 'OPS' });
    const expression = 'issue.dueDate.getTime() > 0';
    const rule = forgeRule(
      'custom-expression-condition',
      { expression, description: 'Due date set' },
      { list: 'conditions' },
    );
    site.workflows
      .get('Ops flow')
      ?.transitions.find((t) => t.id === '21')
      ?.conditions.push(rule);
    const listed = await site.handle(
      { kind: 'user', accountId: 'dev' },
      '/rest/api/3/issue/OPS-7/transitions',
    );
    const { transitions } = (await listed.json()) as { transitions: { id: string }[] };
    expect(transitions.map((t) => t.id)).not.toContain('21');

    const sent = takeSentExpressionFailures(site);
    expect(sent).toEqual([
      expect.objectContaining({ conditionId: rule.id, expression, workflowName: 'Ops flow' }),
    ]);
    expect(sent[0]).not.toHaveProperty('validatorId');
    for (const event of sent) await deliver(event);

    const view = await failedExecutions();
    expect(view.failures).toEqual({ last24Hours: 1, last7Days: 1 });
    expect(view.entries).toEqual([
      expect.objectContaining({
        module: 'condition',
        rule: 'custom-expression-condition',
        projectKey: 'OPS',
        issueKey: 'OPS-7',
        triggeredBy: 'dev',
        outcome: 'failed',
        summary:
          'Jira could not evaluate the expression of the rule "Custom Jira expression (condition)" in workflow "Ops flow", so it counted as false and hid the transition.',
        error: expect.objectContaining({ code: 'EXPRESSION_FAILED', message: sent[0]?.errorMessages[0] }),
      }),
    ]);
  });

  it('is sent for a condition that returns something other than a Boolean, and not for one that holds', async () => {
    installForgeConditions(site, { appId: APP_ID, environmentId: ENVIRONMENT_ID }, manifestConditions());
    site.grant('TRANSITION_ISSUES', { accountId: 'dev', projectKey: 'OPS' });
    const conditions = site.workflows.get('Ops flow')?.transitions.find((t) => t.id === '21')?.conditions;
    conditions?.push(
      forgeRule('custom-expression-condition', { expression: 'issue.key' }, { list: 'conditions' }),
    );
    await site.handle({ kind: 'user', accountId: 'dev' }, '/rest/api/3/issue/OPS-7/transitions');
    expect(takeSentExpressionFailures(site).map((e) => e.errorMessages)).toEqual([
      [
        'Evaluation failed: "issue.key" - The condition returned a value of type String; it must return a Boolean.',
      ],
    ]);
    conditions?.splice(
      0,
      1,
      forgeRule('custom-expression-condition', { expression: 'true' }, { list: 'conditions' }),
    );
    await site.handle({ kind: 'user', accountId: 'dev' }, '/rest/api/3/issue/OPS-7/transitions');
    expect(takeSentExpressionFailures(site)).toEqual([]);
  });

  it('records whatever arrives, with Jira’s messages bounded and on one line', async () => {
    const long = `Evaluation failed:\n\u001b[31m${'x'.repeat(1000)}`;
    await deliver({
      eventType: 'avi:jira:failed:expression',
      extensionId: `ari:cloud:ecosystem::extension/${APP_ID}/${ENVIRONMENT_ID}/static/who-may-transition`,
      workflowName: 'Ops\nflow',
      conditionId: 'c-1',
      errorMessages: [long, 42, 'b', 'c', 'd', 'e', 'f', 'g'],
      context: { project: { key: 'not a key' }, issue: null },
    });
    await deliver({
      eventType: 'avi:jira:failed:expression',
      extensionId: 'ari:other',
      workflowName: 'Ops flow',
      errorMessages: 'not a list',
      context: 'not an object',
    });

    const { entries, failures } = await failedExecutions();
    expect(failures.last24Hours).toBe(2);
    const condition = entries.find((e) => e.rule === 'who-may-transition');
    const unknown = entries.find((e) => e.rule === 'unknown-rule');
    expect(condition).toMatchObject({
      rule: 'who-may-transition',
      summary:
        'Jira could not evaluate the expression of the rule "Who may transition" in workflow "Ops flow", so it counted as false and hid the transition.',
    });
    expect(condition).not.toHaveProperty('projectKey');
    expect(condition).not.toHaveProperty('issueKey');
    const message = condition?.error?.message ?? '';
    expect(message).toMatch(/^Evaluation failed: \[31mx+… · b · c · d · e · \(2 more\)$/);
    expect(message).not.toMatch(/[\p{Cc}]/u);
    expect(message.length).toBeLessThan(400);
    expect(unknown).toMatchObject({
      rule: 'unknown-rule',
      summary:
        'Jira could not evaluate the expression of a Workflow Guard validator in workflow "Ops flow", so it counted as false and blocked the transition.',
      error: { code: 'EXPRESSION_FAILED', message: 'Jira gave no reason.' },
    });
  });
  it('records any event, however malformed, as one failed execution with a bounded one-line message', async () => {
    const extensionIds = mostly(
      fc.constantFrom(
        `ari:cloud:ecosystem::extension/${APP_ID}/${ENVIRONMENT_ID}/static/custom-expression`,
        `ari:cloud:ecosystem::extension/${APP_ID}/${ENVIRONMENT_ID}/static/../admin-page`,
      ),
    );
    const event = fc.oneof(
      hostileValue,
      fc.record(
        {
          extensionId: extensionIds,
          workflowName: mostly(hostileString),
          conditionId: hostileValue,
          errorMessages: mostly(fc.array(mostly(hostileString), { maxLength: 12 })),
          context: mostly(
            fc.record({
              issue: mostly(fc.record({ key: mostly(fc.constantFrom('OPS-1', 'OPS-1/x', '../OPS')) })),
              project: mostly(fc.record({ key: mostly(fc.constantFrom('OPS', 'ops', 'OPS/../FIN')) })),
              user: mostly(fc.record({ accountId: hostileString })),
            }),
          ),
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(event, async (hostile) => {
        kvs = new MemoryKvs();
        await deliver(hostile);
        const entries = auditEntries(kvs);
        expect(entries).toHaveLength(1);
        const [entry] = entries;
        expect(entry).toMatchObject({ outcome: 'failed', error: { code: 'EXPRESSION_FAILED' } });
        expect(['custom-expression', 'unknown-rule']).toContain(entry?.rule);
        expect(entry?.projectKey ?? 'OPS').toBe('OPS');
        expect(entry?.issueKey ?? 'OPS-1').toBe('OPS-1');
        const message = entry?.error?.message ?? '';
        expect(message.length).toBeLessThanOrEqual(5 * 300 + 40);
        expect(`${entry?.summary ?? ''}${message}`).not.toMatch(/[\p{Cc}\u2028\u2029]/u);
      }),
      { numRuns: 200, seed: SEED },
    );
  });
});
