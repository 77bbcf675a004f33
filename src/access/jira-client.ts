import api, { NeedsAuthenticationError, type Route } from '@forge/api';
import { findEndpoint } from '../permissions/endpoints';
import type { Actor } from './actor';
import { classifyFailure } from './classify';
import {
  type AccessFailure,
  needsAuthentication,
  rateLimited,
  upstreamFailure,
  type FailureCode,
} from './failures';
import { deadlineSignal, remainingMs } from './invocation-time';
import { decideRetry, rateLimitReason, type AttemptOutcome } from './retry-policy';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface JiraCallOptions {
  method?: HttpMethod;
  /** JSON request body; sent, never recorded. */
  body?: unknown;
  /** The Jira permission the call needs: names it in the message when Jira answers 403. */
  permission?: string;
  projectKey?: string;
  /**
   * A POST that only reads (the enhanced search, bulk permission checks, expression analysis) is as safe to
   * repeat as a GET, so it is retried on every transient failure; other POSTs only when Jira says nothing was done.
   */
  readOnly?: boolean;
}

/** What the audit log keeps of one call: no header, query string, token or body. */
export interface CallRecord {
  feature: string;
  actor: Actor;
  method: string;
  pathTemplate: string;
  status: number | null;
  attempts: number;
  durationMs: number;
  scopes: string[];
  failure?: FailureCode;
}

export interface JiraClient {
  readonly actor: Actor;
  /** Calls Jira as this client's actor; resolves to the parsed JSON body (undefined for 204), throws AccessFailure. */
  requestJira<T = unknown>(path: Route, options?: JiraCallOptions): Promise<T>;
}

export interface ClientEnvironment {
  feature: string;
  record(call: CallRecord): void;
  now?: () => number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** The longest wait slept before a retry within the invocation (see RetryContext.maxWaitMs). */
  maxWaitMs?: number;
}

const IDEMPOTENT: ReadonlySet<string> = new Set(['GET', 'PUT', 'DELETE']);

function sdkFor(actor: Actor) {
  switch (actor.kind) {
    case 'app':
      return api.asApp();
    case 'user':
      return api.asUser();
    case 'impersonated':
      return api.asUser(actor.accountId);
  }
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function readBody(response: { status: number; text(): Promise<string> }): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { message: text.slice(0, 500) };
  }
}

export function createJiraClient(actor: Actor, environment: ClientEnvironment): JiraClient {
  const now = environment.now ?? Date.now;
  const random = environment.random ?? Math.random;
  const sleep = environment.sleep ?? defaultSleep;

  async function requestJira<T>(path: Route, options: JiraCallOptions = {}): Promise<T> {
    const method = options.method ?? 'GET';
    const endpoint = findEndpoint(method, path.value);
    const endpointName = `${method} ${endpoint?.pathTemplate ?? path.value.split('?')[0]}`;
    const facts = {
      actor,
      endpoint: endpointName,
      endpointScopes: endpoint?.classicScopes,
      permission: options.permission,
      projectKey: options.projectKey,
    };
    const init = {
      method,
      headers: {
        Accept: 'application/json',
        ...(options.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    };
    const started = now();
    let attempts = 0;
    let status: number | null = null;
    const finish = (failure?: AccessFailure) =>
      environment.record({
        feature: environment.feature,
        actor,
        method,
        pathTemplate: endpoint?.pathTemplate ?? 'not in the endpoint table',
        status,
        attempts,
        durationMs: now() - started,
        scopes: endpoint?.classicScopes ?? [],
        ...(failure ? { failure: failure.code } : {}),
      });

    const idempotent = options.readOnly === true || IDEMPOTENT.has(method);
    for (;;) {
      attempts += 1;
      let outcome: AttemptOutcome;
      let body: unknown;
      const deadline = deadlineSignal();
      try {
        // endpoint-table: forwards a literal route from its call site (the path is checked there)
        const response = await sdkFor(actor).requestJira(path, { ...init, signal: deadline.signal });
        status = response.status;
        body = await readBody(response);
        if (response.ok) {
          finish();
          return body as T;
        }
        outcome = {
          attempt: attempts,
          status: response.status,
          headers: response.headers,
          idempotent,
        };
      } catch (error) {
        if (error instanceof NeedsAuthenticationError) {
          const failure = needsAuthentication(facts);
          finish(failure);
          throw failure;
        }
        status = null;
        outcome = { attempt: attempts, idempotent };
      } finally {
        deadline.clear();
      }
      const decision = decideRetry(outcome, {
        now: now(),
        remainingMs: remainingMs(),
        random,
        ...(environment.maxWaitMs === undefined ? {} : { maxWaitMs: environment.maxWaitMs }),
      });
      if (decision.retry) {
        await sleep(decision.delayMs);
        continue;
      }
      const waitMs = decision.reason === 'budget-exhausted' ? decision.waitMs : 0;
      const failure =
        outcome.status === 429
          ? rateLimited({
              ...facts,
              status: 429,
              retryAfterMs: waitMs,
              rateLimitReason: rateLimitReason(outcome.headers),
            })
          : outcome.status === undefined || outcome.status >= 500
            ? upstreamFailure({ ...facts, status: outcome.status, retryAfterMs: waitMs })
            : classifyFailure({ status: outcome.status, body }, facts);
      finish(failure);
      throw failure;
    }
  }

  return { actor, requestJira };
}
