import { SCOPE_ERROR_SHAPES } from '../emulator/faults';
import { runValidator } from '../harness';
import { fieldsRequirementValidator } from '../../src/rules/fields-requirement';
import { auditEntries } from '../support/audit';
import { seedSite } from '../support/seed';

const configuration = (failurePolicy: 'block' | 'allow') =>
  JSON.stringify({
    failurePolicy,
    requirements: [{ fieldId: 'description', fieldName: 'Description', condition: 'not-empty' }],
  });
const payload = (failurePolicy: 'block' | 'allow') => ({
  issue: { key: 'OPS-1' },
  configuration: configuration(failurePolicy),
  transition: { from: { id: '1' }, to: { id: '3' } },
});

describe('validators: failure policy and audit', () => {
  it.each(SCOPE_ERROR_SHAPES)(
    'blocks with the missing scope named when Jira refuses for lack of scope (policy block) (missing scope answered %s)',
    async (shape) => {
      const { site, kvs } = seedSite();
      site.scopeErrorShape = shape;
      const result = await runValidator(fieldsRequirementValidator, payload('block'), {
        site,
        kvs,
        scopes: ['storage:app', 'write:jira-work', 'manage:jira-configuration'],
      });
      expect(result).toEqual({
        result: false,
        errorMessage:
          'Workflow Guard could not check this transition, so it was blocked. Workflow Guard could not finish because this Jira site has not granted it the permission "read:jira-work". Ask your Jira admin to approve the app\'s latest update.',
      });
      expect(auditEntries(kvs)[0]).toMatchObject({ outcome: 'blocked', error: { code: 'MISSING_SCOPE' } });
    },
  );

  it('lets the transition through under a rate-limit storm when the policy is allow, and records why', async () => {
    const { site, kvs } = seedSite();
    site.faults.inject({
      match: { operationId: 'getIssue' },
      times: Infinity,
      response: { kind: 'rateLimit', reason: 'jira-burst-based', retryAfterSeconds: 30 },
    });
    expect(await runValidator(fieldsRequirementValidator, payload('allow'), { site, kvs })).toEqual({
      result: true,
    });
    expect(auditEntries(kvs)[0]).toMatchObject({
      outcome: 'allowed',
      summary: 'Could not check the rule; failure policy "allow" let the transition through',
      error: { code: 'RATE_LIMITED' },
    });
  });

  it('blocks under the same storm when the policy is block, with a message the user can act on', async () => {
    const { site, kvs } = seedSite();
    site.faults.inject({
      match: { operationId: 'getIssue' },
      times: Infinity,
      response: { kind: 'rateLimit', reason: 'jira-burst-based', retryAfterSeconds: 30 },
    });
    const result = await runValidator(fieldsRequirementValidator, payload('block'), { site, kvs });
    expect(result.result).toBe(false);
    expect(result.errorMessage).toMatch(
      /^Workflow Guard could not check this transition, so it was blocked\. Jira is busy right now \(rate limit\)\. Please try again in about 3\d seconds\.$/,
    );
  });

  it('blocks a transition whose rule configuration is broken, saying how to fix it, without calling Jira', async () => {
    const { site, kvs } = seedSite();
    const result = await runValidator(
      fieldsRequirementValidator,
      { ...payload('block'), configuration: '{"requirements": []}' },
      { site, kvs },
    );
    expect(result).toEqual({
      result: false,
      errorMessage:
        'Workflow Guard blocked this transition: The rule configuration is invalid: requirements: add at least one field requirement. Edit the rule in the workflow editor and save it again.',
    });
    expect(site.calls).toEqual([]);
  });
});
