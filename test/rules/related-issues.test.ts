import { runValidator } from '../harness';
import { relatedIssuesValidator } from '../../src/rules/related-issues';
import { RelatedIssuesConfig } from '../../src/rules/related-issues/configuration';
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

  it('blocks naming every offender, still with one search', async () => {
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
    expect(site.calls).toHaveLength(1);
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

    it('without the read:jira-work scope names the scope', async () => {
      const { site, kvs } = setup();
      site.scopeErrorShape = '403';
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
    });
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
