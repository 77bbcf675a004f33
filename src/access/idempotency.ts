import type { KeyValueStore } from './kv-store';
import { storageKeys } from './storage-keys';

/**
 * At-most-once effects for post-functions. Jira may deliver the same post-function event twice, and the platform
 * re-delivers it after an InvocationError (https://developer.atlassian.com/platform/forge/events-reference/product_events/);
 * `transition.executionId` is the same for all post-functions of one transition, so (executionId, post-function id)
 * names one effect.
 */
type Marker =
  | { state: 'running'; since: number }
  | { state: 'released'; since: number }
  | { state: 'done'; since: number; summary: string };

export type Claim =
  | { kind: 'claimed'; complete(summary: string): Promise<void>; release(): Promise<void> }
  | { kind: 'duplicate'; state: 'done' | 'running'; summary?: string };

/** A claim older than this is from an invocation that died: Forge ends functions after 25 s (limits-invocation). */
export const CLAIM_LEASE_MS = 60_000;
const MARKER_TTL_DAYS = 7;

export async function claimEffect(
  store: KeyValueStore,
  executionId: string,
  postFunctionId: string,
  now: number,
): Promise<Claim> {
  const key = storageKeys.effect(executionId, postFunctionId);
  const running: Marker = { state: 'running', since: now };
  const claimed = (): Claim => ({
    kind: 'claimed',
    complete: (summary) =>
      store.set<Marker>(key, { state: 'done', since: Date.now(), summary }, { ttlDays: MARKER_TTL_DAYS }),
    // After handing over to a platform retry: the next delivery may claim at once.
    release: () =>
      store.set<Marker>(key, { state: 'released', since: Date.now() }, { ttlDays: MARKER_TTL_DAYS }),
  });
  if (await store.setIfAbsent(key, running, { ttlDays: MARKER_TTL_DAYS })) return claimed();
  const marker = await store.get<Marker>(key);
  if (marker?.state === 'done') return { kind: 'duplicate', state: 'done', summary: marker.summary };
  if (marker?.state === 'running' && now - marker.since < CLAIM_LEASE_MS)
    return { kind: 'duplicate', state: 'running' };
  await store.set(key, running, { ttlDays: MARKER_TTL_DAYS });
  return claimed();
}
