import {
  buildPostFunctionEvent,
  isInvocationError,
  MemoryKvs,
  runPlatformRetry,
  runPostFunction,
  startInvocation,
  withInvocation,
} from '../harness';
import { MAX_TTL_GRACE_MS } from '../harness/kvs';
import { claimEffect } from '../../src/access/idempotency';
import { forgeStore } from '../../src/access/kv-store';
import { auditEntries } from '../support/audit';
import { RATE_LIMIT_HEADER_VARIANTS, type RateLimitHeaders, type RateLimitReason } from '../emulator/faults';
import { APP } from '../../src/access/actor';
import { route } from '../../src/access/route';
import { openSession } from '../../src/access/session';
import { commentPostFunction } from '../../src/rules/comment';
import { setFieldsPostFunction } from '../../src/rules/set-fields';
import { transitionRelatedPostFunction } from '../../src/rules/transition-related';
import { SET_FIELDS_OPERATIONS, seedFieldsToSet, seedSite, seedSubTasks } from '../support/seed';
import type { JiraSite } from '../emulator';

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

/** Status changes in an issue's history. */
const moves = (site: JiraSite, key: string) =>
  site.issue(key).history.filter((change) => change.items.some((item) => item.field === 'status')).length;

/**
 * Every post-function that writes to Jira, with the full invocation budget (so the app could retry within the
 * invocation), its write answered 5xx after Jira applied it: each effect still exists exactly once.
 */
const WRITERS = [
  {
    name: 'comment',
    seed: seedSite,
    handler: commentPostFunction,
    issueKey: 'OPS-1',
    transitionId: '11',
    configuration: { template: 'Moved' },
    write: 'addComment',
    effects: (site: JiraSite) => ({ comments: site.issue('OPS-1').comments.length }),
  },
  {
    name: 'set fields',
    seed: seedFieldsToSet,
    handler: setFieldsPostFunction,
    issueKey: 'OPS-2',
    transitionId: '21',
    configuration: { operations: SET_FIELDS_OPERATIONS },
    write: 'editIssue',
    effects: (site: JiraSite) => ({ edits: site.issue('OPS-2').history.length }),
  },
  {
    name: 'transition related',
    seed: seedSubTasks,
    handler: transitionRelatedPostFunction,
    issueKey: 'OPS-1',
    transitionId: '21',
    configuration: { target: 'sub-tasks', transitionName: 'Done' },
    write: 'doTransition',
    effects: (site: JiraSite) => ({
      'OPS-2 moves': moves(site, 'OPS-2'),
      'OPS-3 moves': moves(site, 'OPS-3'),
    }),
  },
] as const;

describe('a write Jira applied and answered 5xx: every post-function stays exactly once', () => {
  it.each(
    WRITERS.flatMap((w) => ([500, 502, 503, 504] as const).map((status) => [w.name, status, w] as const)),
  )('%s, %s after applying', async (_name, status, writer) => {
    const { site, kvs } = writer.seed();
    site.faults.inject({
      match: { operationId: writer.write },
      response: { kind: 'appliedThenServerError', status },
    });
    const event = buildPostFunctionEvent(site, {
      issueKey: writer.issueKey,
      transitionId: writer.transitionId,
      atlassianId: 'dev',
      configuration: JSON.stringify(writer.configuration),
    });
    const report = await runPlatformRetry(writer.handler, event, { site, kvs });
    const once = Object.fromEntries(Object.keys(writer.effects(site)).map((key) => [key, 1]));
    expect({ effects: writer.effects(site), exhausted: report.exhausted }).toEqual({
      effects: once,
      exhausted: false,
    });
    expect(site.calls.filter((c) => c.operationId === writer.write).some((c) => c.status === status)).toBe(
      true,
    );
  });
});

const DAY_MS = 24 * 3600 * 1000;

/**
 * KVS TTL as the docs describe it: an expired value may still be read for up to 48 hours
 * (https://developer.atlassian.com/platform/forge/storage-reference/kvs-api/, "Time-to-live (TTL)"). The app keeps
 * TTLs on its effect claims and marks (7 days), the audit log and settings revisions (90 days); none of its
 * decisions may take an expired claim for a live one.
 */
describe('expired values still readable for 48 hours (KVS TTL grace)', () => {
  let offset = 0;
  beforeEach(() => {
    offset = 0;
    const realNow = Date.now.bind(Date);
    jest.spyOn(Date, 'now').mockImplementation(() => realNow() + offset);
  });
  afterEach(() => jest.restoreAllMocks());

  const graceKvs = () => {
    const kvs = new MemoryKvs();
    kvs.ttlGraceMs = MAX_TTL_GRACE_MS;
    return kvs;
  };

  it('keeps an expired value readable through the grace, then deletes it', async () => {
    const { site } = seedSite();
    const kvs = graceKvs();
    const read = () => withInvocation({ site, kvs }, () => forgeStore.get('probe'));
    await withInvocation({ site, kvs }, () => forgeStore.set('probe', 'v', { ttlDays: 1 }));
    offset = DAY_MS + MAX_TTL_GRACE_MS - 60_000;
    expect(await read()).toBe('v');
    offset = DAY_MS + MAX_TTL_GRACE_MS;
    expect(await read()).toBeUndefined();
  });

  it('takes over a running claim whose invocation ended, though its expired marker is still readable', async () => {
    const { site } = seedSite();
    const kvs = graceKvs();
    const claim = () =>
      withInvocation({ site, kvs }, async () => {
        const c = await claimEffect(forgeStore, 'execution-1', 'pf-1', Date.now());
        return c.kind === 'claimed' ? { kind: c.kind, resumed: c.resumed } : { kind: c.kind };
      });
    expect(await claim()).toEqual({ kind: 'claimed', resumed: false });
    // Eight days on: past the marker's 7-day TTL, inside the 48-hour grace. The invocation that claimed it is long
    // over, so the effect is this delivery's to resume (and to check for what was already done).
    offset = 8 * DAY_MS;
    expect(await claim()).toEqual({ kind: 'claimed', resumed: true });
  });

  it('applies a post-function once when the platform re-delivers it with its expired mark still readable', async () => {
    const { site } = seedSite();
    const kvs = graceKvs();
    const event = buildPostFunctionEvent(site, {
      issueKey: 'OPS-1',
      transitionId: '11',
      configuration: JSON.stringify({ template: 'Moved' }),
    });
    await runPostFunction(commentPostFunction, event, { site, kvs });
    offset = 7 * DAY_MS + 3_600_000;
    await runPostFunction(commentPostFunction, event, { site, kvs });
    expect(site.issue('OPS-1').comments).toHaveLength(1);
    expect(
      auditEntries(kvs)
        .map((e) => e.outcome)
        .sort(),
    ).toEqual(['applied', 'skipped']);
  });
});
