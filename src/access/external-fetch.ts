import api, {
  fetch,
  getAppContext,
  NeedsAuthenticationError,
  NotAllowedError,
  type RequestInit,
} from '@forge/api';
import type { Actor } from './actor';
import { isEgressApproved, originOf } from './egress-approvals';
import { egressNotAllowed, serviceRateLimited, serviceUnavailable } from './external-failures';
import { invalidInput, type AccessFailure } from './failures';
import { deadlineSignal } from './invocation-time';
import type { CallRecord, ClientEnvironment } from './jira-client';
import { redact } from './redaction';
import { decideRetry, type AttemptOutcome } from './retry-policy';

/**
 * The app's only door to third-party services, with the same retry policy as Jira calls (429 and 5xx retried with
 * backoff, never before Retry-After, within the invocation's time) and the same record for the audit log.
 * - `send`: @forge/api `fetch`, which Forge lets out only to declared or admin-approved egress destinations
 *   (https://developer.atlassian.com/platform/forge/runtime-egress-permissions/). The host is checked against the
 *   approvals first (egress-approvals.ts): a host nobody approved gets nothing, not even a request Forge refuses.
 * - `account(provider, remote)`: the actor's own account at a Forge external auth provider
 *   (`asUser().withProvider`, https://developer.atlassian.com/platform/forge/runtime-reference/external-fetch-api/);
 *   Forge keeps and refreshes those tokens, the app never sees them.
 * Nothing here is recorded or thrown with a header, body or full URL: the service is named by its `label`, and
 * a refusal names the host (scheme, host and port) only.
 */
export interface ExternalRequest {
  /** Names the service in the audit log and in messages, e.g. the connection's name. */
  label: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Safe to send twice (e.g. it carries an Idempotency-Key): only then are network errors retried. */
  idempotent: boolean;
}

export interface ExternalResponse {
  status: number;
  ok: boolean;
  headers: { get(name: string): string | null };
  /** Parsed JSON, or `{ message }` with the first 500 characters of any other text; undefined when empty. */
  body: unknown;
}

export interface ProviderAccount {
  isConnected(): Promise<boolean>;
  displayName(): Promise<string | undefined>;
  /** `path` is relative to the provider remote's base URL declared in the manifest. */
  send(path: string, request: ExternalRequest): Promise<ExternalResponse>;
  /** Starts Forge's consent flow; works only in a UI-started invocation (it always throws the platform's request). */
  requestConnection(): Promise<never>;
}

export interface ExternalClient {
  readonly actor: Actor;
  /** Answers every response except 429/5xx that outlast the retries; callers judge 401 and other 4xx. */
  send(url: string, request: ExternalRequest): Promise<ExternalResponse>;
  account(provider: string, remote: string): ProviderAccount;
}

/** The platform's consent request: a resolver must let it through so Forge can show the consent screen. */
export const isConsentRequest = (error: unknown): boolean => error instanceof NeedsAuthenticationError;

type Transport = (init: RequestInit) => Promise<{
  status: number;
  ok: boolean;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}>;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function readBody(response: { status: number; text(): Promise<string> }): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Redacted before it is cut, so that no secret is cut in two and kept in part.
    return { message: redact(text.slice(0, 5_000)).slice(0, 500) };
  }
}

function userSdk(actor: Actor) {
  switch (actor.kind) {
    case 'user':
      return api.asUser();
    case 'impersonated':
      // @forge/api 8.3.0 binds withProvider to the invocation's user, not to this id; see README (Notify).
      return api.asUser(actor.accountId);
    case 'app':
      throw invalidInput(
        'An account at an external service belongs to a user: the app cannot use one as itself.',
      );
  }
}

export function createExternalClient(actor: Actor, environment: ClientEnvironment): ExternalClient {
  const now = environment.now ?? Date.now;
  const random = environment.random ?? Math.random;
  const sleep = environment.sleep ?? defaultSleep;

  async function exchange(
    transport: Transport,
    request: ExternalRequest,
    host: string,
  ): Promise<ExternalResponse> {
    const init: RequestInit = {
      method: request.method,
      headers: request.headers ?? {},
      ...(request.body === undefined ? {} : { body: request.body }),
      // A redirect could carry the Authorization header to a host nobody approved.
      redirect: 'manual',
    };
    const started = now();
    let attempts = 0;
    let status: number | null = null;
    const facts = { actor, endpoint: `${request.method} ${request.label}` };
    const finish = (failure?: AccessFailure) =>
      environment.record({
        feature: environment.feature,
        actor,
        method: request.method,
        pathTemplate: `external: ${request.label}`,
        status,
        attempts,
        durationMs: now() - started,
        scopes: [],
        ...(failure ? { failure: failure.code } : {}),
      } satisfies CallRecord);

    for (;;) {
      attempts += 1;
      let outcome: AttemptOutcome;
      // A service that does not answer in time fails like a network error, while there is time to say so.
      const deadline = deadlineSignal();
      try {
        const response = await transport({ ...init, signal: deadline.signal });
        status = response.status;
        const body = await readBody(response);
        outcome = {
          attempt: attempts,
          status: response.status,
          headers: response.headers,
          idempotent: request.idempotent,
        };
        if (response.status !== 429 && response.status < 500) {
          finish();
          return { status: response.status, ok: response.ok, headers: response.headers, body };
        }
      } catch (error) {
        if (error instanceof NotAllowedError) {
          const failure = egressNotAllowed(request.label, host, 'forge', facts);
          finish(failure);
          throw failure;
        }
        if (isConsentRequest(error)) throw error;
        status = null;
        outcome = { attempt: attempts, idempotent: request.idempotent };
      } finally {
        deadline.clear();
      }
      const decision = decideRetry(outcome, {
        now: now(),
        remainingMs: getAppContext().invocationRemainingTimeInMillis(),
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
          ? serviceRateLimited(request.label, {
              ...facts,
              retryAfterMs: waitMs,
              rateLimitReason: outcome.headers?.get('ratelimit-reason') ?? undefined,
            })
          : serviceUnavailable(request.label, { ...facts, status: outcome.status, retryAfterMs: waitMs });
      finish(failure);
      throw failure;
    }
  }

  function account(provider: string, remote: string): ProviderAccount {
    const methods = () => userSdk(actor).withProvider(provider, remote);
    return {
      isConnected: () => methods().hasCredentials(),
      displayName: async () => (await methods().getAccount())?.displayName,
      send: (path, request) =>
        exchange((init) => methods().fetch(path, init), request, `the ${provider} provider's address`),
      async requestConnection() {
        await methods().requestCredentials();
        throw new Error('Forge did not start the consent flow.');
      },
    };
  }

  async function send(url: string, request: ExternalRequest): Promise<ExternalResponse> {
    const host = originOf(url) ?? 'an address that is not a URL';
    if (!(await isEgressApproved(url))) {
      const failure = egressNotAllowed(request.label, host, 'app', {
        actor,
        endpoint: `${request.method} ${request.label}`,
      });
      environment.record({
        feature: environment.feature,
        actor,
        method: request.method,
        pathTemplate: `external: ${request.label}`,
        status: null,
        attempts: 0,
        durationMs: 0,
        scopes: [],
        failure: failure.code,
      } satisfies CallRecord);
      throw failure;
    }
    return exchange((init) => fetch(url, init), request, host);
  }

  return { actor, send, account };
}
