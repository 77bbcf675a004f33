import { z } from 'zod';
import { APP, impersonate, type Actor } from '../../access/actor';
import { missingPermission, type FailureCode } from '../../access/failures';
import { claimEffect } from '../../access/idempotency';
import type { JiraClient } from '../../access/jira-client';
import { forgeStore, KVS_MAX_PAGE } from '../../access/kv-store';
import { platformRetry, POST_FUNCTION_MAX_SLEEP_MS } from '../../access/platform-retry';
import { AsyncEvent, pushEvents } from '../../access/queue';
import { openSession } from '../../access/session';
import { storageKeys } from '../../access/storage-keys';
import { recordExecution } from '../../execution/audit-sink';
import { explain } from '../../execution/explain';
import { retryable } from '../../execution/post-function-runner';
import { IssueKey, projectOfIssue } from '../../execution/validator-runner';
import type { TransitionRelatedConfig } from './configuration';
import {
  findCandidates,
  listedOption,
  moveOne,
  resolvedOption,
  SEARCH_BATCH,
  type MoveTarget,
} from './moves';
import { TransitionsByStatus } from './resolve';

/** The queue of `manifest.yml`'s consumer module `related-moves-consumer`. */
export const RELATED_MOVES_QUEUE = 'related-moves';
/**
 * More related issues than one search answers are moved in the background: at a few hundred milliseconds per
 * Jira call, 50 moves and their search take about 15 s of the post-function's 25
 * (https://developer.atlassian.com/platform/forge/limits-invocation/).
 */
export const INLINE_LIMIT = SEARCH_BATCH;
/** `timeoutSeconds` of the consumer's function in manifest.yml: how long a batch may be held by a delivery. */
export const CONSUMER_TIMEOUT_SECONDS = 120;

const RESULT_TTL_DAYS = 7;
const LISTED = 10;

const BatchActor = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('app') }),
  z.object({ kind: z.literal('impersonated'), accountId: z.string().min(1).max(128) }),
]);

/** One background batch: up to 50 related issues one identity moves (the body of one async event). */
const Batch = z.object({
  executionId: z.string().min(1).max(200),
  postFunctionId: z.string().min(1).max(200),
  originIssueKey: IssueKey,
  transitionName: z.string().trim().min(1).max(255),
  whenUnavailable: z.enum(['skip', 'fail']),
  /** The ids resolved when the rule was saved (resolve.ts), as the inline moves use them; absent: by name. */
  transitionsByStatus: TransitionsByStatus.optional(),
  actor: BatchActor,
  targets: z
    .array(z.object({ key: IssueKey, id: z.string().max(30).optional() }))
    .min(1)
    .max(SEARCH_BATCH),
  batch: z.number().int().min(0),
  batches: z.number().int().min(1),
  total: z.number().int().min(1),
  otherProjectKeys: z.array(z.string().max(100)).max(2000),
  triggeredBy: z.string().max(128).optional(),
});
type Batch = z.infer<typeof Batch>;

/** What one batch did, kept until every batch is done. */
const BatchResult = z.object({
  actor: BatchActor,
  moved: z.array(z.string()),
  already: z.array(z.string()),
  skipped: z.array(z.string()),
  failed: z
    .object({
      code: z.custom<FailureCode | 'INTERNAL'>((code) => typeof code === 'string'),
      message: z.string(),
      keys: z.array(z.string()),
    })
    .optional(),
});
type BatchResult = z.infer<typeof BatchResult>;

/** The related issues one identity moves, as the post-function decided them. */
export interface ActingGroup {
  actor: Actor;
  targets: Array<{ key: string; id?: string }>;
}

const batchActor = (actor: Actor): Batch['actor'] =>
  actor.kind === 'impersonated' ? { kind: 'impersonated', accountId: actor.accountId } : { kind: 'app' };

/**
 * Pushes the moves as batches of up to 50 issues to the consumer. Each batch is claimed when it runs, so a
 * second push of the same execution (a duplicate delivery of the post-function) moves nothing twice.
 */
export async function moveInBackground(input: {
  executionId: string;
  postFunctionId: string;
  originIssueKey: string;
  configuration: Pick<TransitionRelatedConfig, 'transitionName' | 'whenUnavailable' | 'transitionsByStatus'>;
  groups: readonly ActingGroup[];
  otherProjectKeys: string[];
  triggeredBy?: string;
}): Promise<{ batches: number; total: number }> {
  const slices = input.groups.flatMap((group) => {
    const out: Array<{ actor: Actor; targets: ActingGroup['targets'] }> = [];
    for (let start = 0; start < group.targets.length; start += SEARCH_BATCH)
      out.push({ actor: group.actor, targets: group.targets.slice(start, start + SEARCH_BATCH) });
    return out;
  });
  const total = slices.reduce((sum, slice) => sum + slice.targets.length, 0);
  const bodies = slices.map((slice, batch): Batch => ({
    executionId: input.executionId,
    postFunctionId: input.postFunctionId,
    originIssueKey: input.originIssueKey,
    transitionName: input.configuration.transitionName,
    whenUnavailable: input.configuration.whenUnavailable,
    ...(input.configuration.transitionsByStatus
      ? { transitionsByStatus: input.configuration.transitionsByStatus }
      : {}),
    actor: batchActor(slice.actor),
    targets: slice.targets.map(({ key, id }) => (id === undefined ? { key } : { key, id })),
    batch,
    batches: slices.length,
    total,
    otherProjectKeys: input.otherProjectKeys,
    ...(input.triggeredBy ? { triggeredBy: input.triggeredBy } : {}),
  }));
  await pushEvents(RELATED_MOVES_QUEUE, bodies);
  return { batches: bodies.length, total };
}

const listed = (items: readonly string[]): string =>
  items.length <= LISTED
    ? items.join(', ')
    : `${items.slice(0, LISTED).join(', ')} and ${items.length - LISTED} more`;

/** The batch results of the execution written so far. */
async function batchResults(batch: Batch): Promise<BatchResult[]> {
  const prefix = storageKeys.effectBatchPrefix(batch.executionId, batch.postFunctionId);
  const results: BatchResult[] = [];
  let cursor: string | undefined;
  do {
    const page = await forgeStore.list<unknown>(prefix, { limit: KVS_MAX_PAGE, cursor });
    for (const item of page.items) results.push(BatchResult.parse(item.value));
    cursor = page.cursor;
  } while (cursor);
  return results;
}

/**
 * Progress in the audit log: when a quarter, half and three quarters of the batches are done (each said once, by a
 * create-if-absent key), for jobs of four batches or more.
 */
async function reportProgress(
  batch: Batch,
  results: BatchResult[],
  session: ReturnType<typeof openSession>,
): Promise<void> {
  const quarter = Math.floor((results.length * 4) / batch.batches);
  if (batch.batches < 4 || quarter < 1 || quarter > 3) return;
  const key = storageKeys.effectFinished(batch.executionId, `${batch.postFunctionId}.progress-${quarter}`);
  if (!(await forgeStore.setIfAbsent(key, { at: Date.now() }, { ttlDays: RESULT_TTL_DAYS }))) return;
  const moved = results.reduce((sum, r) => sum + r.moved.length + r.already.length, 0);
  const failed = results.filter((r) => r.failed).length;
  await recordExecution({
    ...entryBase(batch, session),
    actor: { kind: 'none' },
    outcome: 'applied',
    summary: `Moving related issues through "${batch.transitionName}" in the background: ${moved} of ${batch.total} moved so far (${results.length} of ${batch.batches} batches done${failed ? `, ${failed} failed` : ''})`,
  });
}

/** What every audit entry of a background move says about where it comes from. */
const entryBase = (batch: Batch, session: ReturnType<typeof openSession>) => ({
  module: 'post-function' as const,
  rule: 'transition-related',
  issueKey: batch.originIssueKey,
  projectKey: projectOfIssue(batch.originIssueKey),
  ...(batch.otherProjectKeys.length ? { otherProjectKeys: batch.otherProjectKeys } : {}),
  ...(batch.triggeredBy ? { triggeredBy: batch.triggeredBy } : {}),
  calls: session.calls,
});

/**
 * The last batch to finish (exactly one, by a create-if-absent key) writes the execution's final result; the
 * others report progress.
 */
async function finishIfLast(batch: Batch, session: ReturnType<typeof openSession>): Promise<void> {
  const results = await batchResults(batch);
  if (results.length < batch.batches) return reportProgress(batch, results, session);
  const key = storageKeys.effectFinished(batch.executionId, batch.postFunctionId);
  if (!(await forgeStore.setIfAbsent(key, { at: Date.now() }, { ttlDays: RESULT_TTL_DAYS }))) return;
  const moved = results.flatMap((r) => r.moved);
  const already = results.flatMap((r) => r.already);
  const skipped = results.flatMap((r) => r.skipped);
  const failed = results.flatMap((r) => (r.failed ? [r.failed] : []));
  const notMoved = failed.flatMap((f) => f.keys);
  const actors = new Set(results.map((r) => JSON.stringify(r.actor)));
  const actor = actors.size === 1 ? BatchActor.parse(results[0]?.actor) : { kind: 'none' as const };
  const parts = [
    `${moved.length + already.length} moved (${already.length} of them by an earlier, interrupted delivery)`,
    ...(skipped.length ? [`${skipped.length} skipped: ${listed(skipped)}`] : []),
    ...(notMoved.length ? [`${notMoved.length} not moved: ${listed(notMoved)}`] : []),
  ];
  await recordExecution({
    ...entryBase(batch, session),
    actor: actor.kind === 'impersonated' ? impersonate(actor.accountId) : actor.kind === 'app' ? APP : actor,
    outcome: failed.length ? 'failed' : 'applied',
    summary: `Background moves through "${batch.transitionName}" finished, ${batch.total} related issues in ${batch.batches} batches: ${parts.join('; ')}`,
    ...(failed[0]
      ? {
          error: {
            code: failed[0].code,
            message: `${failed.length} batch(es) failed; the first: ${failed[0].message}`,
          },
        }
      : {}),
  });
}

/**
 * Each issue of the batch with its move, as the inline moves find it: the issues' current statuses from one search
 * (50 issues) without their transitions, then the id resolved for each status when the rule was saved. Only
 * issues in a status the workflows disagree on (a parent's and its sub-tasks' workflows may give "Done" other ids)
 * or unknown then are listed with their transitions, in a second search, and matched by name; a configuration
 * saved before ids were resolved lists every issue's transitions at once.
 */
async function moveTargets(
  jira: JiraClient,
  batch: Batch,
  keys: string[],
  ids: ReadonlyMap<string, string>,
): Promise<MoveTarget[]> {
  const projectKey = projectOfIssue(batch.originIssueKey);
  const byName = (keysByName: string[]) =>
    findCandidates(jira, keysByName, ids, projectKey).then((found) =>
      found.map((candidate) => listedOption(candidate, batch.transitionName)),
    );
  if (!batch.transitionsByStatus) return byName(keys);
  const statuses = await findCandidates(jira, keys, ids, projectKey, { transitions: false });
  const moves = new Map<string, MoveTarget>();
  for (const candidate of statuses) {
    const statusId = candidate.fields?.status?.id;
    const option = resolvedOption(batch, statusId);
    if (option) moves.set(candidate.key, { key: candidate.key, statusId, option });
  }
  const unresolved = keys.filter((key) => !moves.has(key));
  if (unresolved.length) for (const target of await byName(unresolved)) moves.set(target.key, target);
  return keys.flatMap((key) => moves.get(key) ?? []);
}

/**
 * The consumer of the related-moves queue: moves one batch, exactly once per issue. A batch is claimed (a
 * delivery that finds it running elsewhere asks to be retried after that delivery's deadline); a delivery that
 * died half-way leaves the claim to expire, and the next one resumes it, recognising each issue already moved by
 * the mark its move carried. A rate limit or outage asks the platform to retry the batch.
 */
export async function relatedMovesConsumer(raw: unknown): Promise<unknown> {
  // The wait line of every post-function: a background batch has nobody waiting on it either, so a longer wait
  // (a per-issue write limit, the quota) is handed to the platform's retry instead of slept on billed time.
  const session = openSession('rules/transition-related', { maxWaitMs: POST_FUNCTION_MAX_SLEEP_MS });
  const parsed = Batch.safeParse(AsyncEvent.safeParse(raw).data?.body);
  if (!parsed.success) {
    await recordExecution({
      module: 'post-function',
      rule: 'transition-related',
      actor: { kind: 'none' },
      calls: session.calls,
      outcome: 'failed',
      summary: 'Malformed background batch: nothing was moved',
      error: { code: 'INVALID_INPUT', message: 'A queued batch of related-issue moves could not be read.' },
    });
    return undefined;
  }
  const batch = parsed.data;
  const claim = await claimEffect(
    forgeStore,
    batch.executionId,
    `${batch.postFunctionId}.batch-${batch.batch}`,
    Date.now(),
  );
  if (claim.kind === 'duplicate') {
    // Another delivery holds the batch: come back once its invocation has ended, to finish it if it died.
    return claim.state === 'running'
      ? platformRetry(CONSUMER_TIMEOUT_SECONDS * 1000, false, { batch: batch.batch })
      : undefined;
  }
  const actor = batch.actor.kind === 'impersonated' ? impersonate(batch.actor.accountId) : APP;
  const jira = session.jira(actor);
  const result: BatchResult = { actor: batch.actor, moved: [], already: [], skipped: [] };
  const keys = batch.targets.map((target) => target.key);
  const done = new Set<string>();
  try {
    const ids = new Map(batch.targets.flatMap((t) => (t.id === undefined ? [] : [[t.key, t.id] as const])));
    const targets = await moveTargets(jira, batch, keys, ids);
    for (const target of targets) {
      const outcome = await moveOne(target, {
        executionId: batch.executionId,
        originIssueKey: batch.originIssueKey,
        configuration: batch,
        jira,
        actor,
        session,
      });
      if (typeof outcome !== 'string')
        throw missingPermission({
          actor,
          permission: 'TRANSITION_ISSUES',
          projectKey: projectOfIssue(target.key),
        });
      done.add(target.key);
      if (outcome === 'moved') result.moved.push(target.key);
      else if (outcome === 'already moved') result.already.push(target.key);
      else result.skipped.push(`${target.key} ${outcome}`);
    }
  } catch (error) {
    if (retryable(error)) {
      await claim.release();
      return platformRetry(error.details.retryAfterMs, error.code === 'RATE_LIMITED', { batch: batch.batch });
    }
    // Not passing: a missing permission or a refused move stays so on a retry. The batch ends, saying why.
    const failure = explain(error);
    result.failed = {
      code: failure.code,
      message: failure.adminMessage,
      keys: keys.filter((key) => !done.has(key)),
    };
  }
  await forgeStore.set(
    storageKeys.effectBatch(batch.executionId, batch.postFunctionId, batch.batch),
    result,
    { ttlDays: RESULT_TTL_DAYS },
  );
  await claim.complete(
    `batch ${batch.batch + 1} of ${batch.batches}: ${result.moved.length + result.already.length} moved`,
  );
  await finishIfLast(batch, session);
  return undefined;
}
