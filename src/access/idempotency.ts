import { remainingMs } from './invocation-time';
import type { KeyValueStore } from './kv-store';
import { storageKeys } from './storage-keys';

/**
 * At-most-once effects for post-functions. Jira may deliver the same post-function event twice, and the platform
 * re-delivers it after an InvocationError (https://developer.atlassian.com/platform/forge/events-reference/product_events/);
 * `transition.executionId` is the same for all post-functions of one transition, so (executionId, post-function id)
 * names one effect.
 */
type Marker =
  | { state: 'running'; since: number; until: number }
  | { state: 'released'; since: number }
  | { state: 'done'; since: number; summary: string };

export type Claim =
  | {
      kind: 'claimed';
      /** An earlier delivery started this effect and did not finish it: it may have been partly applied. */
      resumed: boolean;
      complete(summary: string): Promise<void>;
      release(): Promise<void>;
    }
  | { kind: 'duplicate'; state: 'done' | 'running'; summary?: string };

const MARKER_TTL_DAYS = 7;

export async function claimEffect(
  store: KeyValueStore,
  executionId: string,
  postFunctionId: string,
  now: number,
): Promise<Claim> {
  const key = storageKeys.effect(executionId, postFunctionId);
  // A running claim lasts until its invocation's deadline: past it, Forge has ended that invocation (a timeout
  // the platform retries), so the claim is stale and the next delivery takes over.
  const running: Marker = { state: 'running', since: now, until: now + remainingMs() };
  const claimed = (resumed: boolean): Claim => ({
    kind: 'claimed',
    resumed,
    complete: (summary) =>
      store.set<Marker>(key, { state: 'done', since: Date.now(), summary }, { ttlDays: MARKER_TTL_DAYS }),
    // After handing over to a platform retry: the next delivery may claim at once.
    release: () =>
      store.set<Marker>(key, { state: 'released', since: Date.now() }, { ttlDays: MARKER_TTL_DAYS }),
  });
  if (await store.setIfAbsent(key, running, { ttlDays: MARKER_TTL_DAYS })) return claimed(false);
  const marker = await store.get<Marker>(key);
  if (marker?.state === 'done') return { kind: 'duplicate', state: 'done', summary: marker.summary };
  if (marker?.state === 'running' && now <= marker.until) return { kind: 'duplicate', state: 'running' };
  await store.set(key, running, { ttlDays: MARKER_TTL_DAYS });
  return claimed(true);
}
