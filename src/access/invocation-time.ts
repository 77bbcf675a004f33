import { getAppContext } from '@forge/api';
import { RETRY_LIMITS } from './retry-policy';

/**
 * Milliseconds left before Forge ends this invocation (25 s for functions and resolvers,
 * https://developer.atlassian.com/platform/forge/limits-invocation/).
 */
export const remainingMs = (): number => getAppContext().invocationRemainingTimeInMillis();

/**
 * An abort signal that fires when the invocation is about to run out of time, leaving room to record the outcome:
 * a request that is slow to answer then fails like a network error instead of the platform killing the function
 * (which would leave no audit entry and hand the effect to the next delivery only after the claim expires).
 */
export function deadlineSignal(): { signal: AbortSignal; clear(): void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), Math.max(0, remainingMs() - RETRY_LIMITS.reserveMs / 3));
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}
