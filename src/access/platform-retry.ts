import { InvocationError, InvocationErrorCode } from '@forge/events';

/**
 * Hands the rest of a post-function to the platform's retry: the platform re-delivers the event after
 * `retryAfter` seconds, at most 4 times, with `retryAfter` capped at 900 s
 * (https://developer.atlassian.com/platform/forge/events-reference/product_events/).
 */
export const MAX_PLATFORM_RETRIES = 4;
const MAX_RETRY_AFTER_S = 900;

export function platformRetry(
  waitMs: number,
  rateLimited: boolean,
  retryData: Record<string, unknown>,
): InvocationError {
  return new InvocationError({
    retryAfter: Math.min(MAX_RETRY_AFTER_S, Math.max(1, Math.ceil(waitMs / 1000))),
    retryReason: rateLimited
      ? InvocationErrorCode.FUNCTION_UPSTREAM_RATE_LIMITED
      : InvocationErrorCode.FUNCTION_RETRY_REQUEST,
    retryData,
  });
}
