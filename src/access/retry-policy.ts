/**
 * When to retry a Jira call, and how long to wait first. Pure: the client feeds it what happened and the time left.
 * Jira's guidance (https://developer.atlassian.com/cloud/jira/platform/rate-limiting/): on 429 wait at least
 * Retry-After (or until X-RateLimit-Reset), back off exponentially with jitter, and treat the RateLimit-Reason
 * kinds differently: a burst clears in seconds, a per-issue write limit clears per issue, a quota only after its
 * window, so a long wait is handed to the platform's own retry instead of burning the invocation.
 */
export interface AttemptOutcome {
  /** 1 for the first attempt. */
  attempt: number;
  status?: number; // undefined: the request failed without an answer (network error)
  headers?: { get(name: string): string | null };
  /** Network errors and ambiguous 5xx are retried only for requests that are safe to repeat. */
  idempotent: boolean;
}

export interface RetryContext {
  now: number;
  /** Milliseconds this invocation may still spend waiting and calling. */
  remainingMs: number;
  random: () => number;
  /**
   * The longest wait this invocation sleeps before asking again (src/access/platform-retry.ts draws the line);
   * a longer one ends the attempts with the wait named, for the platform's retry or the failure policy.
   */
  maxWaitMs?: number;
}

export type RetryDecision =
  | { retry: true; delayMs: number }
  | { retry: false; reason: 'not-retryable' | 'attempts-exhausted' }
  | { retry: false; reason: 'budget-exhausted'; waitMs: number };

export const RETRY_LIMITS = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 10_000,
  /** Time kept back for one more request and for writing the audit entry. */
  reserveMs: 3_000,
} as const;

const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);
/**
 * A write is repeated within the invocation only after a 429: Jira refused it before doing anything. Any 5xx may
 * come after Jira applied the write (a 503 too: HTTP does not promise otherwise), so that write goes to the
 * platform's retry, whose delivery looks for the effect before making it again.
 */
const RETRYABLE_WRITE_STATUSES = new Set([429]);

/**
 * Without a named wait, a 429 is held off one full second, the window of Jira's per-second burst limits
 * (https://developer.atlassian.com/cloud/jira/platform/rate-limiting/, "Request rate limits (per-second)").
 */
const UNNAMED_RATE_LIMIT_WAIT_MS = 1_000;
/** The points quota is counted per hour (same page, "Points-based quota (per-hour)"). */
const QUOTA_WINDOW_S = 3_600;

type Headers = AttemptOutcome['headers'];

/**
 * Why Jira refused: `RateLimit-Reason` (the rate-limiting page), or `X-Beta-RateLimit-Reason`, the only name
 * some 2026 answers carry (community traces, forge-facts.md §8 and its addendum).
 */
export function rateLimitReason(headers: Headers): string | undefined {
  return headers?.get('ratelimit-reason') ?? headers?.get('x-beta-ratelimit-reason') ?? undefined;
}

/**
 * An instant a reset header names: ISO-8601 as documented (seconds optional, `yyyy-MM-ddTHH:mmZ`), or a
 * number: epoch seconds (as other APIs send it), epoch milliseconds, or small enough to be seconds from now.
 */
function resetAt(value: string, now: number): number {
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    const n = Number(trimmed);
    if (n >= 1e12) return n;
    if (n >= 1e9) return n * 1000;
    return now + n * 1000;
  }
  return Date.parse(trimmed);
}

/**
 * The earliest time Jira allows the next request, in ms from now (0 when Jira named none): the latest of
 * Retry-After (seconds or an HTTP date), X-RateLimit-Reset and the X-Beta-RateLimit-Reset of 2026 traces.
 */
export function serverWaitMs(headers: Headers, now: number): number {
  if (!headers) return 0;
  const waits: number[] = [];
  const retryAfter = headers.get('retry-after');
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    waits.push(Number.isFinite(seconds) ? seconds * 1000 : Date.parse(retryAfter) - now);
  }
  for (const name of ['x-ratelimit-reset', 'x-beta-ratelimit-reset']) {
    const reset = headers.get(name);
    if (reset) waits.push(resetAt(reset, now) - now);
  }
  const named = waits.filter(Number.isFinite);
  return named.length ? Math.max(0, Math.ceil(Math.max(...named))) : 0;
}

/** The quota window `w` (seconds) of `Beta-RateLimit-Policy: "tenant-app-quota";q=…;w=3600`, if named. */
function quotaWindowS(headers: Headers): number | undefined {
  const window = /;\s*w=(\d+)/.exec(headers?.get('beta-ratelimit-policy') ?? '')?.[1];
  return window === undefined ? undefined : Number(window);
}

/**
 * How long a 429 asks to wait. When Jira names no time, a quota (its reason says so, or only a quota policy
 * came) is waited out for its whole window, which hands it to the platform's retry; anything else for one
 * burst window. Never sooner than Jira allows, and never a guess of zero.
 */
function rateLimitWaitMs(headers: Headers, now: number): number {
  const named = serverWaitMs(headers, now);
  if (named > 0) return named;
  const window = quotaWindowS(headers);
  const quota = /quota/i.test(rateLimitReason(headers) ?? '') || window !== undefined;
  return quota ? (window ?? QUOTA_WINDOW_S) * 1000 : UNNAMED_RATE_LIMIT_WAIT_MS;
}

export function decideRetry(outcome: AttemptOutcome, context: RetryContext): RetryDecision {
  const networkError = outcome.status === undefined;
  const statuses = outcome.idempotent ? RETRYABLE_STATUSES : RETRYABLE_WRITE_STATUSES;
  const retryable = networkError ? outcome.idempotent : statuses.has(outcome.status ?? 0);
  if (!retryable) return { retry: false, reason: 'not-retryable' };
  const floor =
    outcome.status === 429
      ? rateLimitWaitMs(outcome.headers, context.now)
      : serverWaitMs(outcome.headers, context.now);
  if (outcome.attempt >= RETRY_LIMITS.maxAttempts) {
    return { retry: false, reason: 'attempts-exhausted' };
  }
  const backoffCap = Math.min(RETRY_LIMITS.maxDelayMs, RETRY_LIMITS.baseDelayMs * 2 ** (outcome.attempt - 1));
  // Full jitter above the server's floor: never earlier than Jira allows, spread out to avoid herds.
  const delayMs = Math.ceil(floor + context.random() * backoffCap);
  if (delayMs > (context.maxWaitMs ?? Infinity) || delayMs + RETRY_LIMITS.reserveMs > context.remainingMs) {
    return { retry: false, reason: 'budget-exhausted', waitMs: Math.max(floor, delayMs) };
  }
  return { retry: true, delayMs };
}
