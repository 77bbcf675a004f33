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
/** A write that failed with 500/502/504 may have been applied; 429 and 503 mean Jira did not process it. */
const RETRYABLE_WRITE_STATUSES = new Set([429, 503]);

/** The earliest time Jira allows the next request, in ms from now (0 when Jira named none). */
export function serverWaitMs(headers: AttemptOutcome['headers'], now: number): number {
  if (!headers) return 0;
  const retryAfter = headers.get('retry-after');
  let wait = 0;
  if (retryAfter !== null) {
    const seconds = Number(retryAfter);
    wait = Number.isFinite(seconds) ? seconds * 1000 : Math.max(0, Date.parse(retryAfter) - now);
  }
  const reset = headers.get('x-ratelimit-reset');
  if (reset) {
    const resetAt = Date.parse(reset);
    if (Number.isFinite(resetAt)) wait = Math.max(wait, resetAt - now);
  }
  return Number.isFinite(wait) ? Math.max(0, Math.ceil(wait)) : 0;
}

export function decideRetry(outcome: AttemptOutcome, context: RetryContext): RetryDecision {
  const networkError = outcome.status === undefined;
  const statuses = outcome.idempotent ? RETRYABLE_STATUSES : RETRYABLE_WRITE_STATUSES;
  const retryable = networkError ? outcome.idempotent : statuses.has(outcome.status ?? 0);
  if (!retryable) return { retry: false, reason: 'not-retryable' };
  const floor = serverWaitMs(outcome.headers, context.now);
  if (outcome.attempt >= RETRY_LIMITS.maxAttempts) {
    return { retry: false, reason: 'attempts-exhausted' };
  }
  const backoffCap = Math.min(RETRY_LIMITS.maxDelayMs, RETRY_LIMITS.baseDelayMs * 2 ** (outcome.attempt - 1));
  // Full jitter above the server's floor: never earlier than Jira allows, spread out to avoid herds.
  const delayMs = Math.ceil(floor + context.random() * backoffCap);
  if (delayMs + RETRY_LIMITS.reserveMs > context.remainingMs) {
    return { retry: false, reason: 'budget-exhausted', waitMs: Math.max(floor, delayMs) };
  }
  return { retry: true, delayMs };
}
