import { buildPostFunctionEvent, isInvocationError, runPlatformRetry, runValidator } from '../harness';
import { POST_FUNCTION_MAX_SLEEP_MS, VALIDATOR_MAX_SLEEP_MS } from '../../src/access/platform-retry';
import { commentPostFunction } from '../../src/rules/comment';
import { fieldsRequirementValidator } from '../../src/rules/fields-requirement';
import { auditEntries } from '../support/audit';
import { seedSite } from '../support/seed';

/**
 * Where a wait is slept and where it is handed over (src/access/platform-retry.ts, docs/proof.md): a post-function
 * sleeps Jira's short burst waits and hands longer ones to the platform's retry, which bills no compute while it
 * waits; a validator, which the platform cannot retry, sleeps up to its own line and otherwise answers at once.
 */

type Seeded = ReturnType<typeof seedSite>;

const rateLimitOnce = ({ site }: Seeded, operationId: string, retryAfterSeconds: number) =>
  site.faults.inject({
    match: { operationId },
    times: 1,
    response: { kind: 'rateLimit', reason: 'jira-per-issue-on-write', retryAfterSeconds },
  });

const commentEvent = ({ site }: Seeded) =>
  buildPostFunctionEvent(site, {
    issueKey: 'OPS-1',
    transitionId: '11',
    atlassianId: 'dev',
    configuration: JSON.stringify({ template: 'Moved by {{user}}' }),
  });

const appComments = ({ site }: Seeded) =>
  site.issue('OPS-1').comments.filter((c) => c.author === site.appBot.accountId);

describe('a post-function sleeps short waits and hands long ones to the platform', () => {
  it(`sleeps a Retry-After of 1 s (at most ${POST_FUNCTION_MAX_SLEEP_MS / 1000} s) and comments in the same delivery`, async () => {
    const seeded = seedSite();
    rateLimitOnce(seeded, 'addComment', 1);
    const started = Date.now();
    const report = await runPlatformRetry(commentPostFunction, commentEvent(seeded), seeded);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(report.deliveries).toHaveLength(1);
    expect(appComments(seeded)).toHaveLength(1);
    const adds = seeded.site.calls.filter((c) => c.operationId === 'addComment');
    expect(adds.map((c) => c.status)).toEqual([429, 201]);
  });

  it('hands a Retry-After of 20 s to the platform at once, without sleeping, and comments on the retry', async () => {
    const seeded = seedSite();
    rateLimitOnce(seeded, 'addComment', 20);
    const waits: number[] = [];
    const started = Date.now();
    const report = await runPlatformRetry(commentPostFunction, commentEvent(seeded), {
      ...seeded,
      wait: (ms) => waits.push(ms),
    });
    // No second attempt inside the first invocation: it ended as soon as Jira named the wait.
    expect(Date.now() - started).toBeLessThan(POST_FUNCTION_MAX_SLEEP_MS);
    const first = report.deliveries[0]?.result;
    expect(isInvocationError(first) && first.retryOptions).toMatchObject({
      retryAfter: expect.any(Number) as number,
      retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED',
    });
    expect(isInvocationError(first) && first.retryOptions.retryAfter).toBeGreaterThanOrEqual(20);
    expect(waits[0]).toBeGreaterThanOrEqual(20_000);
    expect(report.deliveries).toHaveLength(2);
    expect(appComments(seeded)).toHaveLength(1);
    expect(auditEntries(seeded.kvs).map((e) => e.outcome)).toEqual(['applied', 'retrying']);
  });
});

describe('a validator, which the platform cannot retry, sleeps up to its line and otherwise answers at once', () => {
  const payload = {
    issue: { key: 'OPS-1' },
    configuration: JSON.stringify({
      requirements: [{ fieldId: 'duedate', fieldName: 'Due date', condition: 'not-empty' }],
    }),
    transition: { from: { id: '1' }, to: { id: '3' } },
  };

  it('sleeps a Retry-After of 2 s and answers from Jira', async () => {
    const seeded = seedSite();
    seeded.site.issues.get('OPS-1')!.fields = { ...seeded.site.issue('OPS-1').fields, duedate: '2026-12-24' };
    rateLimitOnce(seeded, 'getIssue', 2);
    const started = Date.now();
    expect(await runValidator(fieldsRequirementValidator, payload, seeded)).toEqual({ result: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
    expect(seeded.site.calls.map((c) => c.status)).toEqual([429, 200]);
  });

  it(`does not sleep a Retry-After of 15 s (over ${VALIDATOR_MAX_SLEEP_MS / 1000} s): it blocks at once and says when to try again`, async () => {
    const seeded = seedSite();
    rateLimitOnce(seeded, 'getIssue', 15);
    const started = Date.now();
    const result = await runValidator(fieldsRequirementValidator, payload, seeded);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(result).toEqual({
      result: false,
      errorMessage: expect.stringMatching(
        /^Workflow Guard could not check this transition, so it was blocked\. Jira is busy right now \(rate limit\)\. Please try again in about 1[56] seconds\.$/,
      ) as string,
    });
    expect(seeded.site.calls.map((c) => c.status)).toEqual([429]);
  });
});
