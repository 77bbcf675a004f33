import type { FaultResponse, JiraSite } from '../emulator';
import type { InvocationOptions } from '../harness';
import type { FailureCode } from '../../src/access/failures';
import { DEFAULT_CLIENT, loopbackFetch, type ThirdParty } from '../third-party';
import { HOOK_PATH } from '../connections/support';

/**
 * The fault-injection machinery of fault-injection.test.ts: where a rule's calls go (Jira or a third party), what
 * each fault does there, and what the rule must then do. Faults are set up per call: `nth` counts the earlier
 * calls to the same place in the same run, across the platform's re-deliveries.
 */

/**
 * A small time budget sends transient faults straight to the platform's retry (the in-invocation retries are
 * proven in test/access/retries.test.ts): no case waits for a Retry-After, and a timeout costs about a second.
 */
export const BUDGET_MS = 2_000;

/** Where a call goes: `jira:<operationId>`, or the third party's token endpoint or webhook (by how it authenticates). */
export type ServicePlace = 'token' | 'hook:api-token' | 'hook:client-credentials' | 'hook:user-account';
export type Place = `jira:${string}` | `service:${ServicePlace}`;

export interface CallPoint {
  place: Place;
  /** Earlier calls to the same place in this run. */
  nth: number;
  /** Jira answers it with a change (POST, PUT, DELETE), or it is a POST to the third party. */
  write: boolean;
}

export type Effects = Record<string, number>;

/** One call as it happened, with the effects counted just before it: what a permanent fault there leaves. */
export interface TraceEntry extends CallPoint {
  before: Effects;
}

/** What the rule must do about a fault. */
export type Outcome =
  /** Hand the effect to the platform's retry (audited `retrying` with the code), which then applies it once. */
  | { kind: 'retried'; code: FailureCode }
  /** Recover within the invocation; `refused`: the status of the refused call the audit entry shows, if the app saw it. */
  | { kind: 'recovered'; refused?: number }
  /** Fail for good: audited `failed` with the code, and nothing applied after the call. */
  | { kind: 'failed'; code: FailureCode };

export type ServiceFault =
  /** The service refuses before doing anything (stand-in `failNext`). */
  | { kind: 'status'; status: number; retryAfterSeconds?: number }
  /** The service does not answer before the invocation's deadline (nothing reaches it). */
  | { kind: 'timeout' }
  /** The service applies the request, then the answer is lost (fetch rejects). */
  | { kind: 'lostAnswer' }
  /** The service revoked every access token it issued (a key rotation); refresh tokens stay valid. */
  | { kind: 'revokeAccessTokens' }
  /** The user revoked the app's grant at the service: the refresh token and its access tokens. */
  | { kind: 'revokeGrant' }
  /** The client secret was rotated at the service: the stored one no longer works. */
  | { kind: 'rotateClientSecret' }
  /** The Forge proxy holds no usable credentials for the user at the provider. */
  | { kind: 'needsAuthentication' };

export interface FaultCase {
  name: string;
  outcome: Outcome;
  /** How Jira shows it (every Jira call; `writesOnly` limits it to writes), or how the third party shows it. */
  jira?: FaultResponse;
  writesOnly?: boolean;
  service?: ServiceFault;
  /** The third-party places it applies to. */
  at?: readonly ServicePlace[];
  /** Effects that honestly differ from "each exactly once" under this fault, with the reason in the table. */
  effects?: Effects;
}

const RATE_LIMITED = { kind: 'retried', code: 'RATE_LIMITED' } as const;
const UPSTREAM = { kind: 'retried', code: 'UPSTREAM_FAILURE' } as const;
const HOOKS = ['hook:api-token', 'hook:client-credentials', 'hook:user-account'] as const;
const EVERY_SERVICE_PLACE = ['token', ...HOOKS] as const;

/**
 * Every fault at every Jira call. In Forge the app holds no Jira token: a user's revoked consent to offline
 * impersonation is the Forge proxy's NEEDS_AUTHENTICATION, the "needs authentication" case.
 */
export const JIRA_FAULTS: readonly FaultCase[] = [
  {
    name: '429 burst',
    jira: { kind: 'rateLimit', reason: 'jira-burst-based', retryAfterSeconds: 2 },
    outcome: RATE_LIMITED,
  },
  {
    name: '429 per-issue write',
    jira: { kind: 'rateLimit', reason: 'jira-per-issue-on-write', retryAfterSeconds: 2 },
    outcome: RATE_LIMITED,
  },
  {
    name: '429 quota',
    jira: { kind: 'rateLimit', reason: 'jira-quota-tenant-based', retryAfterSeconds: 600 },
    outcome: RATE_LIMITED,
  },
  { name: '500', jira: { kind: 'serverError', status: 500 }, outcome: UPSTREAM },
  { name: '503', jira: { kind: 'serverError', status: 503 }, outcome: UPSTREAM },
  { name: 'timeout', jira: { kind: 'latency', ms: BUDGET_MS + 200 }, outcome: UPSTREAM },
  { name: 'network error', jira: { kind: 'networkError' }, outcome: UPSTREAM },
  /** Jira applied the write but its answer never arrived: a retry must find the effect instead of repeating it. */
  { name: 'lost answer', jira: { kind: 'lostAnswer' }, writesOnly: true, outcome: UPSTREAM },
  /** Jira applied the write and answered 5xx anyway: a 503 proves nothing either (FIDELITY.md, Platform variants). */
  {
    name: '503 after applying',
    jira: { kind: 'appliedThenServerError', status: 503 },
    writesOnly: true,
    outcome: UPSTREAM,
  },
  {
    name: '500 after applying',
    jira: { kind: 'appliedThenServerError', status: 500 },
    writesOnly: true,
    outcome: UPSTREAM,
  },
  {
    name: 'needs authentication',
    jira: { kind: 'needsAuthentication' },
    outcome: { kind: 'failed', code: 'NEEDS_AUTHENTICATION' },
  },
];

/** Every fault at every call to the third party, by how the call authenticates. */
export const SERVICE_FAULTS: readonly FaultCase[] = [
  {
    name: '429 with Retry-After',
    service: { kind: 'status', status: 429, retryAfterSeconds: 2 },
    at: EVERY_SERVICE_PLACE,
    outcome: RATE_LIMITED,
  },
  {
    name: '429 with a long Retry-After',
    service: { kind: 'status', status: 429, retryAfterSeconds: 600 },
    at: EVERY_SERVICE_PLACE,
    outcome: RATE_LIMITED,
  },
  { name: '500', service: { kind: 'status', status: 500 }, at: EVERY_SERVICE_PLACE, outcome: UPSTREAM },
  { name: '503', service: { kind: 'status', status: 503 }, at: EVERY_SERVICE_PLACE, outcome: UPSTREAM },
  { name: 'timeout', service: { kind: 'timeout' }, at: EVERY_SERVICE_PLACE, outcome: UPSTREAM },
  { name: 'lost answer', service: { kind: 'lostAnswer' }, at: ['token'], outcome: UPSTREAM },
  {
    /**
     * The one effect that cannot be exactly-once: the service accepted the notification and the answer was lost,
     * so the app cannot know, and sends it again on the retry. Both copies carry the same Idempotency-Key (checked
     * by the effects count): a service that honours it applies the notification once; one that does not, twice.
     */
    name: 'lost answer',
    service: { kind: 'lostAnswer' },
    at: HOOKS,
    outcome: UPSTREAM,
    effects: { 'accepted copies': 2 },
  },
  {
    name: 'revoked access token',
    service: { kind: 'revokeAccessTokens' },
    at: ['hook:client-credentials'],
    // The app asks the token endpoint for a new token and sends again; the 401 stays in the audit entry's calls.
    outcome: { kind: 'recovered', refused: 401 },
  },
  {
    name: 'revoked access token',
    service: { kind: 'revokeAccessTokens' },
    at: ['hook:user-account'],
    // Forge refreshes the user's token itself (providers.auth refreshToken): the app never sees the 401.
    outcome: { kind: 'recovered' },
  },
  {
    // The service answers 401 to a revoked API token: only an admin entering a new one fixes it.
    name: 'revoked API token',
    service: { kind: 'status', status: 401 },
    at: ['hook:api-token'],
    outcome: { kind: 'failed', code: 'RECONNECT_REQUIRED' },
  },
  {
    name: 'rotated client secret',
    service: { kind: 'rotateClientSecret' },
    at: ['token'],
    outcome: { kind: 'failed', code: 'RECONNECT_REQUIRED' },
  },
  {
    name: 'revoked grant (refresh token)',
    service: { kind: 'revokeGrant' },
    at: ['hook:user-account'],
    outcome: { kind: 'failed', code: 'RECONNECT_REQUIRED' },
  },
  {
    name: 'needs authentication',
    service: { kind: 'needsAuthentication' },
    at: ['hook:user-account'],
    outcome: { kind: 'failed', code: 'RECONNECT_REQUIRED' },
  },
];

/** The faults that apply at a call. */
export function faultsAt(point: CallPoint): FaultCase[] {
  if (point.place.startsWith('jira:')) return JIRA_FAULTS.filter((fault) => !fault.writesOnly || point.write);
  const place = point.place.slice('service:'.length) as ServicePlace;
  return SERVICE_FAULTS.filter((fault) => fault.at?.includes(place));
}

export interface Armed {
  point: CallPoint;
  fault: FaultCase;
}

const abortError = () => new DOMException('This operation was aborted', 'AbortError');

/** Waits `ms`, or rejects as fetch does when the signal aborts first. */
function hang(ms: number, signal: AbortSignal | null | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(abortError());
    });
  });
}

type ProviderFetch = NonNullable<InvocationOptions['providerFetch']>;

export interface FaultLineOptions {
  site: JiraSite;
  /** The third-party stand-in, for rules that call it. */
  tp?: ThirdParty;
  /** Counts the effects so far (traced before every call). */
  effects(): Effects;
  armed: readonly Armed[];
  /** How the rule's webhook calls authenticate: the place they count at. */
  hookPlace?: ServicePlace;
  /** Forge's side of a user-account connection (test/connections/support.ts forgeTokenService). */
  forge?: { providerFetch: ProviderFetch; tokens(): { refresh_token?: string } };
}

/**
 * The network between the app and Jira or the third party, as the harness sees it: it traces every call with the
 * effects counted just before it, and applies the armed faults. Jira calls go through the emulator's own fault
 * rules (`after` = nth); third-party calls through the stand-in's `failNext` or the transport itself.
 */
export class FaultLine {
  readonly trace: TraceEntry[] = [];

  constructor(private readonly options: FaultLineOptions) {
    const { site, armed } = options;
    for (const { point, fault } of armed) {
      if (!point.place.startsWith('jira:') || !fault.jira) continue;
      site.faults.inject({
        match: { operationId: point.place.slice('jira:'.length) },
        after: point.nth,
        response: fault.jira,
      });
    }
    const handle = site.handle.bind(site);
    site.handle = async (identity, path, init) => {
      const entry = this.enter('jira:?', (init?.method ?? 'GET').toUpperCase() !== 'GET');
      const index = site.calls.length;
      try {
        return await handle(identity, path, init);
      } finally {
        this.rename(entry, `jira:${site.calls[index]?.operationId ?? path}`);
      }
    };
  }

  /** For `externalFetch`: @forge/api fetch() after the egress check. */
  readonly fetch = (url: string, init: RequestInit): Promise<Response> =>
    this.pass(
      new URL(url).pathname === HOOK_PATH ? (this.options.hookPlace ?? 'hook:api-token') : 'token',
      init,
      (sent) => loopbackFetch(url, sent),
    );

  /** For `providerFetch`: Forge's withProvider fetch, which adds and refreshes the user's token. */
  readonly providerFetch: ProviderFetch = (request, init) =>
    this.pass('hook:user-account', init, (sent) => {
      if (!this.options.forge) throw new Error('no Forge token service for the provider');
      return this.options.forge.providerFetch(request, sent);
    });

  private enter(place: Place, write: boolean): TraceEntry {
    const entry: TraceEntry = { place, nth: 0, write, before: this.options.effects() };
    this.trace.push(entry);
    return entry;
  }

  private rename(entry: TraceEntry, place: Place): void {
    entry.place = place;
    entry.nth = this.trace.filter((other) => other !== entry && other.place === place).length;
  }

  private async pass(
    place: ServicePlace,
    init: RequestInit,
    send: (init: RequestInit) => Promise<Response>,
  ): Promise<Response> {
    const forward = () => send(init);
    const entry = this.enter(`service:${place}`, true);
    this.rename(entry, `service:${place}`);
    const fault = this.options.armed.find(
      ({ point }) => point.place === entry.place && point.nth === entry.nth,
    )?.fault.service;
    if (!fault) return forward();
    const tp = this.options.tp;
    if (!tp) throw new Error('no third party to fault');
    switch (fault.kind) {
      case 'status':
        tp.state.failNext({
          status: fault.status,
          ...(fault.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: fault.retryAfterSeconds }),
          target: place === 'token' ? 'token' : 'api',
        });
        return forward();
      case 'timeout':
        await hang(BUDGET_MS + 200, init.signal);
        return forward();
      case 'lostAnswer':
        await forward();
        throw new TypeError('fetch failed');
      case 'revokeAccessTokens':
        tp.state.revokeAllAccessTokens();
        return forward();
      case 'revokeGrant':
        tp.state.revokeRefreshToken(this.options.forge?.tokens().refresh_token ?? '');
        return forward();
      case 'rotateClientSecret':
        // The app sends the secret it stored; the service now knows another one.
        return send({
          ...init,
          headers: {
            ...(init.headers as Record<string, string>),
            Authorization: `Basic ${Buffer.from(`${DEFAULT_CLIENT.clientId}:rotated-away`).toString('base64')}`,
          },
        });
      case 'needsAuthentication':
        // What the Forge proxy answers; @forge/api turns it into NeedsAuthenticationError.
        return new Response(null, {
          status: 401,
          headers: { 'forge-proxy-error': 'NEEDS_AUTHENTICATION_ERR' },
        });
    }
  }
}
