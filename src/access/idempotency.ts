import { remainingMs } from './invocation-time';
import type { KeyValueStore } from './kv-store';
import { storageKeys } from './storage-keys';

/**
 * At-most-once effects for post-functions. Jira may deliver the same post-function event twice, and the platform
 * re-delivers it after an InvocationError (https://developer.atlassian.com/platform/forge/events-reference/product_events/);
 * `transition.executionId` is the same for all post-functions of one transition, so (executionId, post-function id)
 * names one effect.
 *
 * Every claim, the first and each take-over, is the atomic creation of its own key (`keyPolicy: 'FAIL_IF_EXISTS'`,
 * https://developer.atlassian.com/platform/forge/storage-reference/kvs-api/#kvs-set): attempt n+1 may be created
 * only once attempt n was released or went stale, and of two deliveries that find it so together (a platform retry
 * and Jira's duplicate), only one creates it. Only a claim's owner writes to its key afterwards. The KVS has no
 * compare-and-set on an existing key, and its transactions take conditions only for custom entities
 * (https://developer.atlassian.com/platform/forge/storage-reference/kvs-transactions/).
 */
type Marker = { schemaVersion?: number } & (
  | { state: 'running'; since: number; until: number }
  | { state: 'released'; since: number }
  | { state: 'done'; since: number; summary: string }
);

/** Markers carry `schemaVersion` 2. Shape 1 had none; its first form of a running claim had no `until`. */
const MARKER_VERSION = 2;
const FIRST_LEASE_MS = 60_000; // how long a claim of the first form held

/** A marker from a newer version reads as a claim still running: never taken over, so never applied twice. */
function readMarker(raw: unknown): Marker | undefined {
  const marker = raw as (Marker & { until?: number }) | undefined;
  if (!marker) return undefined;
  if ((marker.schemaVersion ?? 1) > MARKER_VERSION) return { state: 'running', since: 0, until: Infinity };
  if (marker.state === 'running' && typeof marker.until !== 'number')
    return { ...marker, until: marker.since + FIRST_LEASE_MS };
  return marker;
}

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
  // A running claim lasts until its invocation's deadline: past it, Forge has ended that invocation (a timeout
  // the platform retries), so the claim is stale and the next delivery takes over.
  const running: Marker = {
    schemaVersion: MARKER_VERSION,
    state: 'running',
    since: now,
    until: now + remainingMs(),
  };
  const options = { ttlDays: MARKER_TTL_DAYS };
  // Each attempt's key exists only because a delivery claimed it, so the walk ends at the first free one.
  for (let attempt = 0; ; attempt += 1) {
    const key = storageKeys.effect(executionId, postFunctionId, attempt);
    if (await store.setIfAbsent(key, running, options)) {
      return {
        kind: 'claimed',
        resumed: attempt > 0,
        complete: (summary) =>
          store.set<Marker>(
            key,
            { schemaVersion: MARKER_VERSION, state: 'done', since: Date.now(), summary },
            options,
          ),
        // After handing over to a platform retry: the next delivery may take over at once.
        release: () =>
          store.set<Marker>(
            key,
            { schemaVersion: MARKER_VERSION, state: 'released', since: Date.now() },
            options,
          ),
      };
    }
    const marker = readMarker(await store.get(key));
    if (marker?.state === 'done') return { kind: 'duplicate', state: 'done', summary: marker.summary };
    if (marker?.state === 'running' && now <= marker.until) return { kind: 'duplicate', state: 'running' };
  }
}
