import { remainingMs } from './invocation-time';
import type { KeyValueStore, StoredItem } from './kv-store';
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
type Marker =
  { state: 'running'; until: number } | { state: 'released' } | { state: 'done'; summary?: string };

/**
 * Markers are written in shape 3, as small as their job allows since Forge bills every byte written: a running
 * claim `{schemaVersion: 3, u: <deadline, epoch ms>}`, a released one `{schemaVersion: 3, r: 1}`, a done one
 * `{schemaVersion: 3}` (with `s`, its summary, only when marked done on its own). Shape 2 spelt the state out (`state`, `since`, `until`, and the summary when done); shape
 * 1 had no version, and its first form of a running claim no `until`. An earlier version reads shape 3 as a
 * claim of a newer version still running: it never takes it over, so a rollout never applies an effect twice.
 */
const MARKER_VERSION = 3;
const FIRST_LEASE_MS = 60_000; // how long a claim of the first form held

/** A marker from a newer version reads as a claim still running: never taken over, so never applied twice. */
function readMarker(raw: unknown): Marker | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const marker = raw as Record<string, unknown>;
  const version = typeof marker.schemaVersion === 'number' ? marker.schemaVersion : 1;
  if (version > MARKER_VERSION) return { state: 'running', until: Infinity };
  if (version === MARKER_VERSION) {
    if (typeof marker.u === 'number') return { state: 'running', until: marker.u };
    if (marker.r === 1) return { state: 'released' };
    return { state: 'done', ...(typeof marker.s === 'string' ? { summary: marker.s } : {}) };
  }
  const since = typeof marker.since === 'number' ? marker.since : 0;
  if (marker.state === 'running')
    return {
      state: 'running',
      until: typeof marker.until === 'number' ? marker.until : since + FIRST_LEASE_MS,
    };
  if (marker.state === 'done')
    return { state: 'done', ...(typeof marker.summary === 'string' ? { summary: marker.summary } : {}) };
  return { state: 'released' };
}

export type Claim =
  | {
      kind: 'claimed';
      /** An earlier delivery started this effect and did not finish it: it may have been partly applied. */
      resumed: boolean;
      /** The write that marks the effect done, for the execution's final transaction (with its audit entry). */
      completion: StoredItem<unknown> & { ttlDays: number };
      /** Marks the effect done on its own; a summary given is what a later duplicate delivery reports. */
      complete(summary?: string): Promise<void>;
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
  const running = { schemaVersion: MARKER_VERSION, u: now + remainingMs() };
  const options = { ttlDays: MARKER_TTL_DAYS };
  // Each attempt's key exists only because a delivery claimed it, so the walk ends at the first free one.
  for (let attempt = 0; ; attempt += 1) {
    const key = storageKeys.effect(executionId, postFunctionId, attempt);
    if (await store.setIfAbsent(key, running, options)) {
      const completion = { key, value: { schemaVersion: MARKER_VERSION }, ttlDays: MARKER_TTL_DAYS };
      return {
        kind: 'claimed',
        resumed: attempt > 0,
        completion,
        complete: (summary) =>
          store.set(key, { ...completion.value, ...(summary ? { s: summary } : {}) }, options),
        // After handing over to a platform retry: the next delivery may take over at once.
        release: () => store.set(key, { schemaVersion: MARKER_VERSION, r: 1 }, options),
      };
    }
    const marker = readMarker(await store.get(key));
    if (marker?.state === 'done')
      return { kind: 'duplicate', state: 'done', ...(marker.summary ? { summary: marker.summary } : {}) };
    if (marker?.state === 'running' && now <= marker.until) return { kind: 'duplicate', state: 'running' };
  }
}
