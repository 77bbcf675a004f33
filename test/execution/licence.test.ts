import { buildPostFunctionEvent, runPostFunction, runValidator } from '../harness';
import * as handlers from '../../src/index';
import { auditEntries } from '../support/audit';
import { seedSite } from '../support/seed';

/**
 * `app.licensing.enabled`: Forge gives production invocations of a paid app `context.license`; development and
 * staging installations get none. Inactive turns off what the app decides at run time and says so in the audit.
 */
const LICENCES = {
  active: { isActive: true },
  inactive: { isActive: false },
  absent: undefined,
} as const;

const validatorPayload = {
  issue: { key: 'OPS-1' },
  configuration: JSON.stringify({
    failurePolicy: 'block',
    requirements: [{ fieldId: 'description', fieldName: 'Description', condition: 'not-empty' }],
  }),
  transition: { from: { id: '1' }, to: { id: '3' } },
};

const FUNCTION_VALIDATORS = {
  'fields-requirement': handlers.fieldsRequirementValidator,
  'related-issues': handlers.relatedIssuesValidator,
};
const POST_FUNCTIONS = {
  comment: handlers.commentPostFunction,
  'set-fields': handlers.setFieldsPostFunction,
  'transition-related': handlers.transitionRelatedPostFunction,
  notify: handlers.notifyPostFunction,
};

describe('licence: what an inactive licence turns off', () => {
  it.each(Object.entries(FUNCTION_VALIDATORS))(
    '%s lets the transition through unchecked, without calling Jira, and the audit says why',
    async (rule, validator) => {
      const { site, kvs } = seedSite();
      const result = await runValidator(validator, validatorPayload, {
        site,
        kvs,
        license: LICENCES.inactive,
      });
      expect(result).toEqual({ result: true });
      expect(site.calls).toEqual([]);
      expect(auditEntries(kvs)).toEqual([
        expect.objectContaining({
          rule,
          issueKey: 'OPS-1',
          projectKey: 'OPS',
          outcome: 'allowed',
          summary: 'Not checked: licence inactive. The transition was allowed.',
        }),
      ]);
    },
  );

  it.each(Object.entries(POST_FUNCTIONS))(
    '%s does nothing, without calling Jira or anyone else, and the audit says why',
    async (rule, postFunction) => {
      const { site, kvs } = seedSite();
      const event = buildPostFunctionEvent(site, {
        issueKey: 'OPS-1',
        transitionId: '11',
        atlassianId: 'dev',
        configuration: '{}',
        postFunctionId: `pf-${rule}`,
      });
      expect(
        await runPostFunction(postFunction, event, { site, kvs, license: LICENCES.inactive }),
      ).toBeUndefined();
      expect(site.calls).toEqual([]);
      expect(site.issue('OPS-1').comments).toEqual([]);
      expect(auditEntries(kvs)).toEqual([
        expect.objectContaining({
          rule,
          issueKey: 'OPS-1',
          triggeredBy: 'dev',
          outcome: 'skipped',
          summary: 'Not run: licence inactive.',
        }),
      ]);
    },
  );

  it('reads the licence under either name the SDK types it with (`isActive`, `active`)', async () => {
    for (const license of [{ active: false }, { isActive: false, active: true }]) {
      const { site, kvs } = seedSite();
      expect(
        await runValidator(handlers.fieldsRequirementValidator, validatorPayload, { site, kvs, license }),
      ).toEqual({
        result: true,
      });
      expect(auditEntries(kvs)[0]?.summary).toBe(
        'Not checked: licence inactive. The transition was allowed.',
      );
    }
  });

  it.each(['active', 'absent'] as const)(
    'checks and acts as usual when the licence is %s (absent: development, staging, free)',
    async (state) => {
      const { site, kvs } = seedSite();
      site.issue('OPS-1').fields.description = null;
      const blocked = await runValidator(handlers.fieldsRequirementValidator, validatorPayload, {
        site,
        kvs,
        license: LICENCES[state],
      });
      expect(blocked.result).toBe(false);

      const event = buildPostFunctionEvent(site, {
        issueKey: 'OPS-1',
        transitionId: '11',
        atlassianId: 'dev',
        configuration: JSON.stringify({ template: 'Started by {{user}}' }),
        postFunctionId: 'pf-comment',
      });
      await runPostFunction(handlers.commentPostFunction, event, { site, kvs, license: LICENCES[state] });
      expect(site.issue('OPS-1').comments.map((c) => c.text)).toEqual(['Started by @Dana Developer']);
    },
  );
});
