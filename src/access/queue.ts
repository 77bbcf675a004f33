import { Queue } from '@forge/events';
import { AccessFailure } from './failures';
import { z } from 'zod';

/**
 * The app's door to Forge async events (https://developer.atlassian.com/platform/forge/runtime-reference/async-events-api/):
 * work too long for one 25-second invocation is pushed as events to a queue whose `consumer` function may run for
 * up to 900 s. A push takes at most 50 events and 200 KB together; events are delivered at least once, retried
 * after a crash or timeout, and a consumer may ask for a retry by returning an InvocationError.
 */
export const MAX_EVENTS_PER_PUSH = 50;
/** 200 KB per push, with room for the event envelope the SDK adds around each body. */
const MAX_PUSH_BYTES = 190 * 1024;

export type EventBody = Record<string, unknown>;

/** Pushes the bodies in as few requests as the limits allow; answers the job id of each push. */
export async function pushEvents(queueKey: string, bodies: readonly EventBody[]): Promise<string[]> {
  const queue = new Queue({ key: queueKey });
  const jobs: string[] = [];
  let chunk: EventBody[] = [];
  let bytes = 0;
  const flush = async () => {
    if (chunk.length === 0) return;
    try {
      jobs.push((await queue.push(chunk.map((body) => ({ body })))).jobId);
    } catch (error) {
      // Rate limited, or the queue service failed: worth a platform retry (duplicate batches are claimed once).
      throw new AccessFailure(
        'UPSTREAM_FAILURE',
        'Workflow Guard could not queue the work for the background. It will try again.',
        `Pushing ${chunk.length} event(s) to the Forge queue "${queueKey}" failed: ${error instanceof Error ? error.name : 'error'}. The post-function is handed to the platform's retry.`,
        { retryAfterMs: 60_000 },
      );
    }
    chunk = [];
    bytes = 0;
  };
  for (const body of bodies) {
    const size = Buffer.byteLength(JSON.stringify({ body }));
    if (chunk.length === MAX_EVENTS_PER_PUSH || bytes + size > MAX_PUSH_BYTES) await flush();
    chunk.push(body);
    bytes += size;
  }
  await flush();
  return jobs;
}

/** What a consumer function receives (AsyncEvent, @forge/events 2.0 and later): the pushed body and its ids. */
export const AsyncEvent = z.object({
  body: z.record(z.string(), z.unknown()),
  jobId: z.string().optional(),
  eventId: z.string().optional(),
  queueName: z.string().optional(),
  retryContext: z.object({ retryCount: z.number() }).passthrough().optional(),
});
export type AsyncEvent = z.infer<typeof AsyncEvent>;
