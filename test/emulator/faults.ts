import type { ScopeErrorShape } from './scopes';
import type { Identity, Reply } from './types';

export type RateLimitReason = 'jira-burst-based' | 'jira-per-issue-on-write' | 'jira-quota-tenant-based';

/**
 * Which headers a 429 carries (test/emulator/FIDELITY.md, "Platform variants"): `documented` is the rate-limiting
 * page's Retry-After (seconds) + X-RateLimit-Reset (ISO-8601) + RateLimit-Reason; the others are answers seen or
 * possible on real sites: no Retry-After; X-RateLimit-Reset as epoch seconds; no X-RateLimit-Reset; no wait and no
 * reason at all; or only the `Beta-RateLimit-Policy` / `X-Beta-RateLimit-Reason` names of 2026 community traces.
 */
export const RATE_LIMIT_HEADER_VARIANTS = [
  'documented',
  'no-retry-after',
  'reset-epoch-seconds',
  'no-reset',
  'nothing-named',
  'beta-names-only',
] as const;
export type RateLimitHeaders = (typeof RATE_LIMIT_HEADER_VARIANTS)[number];

export type FaultResponse =
  | {
      kind: 'rateLimit';
      reason: RateLimitReason;
      retryAfterSeconds: number;
      /** Default `documented`. */
      headers?: RateLimitHeaders;
    }
  | { kind: 'serverError'; status?: 500 | 502 | 503 | 504 }
  | { kind: 'needsAuthentication' }
  | { kind: 'latency'; ms: number }
  | { kind: 'networkError' }
  /** Jira applies the request, then the answer is lost on the way back (fetch rejects): the ambiguous write. */
  | { kind: 'lostAnswer' }
  /** Jira applies the request, then answers 5xx anyway (a gateway or a late failure): the ambiguous write. */
  | { kind: 'appliedThenServerError'; status: 500 | 502 | 503 | 504 }
  | { kind: 'raw'; status: number; headers?: Record<string, string>; body?: unknown };

export interface FaultMatch {
  method?: string;
  operationId?: string;
  pathTemplate?: string;
  identity?: Identity['kind'];
}

export interface FaultRule {
  match?: FaultMatch;
  times?: number; // default 1; Infinity allowed
  /** Matching requests let through before the fault starts: `after: 1` hits the second matching call. */
  after?: number;
  probability?: number; // 0..1, drawn from the seeded generator
  response: FaultResponse;
}

export interface FaultRequest {
  method: string;
  operationId?: string;
  pathTemplate?: string;
  identity: Identity;
}

/** What a fault does to a request: delay it, reject fetch, or answer in place of the handler. */
export type FaultEffect =
  | { kind: 'delay'; ms: number }
  | { kind: 'reject' }
  | { kind: 'rejectAfterApplying' }
  | { kind: 'replyAfterApplying'; reply: Reply }
  | { kind: 'reply'; reply: Reply };

/** Scripted faults, checked in injection order after routing (so they can match operationId/template). */
export class Faults {
  private rules: Array<FaultRule & { left: number; toSkip: number }> = [];
  private state = 0x2545f491;

  inject(rule: FaultRule): void {
    this.rules.push({ ...rule, left: rule.times ?? 1, toSkip: rule.after ?? 0 });
  }

  clear(): void {
    this.rules = [];
  }

  /** Reseed the generator behind `probability` for reproducible runs. */
  seed(n: number): void {
    this.state = n >>> 0 || 1;
  }

  /** Consumes and returns the effects for one request: any number of delays, then at most one final effect. */
  take(req: FaultRequest, now: number): FaultEffect[] {
    const effects: FaultEffect[] = [];
    for (const rule of this.rules) {
      if (rule.left <= 0 || !matches(rule.match, req)) continue;
      if (rule.toSkip > 0) {
        rule.toSkip -= 1;
        continue;
      }
      if (rule.probability !== undefined && this.next() >= rule.probability) continue;
      rule.left -= 1;
      const effect = toEffect(rule.response, now);
      effects.push(effect);
      if (effect.kind !== 'delay') break;
    }
    return effects;
  }

  // xorshift32: deterministic, no dependency.
  private next(): number {
    let x = this.state;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.state = x >>> 0;
    return this.state / 0x1_0000_0000;
  }
}

function matches(m: FaultMatch | undefined, req: FaultRequest): boolean {
  if (!m) return true;
  return (
    (m.method === undefined || m.method.toUpperCase() === req.method.toUpperCase()) &&
    (m.operationId === undefined || m.operationId === req.operationId) &&
    (m.pathTemplate === undefined || m.pathTemplate === req.pathTemplate) &&
    (m.identity === undefined || m.identity === req.identity.kind)
  );
}

function toEffect(r: FaultResponse, now: number): FaultEffect {
  switch (r.kind) {
    case 'latency':
      return { kind: 'delay', ms: r.ms };
    case 'networkError':
      return { kind: 'reject' };
    case 'lostAnswer':
      return { kind: 'rejectAfterApplying' };
    case 'rateLimit':
      return {
        kind: 'reply',
        reply: {
          status: 429,
          headers: rateLimitHeaders(r.headers ?? 'documented', r.reason, r.retryAfterSeconds, now),
          body: { errorMessages: ['Rate limit exceeded.'], errors: {} },
        },
      };
    case 'appliedThenServerError':
      return {
        kind: 'replyAfterApplying',
        reply: { status: r.status, body: { errorMessages: ['Internal server error'], errors: {} } },
      };
    case 'serverError':
      return {
        kind: 'reply',
        reply: { status: r.status ?? 500, body: { errorMessages: ['Internal server error'], errors: {} } },
      };
    case 'needsAuthentication':
      // The Forge proxy's signal that @forge/api turns into NeedsAuthenticationError.
      return {
        kind: 'reply',
        reply: { status: 401, headers: { 'forge-proxy-error': 'NEEDS_AUTHENTICATION_ERR' }, body: {} },
      };
    case 'raw':
      return { kind: 'reply', reply: { status: r.status, headers: r.headers, body: r.body } };
  }
}

/**
 * A 429's headers in each variant, the wait ending at `resetAt` (epoch ms). `documented`: the rate-limiting page
 * (https://developer.atlassian.com/cloud/jira/platform/rate-limiting/, forge-facts.md §8). `beta-names-only`: the
 * names of a 2026 community trace (https://community.developer.atlassian.com/t/2026-point-based-rate-limits/97828,
 * forge-facts.md addendum), with its quota policy; the other variants drop or reshape the documented headers.
 */
function rateLimitHeaders(
  variant: RateLimitHeaders,
  reason: RateLimitReason,
  seconds: number,
  now: number,
): Record<string, string> {
  const resetAt = now + seconds * 1000;
  const retryAfter = { 'Retry-After': String(seconds) };
  const isoReset = { 'X-RateLimit-Reset': new Date(resetAt).toISOString() };
  const named = { 'RateLimit-Reason': reason, 'X-RateLimit-Remaining': '0' };
  switch (variant) {
    case 'documented':
      return { ...retryAfter, ...isoReset, ...named };
    case 'no-retry-after':
      return { ...isoReset, ...named };
    case 'reset-epoch-seconds':
      return { 'X-RateLimit-Reset': String(Math.ceil(resetAt / 1000)), ...named };
    case 'no-reset':
      return { ...retryAfter, ...named };
    case 'nothing-named':
      return { 'X-RateLimit-Remaining': '0' };
    case 'beta-names-only':
      return {
        'Beta-RateLimit-Policy': '"tenant-app-quota";q=100100;w=3600',
        'X-Beta-RateLimit-Reason': reason,
      };
  }
}

/**
 * Both answers Jira Cloud gives for a missing scope (forge-facts.md §6, community reports; see scopes.ts): every
 * scope-related test runs with each (`site.scopeErrorShape`).
 */
export const SCOPE_ERROR_SHAPES = ['401', '403'] as const satisfies readonly ScopeErrorShape[];
