import { buildPostFunctionEvent, runPlatformRetry, runValidator } from '../harness';
import type { FaultResponse } from '../emulator/faults';
import type { JiraSite } from '../emulator';
import type { MemoryKvs } from '../harness';
import { commentPostFunction } from '../../src/rules/comment';
import { fieldsRequirementValidator } from '../../src/rules/fields-requirement';
import { auditEntries } from '../support/audit';
import { seedSite } from '../support/seed';

/**
 * Every call of every rule, hit by every kind of fault once. A small time budget sends transient faults straight to
 * the platform's retry (the in-invocation retries are proven in test/access/retries.test.ts), so the suite is fast.
 */
const BUDGET_MS = 2_500;

const TRANSIENT: Record<string, FaultResponse> = {
  '429 burst': { kind: 'rateLimit', reason: 'jira-burst-based', retryAfterSeconds: 2 },
  '429 per-issue write': { kind: 'rateLimit', reason: 'jira-per-issue-on-write', retryAfterSeconds: 2 },
  '429 quota': { kind: 'rateLimit', reason: 'jira-quota-tenant-based', retryAfterSeconds: 600 },
  '500': { kind: 'serverError', status: 500 },
  '503': { kind: 'serverError', status: 503 },
  timeout: { kind: 'latency', ms: BUDGET_MS + 200 },
};
const PERMANENT: Record<string, FaultResponse> = {
  'needs authentication': { kind: 'needsAuthentication' },
};
/** Jira applied the call but its answer never arrived: a retry must find the effect instead of repeating it. */
const LOST_ANSWER: FaultResponse = { kind: 'lostAnswer' };

interface PostFunctionScenario {
  name: string;
  run(site: JiraSite, kvs: MemoryKvs): ReturnType<typeof runPlatformRetry>;
  effects(site: JiraSite): number;
}

const postFunctions: PostFunctionScenario[] = [
  {
    name: 'comment as the transitioning user',
    run: (site, kvs) =>
      runPlatformRetry(
        commentPostFunction,
        buildPostFunctionEvent(site, {
          issueKey: 'OPS-1',
          transitionId: '11',
          atlassianId: 'dev',
          configuration: JSON.stringify({ template: 'Moved', actor: 'transitioning-user' }),
        }),
        { site, kvs, budgetMs: BUDGET_MS },
      ),
    effects: (site) => site.issue('OPS-1').comments.length,
  },
];

/** The operations a clean run calls, in order: each one gets each fault. */
async function callsOf(scenario: PostFunctionScenario): Promise<string[]> {
  const { site, kvs } = seedSite();
  await scenario.run(site, kvs);
  return site.calls.map((c) => c.operationId ?? c.path);
}

describe('fault injection at every call of every post-function', () => {
  for (const scenario of postFunctions) {
    it(`${scenario.name}: transient faults lose and double nothing; each is audited`, async () => {
      const operations = await callsOf(scenario);
      expect(operations.length).toBeGreaterThan(0);
      for (const operationId of operations) {
        for (const [fault, response] of Object.entries(TRANSIENT)) {
          const { site, kvs } = seedSite();
          site.faults.inject({ match: { operationId }, response });
          const report = await scenario.run(site, kvs);
          const context = `${fault} at ${operationId}`;
          expect({ context, effects: scenario.effects(site), exhausted: report.exhausted }).toEqual({
            context,
            effects: 1,
            exhausted: false,
          });
          const outcomes = auditEntries(kvs).map((e) => e.outcome);
          expect({ context, outcomes }).toEqual({ context, outcomes: ['applied', 'retrying'] });
        }
      }
    });

    it(`${scenario.name}: a write whose answer was lost is not repeated by the retry`, async () => {
      for (const operationId of await callsOf(scenario)) {
        const { site, kvs } = seedSite();
        site.faults.inject({ match: { operationId }, response: LOST_ANSWER });
        const report = await scenario.run(site, kvs);
        expect({ operationId, effects: scenario.effects(site), exhausted: report.exhausted }).toEqual({
          operationId,
          effects: 1,
          exhausted: false,
        });
      }
    });

    it(`${scenario.name}: permanent faults are never silent`, async () => {
      for (const operationId of await callsOf(scenario)) {
        for (const [fault, response] of Object.entries(PERMANENT)) {
          const { site, kvs } = seedSite();
          site.faults.inject({ match: { operationId }, response });
          await scenario.run(site, kvs);
          const [entry] = auditEntries(kvs);
          expect({
            fault,
            operationId,
            effects: scenario.effects(site),
            outcome: entry?.outcome,
            code: entry?.error?.code,
          }).toEqual({
            fault,
            operationId,
            effects: 0,
            outcome: 'failed',
            code: 'NEEDS_AUTHENTICATION',
          });
        }
      }
    });
  }
});

describe('fault injection at every call of every function validator', () => {
  const payload = {
    issue: { key: 'OPS-1' },
    configuration: JSON.stringify({
      failurePolicy: 'block',
      requirements: [{ fieldId: 'description', fieldName: 'Description', condition: 'not-empty' }],
    }),
    transition: { from: { id: '1' }, to: { id: '3' } },
  };

  it('fields requirement: every fault ends in the configured policy with the failure audited', async () => {
    for (const [fault, response] of Object.entries({ ...TRANSIENT, ...PERMANENT })) {
      const { site, kvs } = seedSite();
      site.faults.inject({ match: { operationId: 'getIssue' }, times: Infinity, response });
      const result = await runValidator(fieldsRequirementValidator, payload, {
        site,
        kvs,
        budgetMs: BUDGET_MS,
      });
      const [entry] = auditEntries(kvs);
      expect({
        fault,
        result: result.result,
        blockedWith: result.errorMessage?.startsWith(
          'Workflow Guard could not check this transition, so it was blocked.',
        ),
        audited: entry?.error?.code !== undefined,
      }).toEqual({
        fault,
        result: false,
        blockedWith: true,
        audited: true,
      });
    }
  });
});
