import { randomUUID } from 'node:crypto';

/**
 * Forge's async-event queue as the harness keeps it (runtime-reference/async-events-api): the real `Queue.push()`
 * of @forge/events posts `{queueName, jobId, payload: PushEvent[]}` to `/webhook/queue/publish/...` through
 * `__forge_fetch__` (out/queue.js, out/queries.js); the harness accepts it here and delivers each event to the
 * consumer with `runQueue` (invoke.ts). Limits from the docs: at most 50 events and 200 KB per push, `retryAfter`
 * at most 900 s, `retryData` at most 4 KB.
 */
export const MAX_EVENTS_PER_PUSH = 50;
export const MAX_PUSH_KB = 200;

export interface QueuedEvent {
  queueName: string;
  jobId: string;
  eventId: string;
  body: Record<string, unknown>;
  delayInSeconds?: number;
  retryContext?: { retryCount: number; retryReason: string; retryData?: unknown };
  /** When (Date.now()) the event may be delivered next. */
  notBefore: number;
}

export class AsyncEventQueue {
  /** Every event ever pushed, in push order. */
  readonly pushed: QueuedEvent[] = [];
  /** Events waiting for delivery. */
  readonly pending: QueuedEvent[] = [];
  /** Every push request, as counts and sizes (what the limits apply to). */
  readonly pushes: Array<{ queueName: string; events: number; bytes: number }> = [];

  /** Answers the publish request the way @forge/events expects: 201, or 413 for a payload over the limit. */
  accept(init: RequestInit): Response {
    const text = typeof init.body === 'string' ? init.body : '';
    const request = JSON.parse(text) as {
      queueName: string;
      jobId: string;
      payload: Array<{ body: Record<string, unknown>; delayInSeconds?: number }>;
    };
    const bytes = Buffer.byteLength(JSON.stringify(request.payload));
    this.pushes.push({ queueName: request.queueName, events: request.payload.length, bytes });
    if (request.payload.length > MAX_EVENTS_PER_PUSH || bytes > MAX_PUSH_KB * 1024)
      return new Response(JSON.stringify({ errorMessage: 'Payload too big' }), { status: 413 });
    for (const event of request.payload) {
      const queued: QueuedEvent = {
        queueName: request.queueName,
        jobId: request.jobId,
        eventId: randomUUID(),
        body: structuredClone(event.body),
        ...(event.delayInSeconds !== undefined ? { delayInSeconds: event.delayInSeconds } : {}),
        notBefore: Date.now() + (event.delayInSeconds ?? 0) * 1000,
      };
      this.pushed.push(queued);
      this.pending.push(queued);
    }
    return new Response(null, { status: 201 });
  }

  /** The next event due, removed from the pending list. */
  next(): QueuedEvent | undefined {
    if (this.pending.length === 0) return undefined;
    const due = this.pending.reduce((a, b) => (b.notBefore < a.notBefore ? b : a));
    this.pending.splice(this.pending.indexOf(due), 1);
    return due;
  }

  retry(event: QueuedEvent, retryContext: NonNullable<QueuedEvent['retryContext']>, afterMs: number): void {
    this.pending.push({ ...event, retryContext, notBefore: Date.now() + afterMs });
  }
}
