import { SCOPE_ERROR_SHAPES } from '../emulator/faults';
import { runValidator } from '../harness';
import { relatedIssuesValidator } from '../../src/rules/related-issues';
import { RelatedIssuesConfig } from '../../src/rules/related-issues/configuration';
import { decideRelated, offendersIn } from '../../src/rules/related-issues/decide';
import { english, forgetLocales, render } from '../../src/access/texts';
import { relatedIssuesJql } from '../../src/rules/related-issues/query';
import { auditEntries } from '../support/audit';
import { seedRelatedIssues } from '../support/seed';
import type { JiraSite } from '../emulator';

type Site = JiraSite;

const ALL = {
  subtasks: true,
  parent: true,
  links: [{ linkType: 'Blocks', direction: 'is blocked by' }],
};

const setup = seedRelatedIssues;

const payload = (site: Site, config: object) => ({
  issue: { key: 'OPS-1' },
  configuration: JSON.stringify(config),
  transition: { from: { id: site.requireStatus('To Do').id }, to: { id: site.requireStatus('Done').id } },
});

const searches = (site: Site) =>
  site.calls.filter((c) => c.operationId === 'searchAndReconsileIssuesUsingJqlPost');

describe('Related issues validator (through the emulator)', () => {
  // Each test starts from a container that has not learnt the site's language yet.
  beforeEach(forgetLocales);

  it('builds one JQL query whose values stay inside string literals', () => {
    const config = RelatedIssuesConfig.parse({
      ...ALL,
      links: [{ linkType: 'Odd', direction: 'is "odd" \\ by) OR project = X' }],
    });
    expect(relatedIssuesJql('OPS-1', config)).toBe(
      'key = "OPS-1" OR ((parent = "OPS-1" OR issue in linkedIssues("OPS-1", "is \\"odd\\" \\\\ by) OR project = X")) AND statusCategory != "Done")',
    );
  });

  it('passes with one search when the parent, sub-tasks and blockers are done (the issue it blocks is ignored)', async () => {
    const { site, kvs } = setup();
    expect(await runValidator(relatedIssuesValidator, payload(site, ALL), { site, kvs })).toEqual({
      result: true,
    });
    expect(site.calls).toHaveLength(1);
    expect(searches(site)).toHaveLength(1);
    expect(site.calls[0]?.identity).toEqual({ kind: 'app' });
    expect(auditEntries(kvs)[0]).toMatchObject({
      rule: 'related-issues',
      outcome: 'allowed',
      summary: 'Every related issue is in status category "Done"',
    });
  });

  it('blocks naming every offender: one search, and one more for the security level of an epic parent', async () => {
    const { site, kvs } = setup();
    site.issues.get('OPS-10')!.status = 'In Progress';
    site.issues.get('OPS-3')!.status = 'In Progress';
    site.issues.get('OPS-4')!.status = 'To Do';
    const result = await runValidator(relatedIssuesValidator, payload(site, ALL), { site, kvs });
    expect(result).toEqual({
      result: false,
      errorMessage:
        'Move these related issues to a "Done" status before making this transition: OPS-10 (parent, In Progress), OPS-3 (sub-task, In Progress), OPS-4 (linked issue, To Do).',
    });
    expect(searches(site).map((call) => call.identity.kind)).toEqual(['app', 'app']);
    // And, to word the message, the site's language (the validator names no user), learnt once per container.
    expect(site.calls.map((call) => call.operationId).slice(2)).toEqual(['getLocale']);
    expect(auditEntries(kvs)[0]).toMatchObject({
      outcome: 'blocked',
      summary: '3 related issue(s) not in "Done"',
    });
  });

  it('checks the required category the admin chose', async () => {
    const { site, kvs } = setup();
    const config = { subtasks: true, requiredCategory: 'indeterminate' };
    const result = await runValidator(relatedIssuesValidator, payload(site, config), { site, kvs });
    expect(result.errorMessage).toBe(
      'Move these related issues to a "In Progress" status before making this transition: OPS-2 (sub-task, Done), OPS-3 (sub-task, Done).',
    );
  });

  describe.each(['block', 'allow'] as const)('failure policy "%s"', (failurePolicy) => {
    const config = { ...ALL, failurePolicy };

    it('under a 429 storm gives up within the time budget and audits the decision', async () => {
      const { site, kvs } = setup();
      site.faults.inject({
        match: { operationId: 'searchAndReconsileIssuesUsingJqlPost' },
        times: Infinity,
        response: { kind: 'rateLimit', reason: 'jira-quota-tenant-based', retryAfterSeconds: 60 },
      });
      const result = await runValidator(relatedIssuesValidator, payload(site, config), {
        site,
        kvs,
        budgetMs: 5_000,
      });
      expect(result).toEqual(
        failurePolicy === 'allow'
          ? { result: true }
          : {
              result: false,
              errorMessage: expect.stringMatching(
                /^Workflow Guard could not check this transition, so it was blocked\. Jira is busy right now \(rate limit\)\. Please try again in about 6\d seconds\.$/,
              ) as string,
            },
      );
      expect(site.calls.map((c) => c.status)).toEqual([429]);
      expect(auditEntries(kvs)[0]).toMatchObject({
        outcome: failurePolicy === 'allow' ? 'allowed' : 'blocked',
        error: { code: 'RATE_LIMITED' },
      });
    });

    it.each(SCOPE_ERROR_SHAPES)(
      'without the read:jira-work scope names the scope (missing scope answered %s)',
      async (shape) => {
        const { site, kvs } = setup();
        site.scopeErrorShape = shape;
        const result = await runValidator(relatedIssuesValidator, payload(site, config), {
          site,
          kvs,
          scopes: ['storage:app'],
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
        expect(auditEntries(kvs)[0]?.error?.code).toBe('MISSING_SCOPE');
      },
    );
  });

  it('names the Browse projects permission when the bot cannot see the issue', async () => {
    const { site, kvs } = setup();
    site.revoke('BROWSE_PROJECTS', { accountId: site.appBot.accountId });
    const result = await runValidator(relatedIssuesValidator, payload(site, ALL), { site, kvs });
    expect(result.errorMessage).toBe(
      'Workflow Guard could not check this transition, so it was blocked. The Workflow Guard app\'s bot user doesn\'t have the Jira permission "Browse projects" in project OPS. Ask a Jira admin to grant it.',
    );
  });

  it('blocks on a configuration that names no related issue, saying what to fix', async () => {
    const { site, kvs } = setup();
    const result = await runValidator(relatedIssuesValidator, payload(site, { links: [] }), { site, kvs });
    expect(result).toEqual({
      result: false,
      errorMessage:
        'Workflow Guard blocked this transition: The rule configuration is invalid: subtasks: choose at least one kind of related issue: sub-tasks, the parent or a link type. Edit the rule in the workflow editor and save it again.',
    });
    expect(site.calls).toHaveLength(0);
  });
});

describe('Related issues validator: never names an issue the transitioning user cannot see', () => {
  /** OPS-1's sub-tasks are done; it is blocked by OPS-4 (done) and now also by FIN-7, in project FIN. */
  function withIssueInFin() {
    const seeded = setup();
    const { site } = seeded;
    site.addProject({ key: 'FIN', name: 'Finance' });
    site.addIssue({ key: 'FIN-7', projectKey: 'FIN', summary: 'Secret audit finding', status: 'To Do' });
    site.linkIssues('FIN-7', 'OPS-1', 'Blocks');
    return seeded;
  }
  const blockers = { links: [{ linkType: 'Blocks', direction: 'is blocked by' }] };

  it('without the user from the platform, names only issues of the same project and counts the rest', async () => {
    const { site, kvs } = withIssueInFin();
    site.issues.get('OPS-4')!.status = 'To Do';
    const result = await runValidator(relatedIssuesValidator, payload(site, blockers), { site, kvs });
    expect(result).toEqual({
      result: false,
      errorMessage:
        'Move these related issues to a "Done" status before making this transition: OPS-4 (linked issue, To Do). 1 other related issue you cannot see is not in a "Done" status.',
    });
    expect(auditEntries(kvs)[0]).toMatchObject({
      outcome: 'blocked',
      summary: '2 related issue(s) not in "Done", 1 of them not shown to the user',
    });
  });

  it('when only hidden issues are not done, says how many and whom to ask, with no key or summary', async () => {
    const { site, kvs } = withIssueInFin();
    const result = await runValidator(relatedIssuesValidator, payload(site, blockers), { site, kvs });
    expect(result).toEqual({
      result: false,
      errorMessage:
        '1 related issue you cannot see is not in a "Done" status: ask someone who can see it to move it, or ask your Jira admin.',
    });
    expect(result.errorMessage).not.toMatch(/FIN|Secret/);
  });

  it('with the user from the platform (context.principal), names what Jira shows them and counts the rest', async () => {
    const { site, kvs } = withIssueInFin();
    site.addIssue({ key: 'FIN-8', projectKey: 'FIN', summary: 'Public plan', status: 'To Do' });
    site.linkIssues('FIN-8', 'OPS-1', 'Blocks');
    site.addProject({ key: 'SEC', name: 'Security' });
    site.addIssue({ key: 'SEC-1', projectKey: 'SEC', summary: 'Embargoed', status: 'To Do' });
    site.linkIssues('SEC-1', 'OPS-1', 'Blocks');
    site.grant('BROWSE_PROJECTS', { accountId: 'dev', projectKey: 'FIN' });
    const result = await runValidator(relatedIssuesValidator, payload(site, blockers), {
      site,
      kvs,
      accountId: 'dev',
    });
    expect(result).toEqual({
      result: false,
      errorMessage:
        'Move these related issues to a "Done" status before making this transition: FIN-7 (linked issue, To Do), FIN-8 (linked issue, To Do). 1 other related issue you cannot see is not in a "Done" status.',
    });
    // The decision is the app's (it sees everything); only what is named is asked as the user.
    expect(searches(site).map((call) => call.identity.kind)).toEqual(['app', 'impersonated']);
  });

  it('hides an epic parent in a project the user cannot see, also when asked as the user', async () => {
    const { site, kvs } = withIssueInFin();
    site.addIssue({ key: 'FIN-9', projectKey: 'FIN', summary: 'Finance epic', issueType: 'Epic' });
    site.issues.get('OPS-1')!.parentKey = 'FIN-9';
    for (const accountId of [undefined, 'dev']) {
      const result = await runValidator(relatedIssuesValidator, payload(site, { parent: true }), {
        site,
        kvs,
        ...(accountId ? { accountId } : {}),
      });
      expect(result.errorMessage).toBe(
        '1 related issue you cannot see is not in a "Done" status: ask someone who can see it to move it, or ask your Jira admin.',
      );
    }
  });

  it('when asking as the user fails, shows no more than without the user', async () => {
    const { site, kvs } = withIssueInFin();
    site.grant('BROWSE_PROJECTS', { accountId: 'dev', projectKey: 'FIN' });
    site.faults.inject({
      match: { operationId: 'searchAndReconsileIssuesUsingJqlPost', identity: 'impersonated' },
      times: Infinity,
      response: { kind: 'needsAuthentication' },
    });
    const result = await runValidator(relatedIssuesValidator, payload(site, blockers), {
      site,
      kvs,
      accountId: 'dev',
    });
    expect(result.errorMessage).toBe(
      '1 related issue you cannot see is not in a "Done" status: ask someone who can see it to move it, or ask your Jira admin.',
    );
  });
});

describe('Related issues decision: issue security levels', () => {
  const config = RelatedIssuesConfig.parse(ALL);
  const status = { name: 'To Do', statusCategory: { key: 'new' } };
  const answer = (level: string | null, others: Array<[string, string | null]>) => ({
    issues: [
      { key: 'OPS-1', fields: { security: level === null ? null : { id: level } } },
      ...others.map(([key, other]) => ({
        key,
        fields: { status, security: other === null ? undefined : { id: other } },
      })),
    ],
  });

  it('names a same-project issue only under the issue’s own security level', () => {
    const offenders = offendersIn(
      'OPS-1',
      config,
      answer('10', [
        ['OPS-2', '10'],
        ['OPS-3', '11'],
        ['OPS-4', null],
      ]),
    );
    expect(offenders.map((o) => [o.key, o.seenWithIssue])).toEqual([
      ['OPS-2', true],
      ['OPS-3', false],
      ['OPS-4', false],
    ]);
    const decision = decideRelated(config, offenders, (o) => o.seenWithIssue, false);
    expect(decision.pass).toBe(false);
    expect(!decision.pass && render(english, decision.message)).toBe(
      'Move these related issues to a "Done" status before making this transition: OPS-2 (linked issue, To Do). 2 other related issues you cannot see are not in a "Done" status.',
    );
  });

  it('names the parent of a sub-task (same level by Jira’s rule), and another parent only under the same level', () => {
    const parentAnswer = (subtask: boolean) => ({
      issues: [
        {
          key: 'OPS-1',
          fields: { issuetype: { subtask }, parent: { key: 'OPS-9', fields: { status } } },
        },
      ],
    });
    const seen = (subtask: boolean, parentLevel?: string | null) =>
      offendersIn('OPS-1', config, parentAnswer(subtask), parentLevel)[0]?.seenWithIssue;
    expect(seen(true)).toBe(true);
    expect(seen(false)).toBe(false);
    expect(seen(false, null)).toBe(true);
    expect(seen(false, '10')).toBe(false);
  });
});
