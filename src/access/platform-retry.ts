import { InvocationError, InvocationErrorCode } from '@forge/events';

/**
 * Hands the rest of a post-function to the platform's retry: the platform re-delivers the event after
 * `retryAfter` seconds, at most 4 times, with `retryAfter` capped at 900 s
 * (https://developer.atlassian.com/platform/forge/events-reference/product_events/).
 */
export const MAX_PLATFORM_RETRIES = 4;

/**
 * Where sleeping stops paying (docs/proof.md, "Where a wait is slept"). Forge bills a function's duration in
 * GB-seconds, asleep or not (https://developer.atlassian.com/platform/forge/forge-platform-pricing/), while a
 * wait handed to the platform's retry costs no compute until the event is delivered again; that delivery pays a
 * fresh invocation (start, settings read, claim take-over and a check of what an earlier delivery did: about
 * half a second and three KVS round trips). Jira's per-second burst limits ask for 1 or 2 seconds
 * (https://developer.atlassian.com/cloud/jira/platform/rate-limiting/): a post-function sleeps those, so its
 * effect lands within seconds, and hands anything longer (a per-issue write limit, the hourly quota) to the
 * platform, where the wait is free and nobody is watching: the transition is already done.
 */
export const POST_FUNCTION_MAX_SLEEP_MS = 3_000;

/**
 * Validators cannot be handed to the platform: Jira waits for their answer while the person sits at the
 * transition dialog. They sleep waits up to this line, because the only alternative is the failure policy
 * (blocking, or letting the transition through unchecked); a longer wait is not slept: the validator answers at
 * once by its failure policy, and a block tells the person how many seconds to wait before trying again.
 */
export const VALIDATOR_MAX_SLEEP_MS = 10_000;
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
