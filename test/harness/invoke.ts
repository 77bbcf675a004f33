import { randomUUID } from 'node:crypto';
import type { JiraSite } from '../emulator';
import type { AsyncEventQueue, QueuedEvent } from './queue';
import { startInvocation, type Invocation, type InvocationOptions } from './runtime';

/** Invocation options without the user: each helper knows whose invocation it is. */
export type RunOptions = Omit<InvocationOptions, 'accountId'> & { accountId?: string };

// ---- validator ---------------------------------------------------------------------------------------------

/** Payload of a jira:workflowValidator function (manifest-reference/modules/jira-workflow-validator/). */
export interface ValidatorPayload {
  issue: { key: string };
  configuration: unknown;
  transition: { from: { id: string }; to: { id: string }; modifiedFields?: Record<string, unknown> };
}

export interface ValidatorResult {
  result: boolean;
  errorMessage?: string;
}

type ForgeHandler<P, R> = (payload: P, context: Invocation['context']) => R | Promise<R>;

/**
 * Runs a validator as Jira does: no user in the invocation (the payload has no accountId, so asUser() without
 * an id gets NEEDS_AUTHENTICATION) unless opts.accountId says otherwise. A malformed return fails the test.
 */
export async function runValidator(
  handler: ForgeHandler<ValidatorPayload, unknown>,
  payload: ValidatorPayload,
  opts: RunOptions,
): Promise<ValidatorResult> {
  const out = await invoke(opts, (inv) => handler(structuredClone(payload), inv.context));
  const r = out as Partial<ValidatorResult> | null;
  if (r === null || typeof r !== 'object' || typeof r.result !== 'boolean') {
    throw new Error(
      `validator must return {result: boolean, errorMessage?: string}, got ${JSON.stringify(out)}`,
    );
  }
  if (r.errorMessage !== undefined && typeof r.errorMessage !== 'string') {
    throw new Error(`validator errorMessage must be a string, got ${JSON.stringify(r.errorMessage)}`);
  }
  return { result: r.result, ...(r.errorMessage !== undefined ? { errorMessage: r.errorMessage } : {}) };
}

// ---- trigger -----------------------------------------------------------------------------------------------

/**
 * Delivers a product event to a trigger module's function (manifest-reference/modules/trigger/), as the app, with
 * no user in the invocation.
 */
export async function runTrigger(
  handler: ForgeHandler<unknown, unknown>,
  event: unknown,
  opts: RunOptions,
): Promise<unknown> {
  return invoke(opts, (inv) => handler(structuredClone(event), inv.context));
}

// ---- post function -----------------------------------------------------------------------------------------

export interface RetryContext {
  retryCount: number;
  retryReason: string;
  retryData?: unknown;
}

/**
 * The "run post function" event (events-reference/jira/#run-post-function-event). The docs' type-reference tab
 * was not captured, so the fields inside `transition` are not settled: public payloads show two shapes, and the
 * harness builds either (test/emulator/FIDELITY.md, "Post-function event shape").
 */
export interface PostFunctionEvent {
  issue: { id: string; key: string; fields?: Record<string, unknown> };
  transition: PostFunctionTransition;
  workflow: { id?: string; name: string };
  atlassianId?: string;
  changelog?: { id: string; items?: unknown[] };
  comment?: { id: string };
  configuration: unknown;
  retryContext?: RetryContext;
  postFunction?: { id: string };
}

/** `executionId` is the same for every post function of one transition: an idempotency key. */
export type PostFunctionTransition =
  | { executionId: string; id: string; name?: string; from: { id: string }; to: { id: string } }
  // As Connect's workflow post-function payloads name them: a numeric id, and statuses by name only.
  | {
      executionId: string;
      transitionId: number;
      transitionName: string;
      from_status: string;
      to_status: string;
    }
  // Only what the docs name: the worst case a rule must stay safe in.
  | { executionId: string };

/** Which of the public shapes of the event's `transition` object to build. */
export type TransitionShape = 'nested-ids' | 'flat-names' | 'execution-id-only';

/** Post functions run after the transition, without an interactive user: asUser() needs asUser(atlassianId). */
export async function runPostFunction(
  handler: ForgeHandler<PostFunctionEvent, unknown>,
  event: PostFunctionEvent,
  opts: RunOptions,
): Promise<unknown> {
  return invoke(opts, (inv) => handler(structuredClone(event), inv.context));
}

/** A post-function event for a transition seeded on the site (the issue's status is not changed). */
export function buildPostFunctionEvent(
  site: JiraSite,
  e: {
    issueKey: string;
    transitionId: string;
    configuration?: unknown;
    atlassianId?: string;
    commentId?: string;
    changelogId?: string;
    executionId?: string;
    postFunctionId?: string;
    /** Default `nested-ids`. */
    shape?: TransitionShape;
  },
): PostFunctionEvent {
  const issue = site.requireIssue(e.issueKey);
  const workflow = site.workflowOfIssue(issue);
  const t = workflow.transitions.find((x) => x.id === e.transitionId);
  if (!t) throw new Error(`no transition ${e.transitionId} in workflow ${workflow.name}`);
  const fromName =
    t.from.includes(issue.status) || t.from.length === 0 ? issue.status : (t.from[0] ?? issue.status);
  const executionId = e.executionId ?? randomUUID();
  return {
    issue: { id: issue.id, key: issue.key },
    transition:
      e.shape === 'execution-id-only'
        ? { executionId }
        : e.shape === 'flat-names'
          ? {
              transitionId: Number(t.id),
              transitionName: t.name,
              from_status: site.requireStatus(fromName).name,
              to_status: site.requireStatus(t.to).name,
              executionId,
            }
          : {
              id: t.id,
              name: t.name,
              from: { id: site.requireStatus(fromName).id },
              to: { id: site.requireStatus(t.to).id },
              executionId,
            },
    workflow: { id: workflow.id, name: workflow.name },
    ...(e.atlassianId !== undefined ? { atlassianId: e.atlassianId } : {}),
    ...(e.changelogId !== undefined ? { changelog: { id: e.changelogId } } : {}),
    ...(e.commentId !== undefined ? { comment: { id: e.commentId } } : {}),
    configuration: e.configuration ?? {},
    postFunction: { id: e.postFunctionId ?? randomUUID() },
  };
}

// ---- platform retries --------------------------------------------------------------------------------------

/** events-reference/product_events: at most 4 retries; retryAfter is capped at 900 s. */
export const MAX_RETRIES = 4;
export const MAX_RETRY_AFTER_SECONDS = 900;
const MAX_RETRY_DATA_BYTES = 4096;

/** What `new InvocationError(...)` evaluates to: its constructor returns toJSON(), so instanceof is false. */
export interface InvocationErrorShape {
  _retry: true;
  retryOptions: { retryAfter?: number; retryReason: string; retryData?: unknown };
}

export function isInvocationError(v: unknown): v is InvocationErrorShape {
  return v !== null && typeof v === 'object' && (v as { _retry?: unknown })._retry === true;
}

export interface Delivery {
  retryContext?: RetryContext;
  delaySeconds: number; // wait before this delivery
  result?: unknown;
  timedOut: boolean;
}

export interface RetryReport {
  deliveries: Delivery[];
  final: unknown;
  exhausted: boolean; // the last delivery still asked for a retry (or timed out) and no retry was left
}

/**
 * Delivers the event, then re-delivers it while the handler returns an InvocationError, as the platform does:
 * `retryContext {retryCount, retryReason, retryData}` is added, retryAfter is clamped to 1..900 s, non-object
 * retryData is dropped (ECO-734) and retryData over 4 KB fails the test. A run that outlives budgetMs counts as
 * FUNCTION_TIME_OUT and is retried too. `wait` receives each delay (e.g. jest.advanceTimersByTimeAsync);
 * by default nothing waits.
 */
export async function runPlatformRetry(
  handler: ForgeHandler<PostFunctionEvent, unknown>,
  event: PostFunctionEvent,
  opts: RunOptions & { wait?: (ms: number) => unknown },
): Promise<RetryReport> {
  const deliveries: Delivery[] = [];
  let current = event;
  let delaySeconds = 0;
  for (;;) {
    const started = Date.now();
    const result = await runPostFunction(handler, current, opts);
    const timedOut = Date.now() - started > (opts.budgetMs ?? 25_000);
    deliveries.push({ retryContext: current.retryContext, delaySeconds, result, timedOut });
    const retry = timedOut
      ? { retryAfter: 1, retryReason: 'FUNCTION_TIME_OUT', retryData: current.retryContext?.retryData }
      : isInvocationError(result)
        ? result.retryOptions
        : undefined;
    if (!retry) return { deliveries, final: result, exhausted: false };
    const retryCount = (current.retryContext?.retryCount ?? 0) + 1;
    if (retryCount > MAX_RETRIES) return { deliveries, final: result, exhausted: true };
    if (
      retry.retryData !== undefined &&
      Buffer.byteLength(JSON.stringify(retry.retryData)) > MAX_RETRY_DATA_BYTES
    ) {
      throw new Error(`retryData exceeds ${MAX_RETRY_DATA_BYTES} bytes`);
    }
    delaySeconds = Math.min(Math.max(retry.retryAfter ?? 1, 1), MAX_RETRY_AFTER_SECONDS);
    await opts.wait?.(delaySeconds * 1000);
    const keepData = retry.retryData !== null && typeof retry.retryData === 'object';
    current = {
      ...event,
      retryContext: {
        retryCount,
        retryReason: retry.retryReason,
        ...(keepData ? { retryData: retry.retryData } : {}),
      },
    };
  }
}

// ---- async events ------------------------------------------------------------------------------------------

/** function module `timeoutSeconds` default for a consumer (runtime-reference/async-events-api): 55 s. */
export const DEFAULT_CONSUMER_TIMEOUT_SECONDS = 55;

export interface ConsumerDelivery {
  eventId: string;
  retryCount: number;
  outcome: 'done' | 'retry-requested' | 'threw' | 'timed-out' | 'died';
}

/**
 * Delivers the queued events to a consumer as Forge does (runtime-reference/async-events-api): each delivery is its
 * own invocation with the function's `timeoutSeconds` as budget and the AsyncEvent (`body`, `jobId`, `eventId`,
 * `queueName`, `retryContext` on a retry) as argument. Delivery is at least once: a delivery that returns an
 * InvocationError is retried after its `retryAfter` (clamped to 1..900 s); one that throws, times out or dies
 * (`dieAt` names the platform call it dies at) is retried after an exponential backoff of up to 15 minutes.
 * Deliveries run one after another (the runtime globals serve one invocation at a time); waits go through
 * `setTimeout`, so a test with fake timers advances them.
 */
export async function runQueue(
  handler: ForgeHandler<unknown, unknown>,
  queue: AsyncEventQueue,
  opts: RunOptions & {
    timeoutSeconds?: number;
    dieAt?: (delivery: number, event: QueuedEvent) => number | undefined;
    maxDeliveries?: number;
  },
): Promise<ConsumerDelivery[]> {
  const deliveries: ConsumerDelivery[] = [];
  const budgetMs = (opts.timeoutSeconds ?? DEFAULT_CONSUMER_TIMEOUT_SECONDS) * 1000;
  const limit = opts.maxDeliveries ?? 10_000;
  for (let event = queue.next(); event; event = queue.next()) {
    if (deliveries.length >= limit) throw new Error(`runQueue: more than ${limit} deliveries`);
    const wait = event.notBefore - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const current = event;
    const dieAtCall = opts.dieAt?.(deliveries.length, current);
    const inv = startInvocation({ ...opts, budgetMs, ...(dieAtCall !== undefined ? { dieAtCall } : {}) });
    const started = Date.now();
    let outcome: ConsumerDelivery['outcome'];
    let retryAfterMs = 0;
    let retryData: unknown;
    let retryReason = 'FUNCTION_RETRY_REQUEST';
    try {
      const result = await Promise.race([
        Promise.resolve(
          handler(
            {
              body: structuredClone(current.body),
              jobId: current.jobId,
              eventId: current.eventId,
              queueName: current.queueName,
              ...(current.delayInSeconds !== undefined ? { delayInSeconds: current.delayInSeconds } : {}),
              ...(current.retryContext ? { retryContext: current.retryContext } : {}),
            },
            inv.context,
          ),
        ),
        inv.died.then(() => DIED),
      ]);
      if (result === DIED) outcome = 'died';
      else if (Date.now() - started > budgetMs) outcome = 'timed-out';
      else if (isInvocationError(result)) {
        outcome = 'retry-requested';
        retryAfterMs =
          Math.min(Math.max(result.retryOptions.retryAfter ?? 1, 1), MAX_RETRY_AFTER_SECONDS) * 1000;
        retryData = result.retryOptions.retryData;
        retryReason = result.retryOptions.retryReason;
      } else outcome = 'done';
    } catch {
      outcome = 'threw';
    } finally {
      inv.end();
    }
    const retryCount = current.retryContext?.retryCount ?? 0;
    deliveries.push({ eventId: current.eventId, retryCount, outcome });
    if (outcome === 'done') continue;
    if (retryData !== undefined && Buffer.byteLength(JSON.stringify(retryData)) > MAX_RETRY_DATA_BYTES)
      throw new Error(`retryData exceeds ${MAX_RETRY_DATA_BYTES} bytes`);
    queue.retry(
      current,
      {
        retryCount: retryCount + 1,
        // The docs name the reasons an app may give; for its own errors they give no string: the harness's label.
        retryReason: outcome === 'retry-requested' ? retryReason : `HARNESS_${outcome.toUpperCase()}`,
        ...(retryData !== undefined ? { retryData } : {}),
      },
      outcome === 'retry-requested'
        ? retryAfterMs
        : Math.min(2 ** retryCount * 10_000, MAX_RETRY_AFTER_SECONDS * 1000),
    );
  }
  return deliveries;
}
const DIED = Symbol('died');

// ---- resolver ----------------------------------------------------------------------------------------------

/** The shape of `new Resolver().getDefinitions()` (@forge/resolver out/index.d.ts). */
export type ResolverHandler = (
  request: {
    call: { functionKey: string; payload?: unknown; jobId?: string };
    context: Record<string, unknown>;
  },
  backendRuntimePayload?: Record<string, unknown>,
) => Promise<unknown>;

export interface BridgeContext {
  accountId?: string;
  accountType?: string;
  extension?: unknown;
  moduleKey?: string;
  [key: string]: unknown;
}

/** apis-reference/ui-api-bridge/invoke & limits-invocation: front-end invoke requests are limited to 500 KB. */
export const MAX_INVOKE_PAYLOAD_BYTES = 500 * 1024;

/**
 * Calls a resolver as a Custom UI `invoke(functionKey, payload)` reaches it: the bridge context as `context`
 * (untrusted, browser-supplied) and the trusted principal in the backend payload. The result goes through JSON
 * as it would over the bridge.
 */
export async function callResolver(
  handler: ResolverHandler,
  functionKey: string,
  payload: unknown,
  ctx: BridgeContext,
  opts: RunOptions,
): Promise<unknown> {
  const size = Buffer.byteLength(JSON.stringify(payload ?? {}));
  if (size > MAX_INVOKE_PAYLOAD_BYTES) throw new Error(`invoke payload of ${size} bytes exceeds 500 KB`);
  const out = await invoke(
    { ...opts, accountId: ctx.accountId, moduleKey: ctx.moduleKey ?? opts.moduleKey },
    (inv) =>
      handler(
        {
          call: { functionKey, payload: structuredClone(payload) },
          context: { cloudId: inv.context.installContext.split('/').pop(), localId: randomUUID(), ...ctx },
        },
        { ...inv.context },
      ),
  );
  return out === undefined ? undefined : (JSON.parse(JSON.stringify(out)) as unknown);
}

// ---- shared ------------------------------------------------------------------------------------------------

async function invoke<T>(opts: RunOptions, run: (inv: Invocation) => T | Promise<T>): Promise<T> {
  const inv = startInvocation(opts);
  try {
    return await run(inv);
  } finally {
    inv.end();
  }
}
