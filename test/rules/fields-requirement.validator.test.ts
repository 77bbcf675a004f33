import { SCOPE_ERROR_SHAPES } from '../emulator/faults';
import { runValidator } from '../harness';
import { fieldsRequirementValidator } from '../../src/rules/fields-requirement';
import { forgetLocales } from '../../src/access/texts';
import { auditEntries } from '../support/audit';
import { seedSite } from '../support/seed';

type Site = ReturnType<typeof seedSite>['site'];

const CONFIG = {
  requirements: [
    { fieldId: 'duedate', fieldName: 'Due date', condition: 'not-empty' },
    {
      fieldId: 'customfield_10050',
      fieldName: 'Ticket',
      condition: 'matches',
      pattern: '^[A-Z]+-\\d+$',
    },
  ],
};

const payload = (site: Site, modifiedFields?: Record<string, unknown>, config: object = CONFIG) => ({
  issue: { key: 'OPS-1' },
  configuration: JSON.stringify(config),
  transition: {
    from: { id: site.requireStatus('To Do').id },
    to: { id: site.requireStatus('Done').id },
    ...(modifiedFields ? { modifiedFields } : {}),
  },
});

const jiraCalls = (site: Site) => site.calls.map((c) => `${c.method} ${c.pathTemplate ?? c.path}`);

function setup(fields: Record<string, unknown> = {}) {
  const { site, kvs } = seedSite();
  site.addField({ id: 'customfield_10050', name: 'Ticket' });
  site.issues.get('OPS-1')!.fields = { ...site.issues.get('OPS-1')!.fields, ...fields };
  return { site, kvs };
}

describe('Fields requirement validator (through the emulator)', () => {
  // Each test starts from a container that has not learnt the site's language yet.
  beforeEach(forgetLocales);

  it('passes with no Jira call when the transition screen carries every field', async () => {
    const { site, kvs } = setup();
    const result = await runValidator(
      fieldsRequirementValidator,
      payload(site, { duedate: '2026-12-01', customfield_10050: 'OPS-12' }),
      { site, kvs },
    );
    expect(result).toEqual({ result: true });
    expect(site.calls).toHaveLength(0);
    expect(auditEntries(kvs)[0]).toMatchObject({
      rule: 'fields-requirement',
      outcome: 'allowed',
      issueKey: 'OPS-1',
      summary: 'All 2 field requirement(s) met',
    });
  });

  it('reads only the missing field, in one call limited with fields=, and blocks with the exact message', async () => {
    const { site, kvs } = setup({ customfield_10050: 'not a ticket' });
    const result = await runValidator(fieldsRequirementValidator, payload(site, { duedate: null }), {
      site,
      kvs,
    });
    expect(result).toEqual({
      result: false,
      errorMessage:
        'Fill in "Due date" before making this transition. "Ticket" does not have the expected format; correct it before making this transition.',
    });
    // The second call learns the site's language to word the message (the validator names no user); a container
    // makes it once per LOCALE_CACHE_MS, and only when a transition is blocked.
    expect(jiraCalls(site)).toEqual([
      'GET /rest/api/3/issue/{issueIdOrKey}',
      'GET /rest/api/3/mypreferences/locale',
    ]);
    expect(site.calls[0]?.path).toBe('/rest/api/3/issue/OPS-1?fields=customfield_10050');
    expect(site.calls[0]?.identity).toEqual({ kind: 'app' });
    expect(auditEntries(kvs)[0]).toMatchObject({
      outcome: 'blocked',
      summary: '2 field requirement(s) not met: "Due date" was empty, "Ticket" did not match its pattern',
    });
  });

  it('passes on stored values read in that one call', async () => {
    const { site, kvs } = setup({ duedate: '2026-12-01', customfield_10050: 'OPS-7' });
    expect(await runValidator(fieldsRequirementValidator, payload(site), { site, kvs })).toEqual({
      result: true,
    });
    expect(site.calls).toHaveLength(1);
    expect(decodeURIComponent(site.calls[0]?.path ?? '')).toBe(
      '/rest/api/3/issue/OPS-1?fields=duedate,customfield_10050',
    );
  });

  describe.each(['block', 'allow'] as const)('failure policy "%s"', (failurePolicy) => {
    const config = { ...CONFIG, failurePolicy };

    it('under a 429 storm gives up within the time budget, says so and audits it', async () => {
      const { site, kvs } = setup();
      site.faults.inject({
        match: { operationId: 'getIssue', identity: 'app' },
        times: Infinity,
        response: { kind: 'rateLimit', reason: 'jira-burst-based', retryAfterSeconds: 30 },
      });
      const result = await runValidator(fieldsRequirementValidator, payload(site, undefined, config), {
        site,
        kvs,
        budgetMs: 5_000,
      });
      expect(result).toEqual(
        failurePolicy === 'allow'
          ? { result: true }
          : {
              result: false,
              // Retry-After 30 s plus the backoff jitter the client would have waited.
              errorMessage: expect.stringMatching(
                /^Workflow Guard could not check this transition, so it was blocked\. Jira is busy right now \(rate limit\)\. Please try again in about 3\d seconds\.$/,
              ) as string,
            },
      );
      expect(site.calls.map((c) => c.status)).toEqual([429]);
      expect(auditEntries(kvs)[0]).toMatchObject({
        outcome: failurePolicy === 'allow' ? 'allowed' : 'blocked',
        summary: `Could not check the rule; failure policy "${failurePolicy}" ${failurePolicy === 'allow' ? 'let the transition through' : 'blocked it'}`,
        error: {
          code: 'RATE_LIMITED',
          message: expect.stringContaining('stayed rate limited by Jira (jira-burst-based)'),
        },
      });
    });

    it.each(SCOPE_ERROR_SHAPES)(
      'without the read:jira-work scope names the scope (missing scope answered %s)',
      async (shape) => {
        const { site, kvs } = setup();
        site.scopeErrorShape = shape;
        const result = await runValidator(fieldsRequirementValidator, payload(site, undefined, config), {
          site,
          kvs,
          scopes: ['storage:app', 'write:jira-work'],
        });
        expect(result).toEqual(
          failurePolicy === 'allow'
            ? { result: true }
            : {
                result: false,
                errorMessage:
                  'Workflow Guard could not check this transition, so it was blocked. Workflow Guard could not finish because this Jira site has not granted it the permission "read:jira-work". Ask your Jira admin to approve the app\'s latest update.',
              },
        );
        expect(auditEntries(kvs)[0]?.error).toMatchObject({
          code: 'MISSING_SCOPE',
          message: expect.stringContaining('lacks the OAuth scope read:jira-work'),
        });
      },
    );
  });

  it('names the Browse projects permission when the bot cannot see the issue', async () => {
    const { site, kvs } = setup();
    site.revoke('BROWSE_PROJECTS', { accountId: site.appBot.accountId });
    const result = await runValidator(fieldsRequirementValidator, payload(site), { site, kvs });
    expect(result).toEqual({
      result: false,
      errorMessage:
        'Workflow Guard could not check this transition, so it was blocked. The Workflow Guard app\'s bot user doesn\'t have the Jira permission "Browse projects" in project OPS. Ask a Jira admin to grant it.',
    });
    expect(auditEntries(kvs)[0]?.error?.code).toBe('MISSING_PERMISSION');
  });
});
