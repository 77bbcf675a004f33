import { buildPostFunctionEvent, isInvocationError, runPlatformRetry, startInvocation } from '../harness';
import { RATE_LIMIT_HEADER_VARIANTS, type RateLimitHeaders, type RateLimitReason } from '../emulator/faults';
import { APP } from '../../src/access/actor';
import { route } from '../../src/access/route';
import { openSession } from '../../src/access/session';
import { commentPostFunction } from '../../src/rules/comment';
import { seedSite } from '../support/seed';

/**
 * Jira's answers as real sites give them, not only as the emulator's defaults do (test/emulator/FIDELITY.md,
 * "Platform variants"). The waits are the test's own reading of the headers each variant sends: the app may never
 * send the next request sooner, and must settle (answer or hand over) without hanging.
 */

const readIssue = () =>
  openSession('test/platform-variants')
    .jira(APP)
    .requestJira(route`/rest/api/3/issue/${'OPS-1'}?fields=${'summary'}`);

const REASONS: ReadonlyArray<{ reason: RateLimitReason; seconds: number }> = [
  { reason: 'jira-burst-based', seconds: 2 },
  { reason: 'jira-per-issue-on-write', seconds: 3 },
  { reason: 'jira-quota-tenant-based', seconds: 600 },
];

/**
 * The least wait the headers of a variant allow: the named time when there is one; one burst window (1 s) when
 * nothing is named; the whole hour of the quota policy when only the 2026 beta names came (the policy says
 * `w=3600` and nothing says when the window started).
 */
function leastWaitMs(variant: RateLimitHeaders, seconds: number): number {
  if (variant === 'nothing-named') return 1_000;
  if (variant === 'beta-names-only') return 3_600_000;
  return seconds * 1000;
}

/** The invocation's 25 s less the 3 s the app keeps back (retry-policy.ts RETRY_LIMITS.reserveMs). */
const FITS_IN_INVOCATION_MS = 22_000;

describe('429 in every header variant: never sooner than Jira allows, never hanging', () => {
  afterEach(() => jest.useRealTimers());

  const cases = RATE_LIMIT_HEADER_VARIANTS.flatMap((variant) =>
    REASONS.map(({ reason, seconds }) => [variant, reason, seconds] as const),
  );

  it.each(cases)('%s, %s', async (variant, reason, seconds) => {
    jest.useFakeTimers();
    const { site, kvs } = seedSite();
    site.faults.inject({
      match: { operationId: 'getIssue' },
      response: { kind: 'rateLimit', reason, retryAfterSeconds: seconds, headers: variant },
    });
    const invocation = startInvocation({ site, kvs });
    try {
      let settled: { ok: true } | { ok: false; code?: string; waitMs?: number } | undefined;
      void readIssue().then(
        () => (settled = { ok: true }),
        (e: { code?: string; details?: { retryAfterMs?: number } }) =>
          (settled = { ok: false, code: e.code, waitMs: e.details?.retryAfterMs }),
      );
      await jest.advanceTimersByTimeAsync(25_000);
      const least = leastWaitMs(variant, seconds);
      const [first, second] = site.calls;
      if (least <= FITS_IN_INVOCATION_MS - 1_000) {
        expect({ settled, statuses: site.calls.map((c) => c.status) }).toEqual({
          settled: { ok: true },
          statuses: [429, 200],
        });
        expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(least);
      } else {
        // Too long to wait here: one request, then handed back with at least the wait Jira asked for.
        expect({ settled: settled && { ...settled, waitMs: undefined }, calls: site.calls.length }).toEqual({
          settled: { ok: false, code: 'RATE_LIMITED', waitMs: undefined },
          calls: 1,
        });
        expect(settled && !settled.ok ? settled.waitMs : 0).toBeGreaterThanOrEqual(least);
      }
    } finally {
      invocation.end();
    }
  });

  it.each(RATE_LIMIT_HEADER_VARIANTS)(
    'a post-function under a quota 429 (%s) waits it out or hands it to the platform, then comments once',
    async (variant) => {
      const { site, kvs } = seedSite();
      site.faults.inject({
        match: { operationId: 'addComment' },
        response: {
          kind: 'rateLimit',
          reason: 'jira-quota-tenant-based',
          retryAfterSeconds: 900,
          headers: variant,
        },
      });
      const event = buildPostFunctionEvent(site, {
        issueKey: 'OPS-1',
        transitionId: '11',
        configuration: JSON.stringify({ template: 'Moved' }),
      });
      const report = await runPlatformRetry(commentPostFunction, event, { site, kvs, budgetMs: 5_000 });
      const [first] = report.deliveries;
      // Nothing names a wait or a quota: one burst window within the invocation. Otherwise the longest the
      // platform allows (900 s), as every variant asks for at least that long.
      expect(isInvocationError(first?.result) ? first.result.retryOptions : 'answered').toEqual(
        variant === 'nothing-named'
          ? 'answered'
          : expect.objectContaining({ retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED', retryAfter: 900 }),
      );
      expect(site.issue('OPS-1').comments).toHaveLength(1);
    },
  );
});
