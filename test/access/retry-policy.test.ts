import { decideRetry, RETRY_LIMITS, serverWaitMs } from '../../src/access/retry-policy';

const headers = (values: Record<string, string>) => ({
  get: (name: string) => values[name.toLowerCase()] ?? null,
});
const context = { now: Date.parse('2026-11-28T10:00:00Z'), remainingMs: 25_000, random: () => 0.5 };

describe('retry policy', () => {
  it('never retries a 429 before Retry-After', () => {
    const decision = decideRetry(
      { attempt: 1, status: 429, headers: headers({ 'retry-after': '2' }), idempotent: false },
      context,
    );
    expect(decision).toEqual({ retry: true, delayMs: 2000 + 0.5 * RETRY_LIMITS.baseDelayMs });
  });

  it('honours X-RateLimit-Reset when it is later than Retry-After', () => {
    const reset = new Date(context.now + 4_000).toISOString();
    expect(serverWaitMs(headers({ 'retry-after': '1', 'x-ratelimit-reset': reset }), context.now)).toBe(
      4_000,
    );
  });

  it('backs off exponentially with a cap when the server names no wait', () => {
    const delays = [1, 2, 3, 4, 5].map((attempt) => {
      const d = decideRetry({ attempt, status: 503, idempotent: true }, { ...context, random: () => 1 });
      return d.retry ? d.delayMs : -1;
    });
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000]);
  });

  it('hands the wait back when it does not fit in the invocation budget', () => {
    const decision = decideRetry(
      {
        attempt: 1,
        status: 429,
        headers: headers({ 'retry-after': '60', 'ratelimit-reason': 'jira-quota-tenant-based' }),
        idempotent: true,
      },
      context,
    );
    expect(decision).toEqual({ retry: false, reason: 'budget-exhausted', waitMs: 60_250 });
  });

  it('retries network errors only for idempotent requests', () => {
    expect(decideRetry({ attempt: 1, idempotent: true }, context).retry).toBe(true);
    expect(decideRetry({ attempt: 1, idempotent: false }, context)).toEqual({
      retry: false,
      reason: 'not-retryable',
    });
  });

  it('retries a write only when Jira certainly did not apply it (429): any 5xx may follow an applied write', () => {
    expect(decideRetry({ attempt: 1, status: 429, idempotent: false }, context).retry).toBe(true);
    for (const status of [500, 502, 503, 504]) {
      expect(decideRetry({ attempt: 1, status, idempotent: false }, context)).toEqual({
        retry: false,
        reason: 'not-retryable',
      });
    }
  });

  it('does not retry client errors, and stops after the attempt limit', () => {
    expect(decideRetry({ attempt: 1, status: 403, idempotent: true }, context)).toEqual({
      retry: false,
      reason: 'not-retryable',
    });
    expect(
      decideRetry({ attempt: RETRY_LIMITS.maxAttempts, status: 500, idempotent: true }, context),
    ).toEqual({
      retry: false,
      reason: 'attempts-exhausted',
    });
  });
});
