import { randomUUID } from 'node:crypto';
import type { ForgeRuntime } from '@forge/api';
import type { Identity, JiraSite } from '../emulator';
import { egressApprovalsOf } from './egress';
import { MemoryKvs } from './kvs';
import type { AsyncEventQueue } from './queue';
import { readManifestPermissions } from './manifest';
import { i18nBundleRoot } from '../../scripts/lib/i18n-bundle';

/** What @forge/api and @forge/kvs hand to `__forge_fetch__` (out/api/fetch.js, out/index.js of @forge/kvs). */
export interface FetchTarget {
  type: string; // 'fpp' product, 'tpp' external-auth provider, 'kvs'; the harness adds 'egress' for fetch()
  provider?: string; // 'app' | 'user' | 'none' for fpp; the provider key for tpp
  remote?: string;
  accountId?: string;
}

export type ExternalAuthProvider = NonNullable<ForgeRuntime['externalAuth']>[number];

export interface InvocationOptions {
  site: JiraSite;
  kvs?: MemoryKvs;
  scopes?: string[]; // default: manifest.yml permissions.scopes (given = manifest not read at all)
  impersonationScopes?: string[]; // default: manifest map-form entries with allowImpersonation: true, else []
  external?: Record<string, unknown>; // static egress permissions; default: manifest.yml permissions.external, else {}
  accountId?: string; // the invocation's user; undefined = none, asUser() answers NEEDS_AUTHENTICATION
  budgetMs?: number; // default 25_000 (limits-invocation: standard functions and resolvers)
  moduleKey?: string;
  /**
   * `context.license` of a paid app's production installation (`app.licensing.enabled`); omitted, as in development
   * and staging installations and free apps (https://developer.atlassian.com/platform/marketplace/listing-forge-apps/).
   */
  license?: { isActive?: boolean; active?: boolean };
  /**
   * Third-party egress: @forge/api fetch() lands here once Forge's check passed (the manifest's static egress, or
   * the site's customer-managed egress approved at run time: `egressApprovalsOf(site)`). Default: rejects.
   */
  externalFetch?: (url: string, init: RequestInit) => Promise<Response>;
  /** Provider accounts for asUser().withProvider(): exactly the runtime's `externalAuth` metadata. */
  externalAuth?: ExternalAuthProvider[];
  /** Where the real @forge/events `Queue.push()` lands. Default: none (the push answers 501). */
  queue?: AsyncEventQueue;
  /**
   * Ends the invocation abruptly at its n-th platform call (Jira, KVS, queue): that call is carried out, its answer
   * never arrives, and no later call is made, as when Forge stops a function that timed out or ran out of memory.
   */
  dieAtCall?: number;
  /** Where withProvider(...).fetch() goes: `url` is the remote's baseUrl + path. Default: rejects. */
  providerFetch?: (
    req: { provider: string; remote: string; accountId?: string; url: string },
    init: RequestInit,
  ) => Promise<Response>;
}

export interface Invocation {
  readonly site: JiraSite;
  readonly kvs: MemoryKvs;
  readonly scopes: readonly string[];
  readonly impersonationScopes: readonly string[];
  readonly accountId?: string;
  readonly invocationId: string;
  /** Every platform call the SDKs made, in order. */
  readonly targets: Array<FetchTarget & { path: string; method: string }>;
  /** The second handler argument Forge passes (function-reference/arguments). */
  readonly context: {
    installContext: string;
    principal?: { accountId: string };
    license?: { isActive?: boolean; active?: boolean };
  };
  /** Settles when the invocation died (`dieAtCall`). */
  readonly died: Promise<void>;
  end(): void;
}

type ForgeFetch = (target: FetchTarget, path: string, init?: RequestInit) => Promise<Response>;
type HarnessGlobals = typeof globalThis & {
  __forge_fetch__?: ForgeFetch;
  __forge_runtime__?: ForgeRuntime;
};
const g = globalThis as HarnessGlobals;

export const CLOUD_ID = '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';
export const APP_ID = '7e57a990-0000-4000-8000-000000000001';
export const ENVIRONMENT_ID = '11111111-2222-4333-8444-555555555555';
/** The installation the harness runs as (Forge's getAppContext()), for seeding this app's workflow rules. */
export const APP_INSTALLATION = { appId: APP_ID, environmentId: ENVIRONMENT_ID } as const;

const noopMetrics: ForgeRuntime['metrics'] = {
  counter: () => ({ incr() {}, incrBy() {}, decr() {}, decrBy() {} }),
  gauge: () => ({ set() {} }),
  timing: () => ({ measure: () => ({ stop() {} }) }),
};

// ---- egress ------------------------------------------------------------------------------------------------
// @forge/api's `fetch` is the global fetch captured when @forge/api is first imported (getFetchAPI() in
// out/api/fetch.js). So the egress shim must be in place before that import: it is installed when this module
// loads. Import the harness before any module that imports @forge/api (or list it in jest setupFiles).
type EgressHandler = (url: string, init: RequestInit) => Promise<Response>;
const originalFetch = globalThis.fetch;
let egress: EgressHandler | undefined;
globalThis.fetch = (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  return egress ? egress(url, init ?? {}) : originalFetch(input, init);
};

const active: Invocation[] = [];

/** Where the translations bundle lives; read once per test file (it hashes the manifest and the catalogues). */
let appCodeDir: string | undefined;

/**
 * Installs `__forge_runtime__` and `__forge_fetch__` for one invocation; `end()` restores what was there.
 * Invocations nest (a resolver test can start one inside another); end them in reverse order.
 */
export function startInvocation(opts: InvocationOptions): Invocation {
  // Explicit scopes win outright: the manifest is read only when `scopes` is omitted.
  const manifest = opts.scopes ? undefined : readManifestPermissions();
  const scopes = opts.scopes ?? manifest?.scopes ?? [];
  const impersonationScopes = opts.impersonationScopes ?? manifest?.impersonationScopes ?? [];
  const external = opts.external ?? manifest?.external ?? {};
  const kvs = opts.kvs ?? new MemoryKvs();
  const site = opts.site;
  const started = Date.now();
  const budget = opts.budgetMs ?? 25_000;
  const invocationId = randomUUID();
  const targets: Invocation['targets'] = [];
  const previous = {
    fetch: g.__forge_fetch__,
    runtime: g.__forge_runtime__,
    grants: site.scopeGrants,
    egress,
  };

  let calls = 0;
  let die: () => void = () => undefined;
  const died = new Promise<void>((resolve) => (die = resolve));
  const never = new Promise<Response>(() => undefined);
  const serve: ForgeFetch = async (target, path, init = {}) => {
    targets.push({ ...target, path, method: (init.method ?? 'GET').toUpperCase() });
    if (target.type === 'kvs') return kvs.handle(path, init);
    if (target.type === 'fpp' && target.remote === 'jira') {
      const identity = identityOf(target, opts.accountId);
      if (!identity) return needsAuthentication();
      return site.handle(identity, path, init);
    }
    if (target.type === 'tpp') return providerCall(target, path, init);
    if (target.type === 'fpp' && target.remote === 'stargate' && path.startsWith('/webhook/queue/publish/'))
      return opts.queue ? opts.queue.accept(init) : new Response(null, { status: 501 });
    return new Response(JSON.stringify({ message: `harness: no emulator for ${JSON.stringify(target)}` }), {
      status: 501,
    });
  };

  const forgeFetch: ForgeFetch = async (target, path, init) => {
    calls += 1;
    if (opts.dieAtCall === undefined || calls < opts.dieAtCall) return serve(target, path, init);
    if (calls === opts.dieAtCall) {
      await serve(target, path, init);
      die();
    }
    return never;
  };

  const providerCall = (target: FetchTarget, path: string, init: RequestInit): Promise<Response> => {
    const provider = opts.externalAuth?.find((p) => p.service === target.provider);
    const remote = provider?.remotes.find((r) => r.key === target.remote);
    if (!opts.providerFetch || !remote || target.provider === undefined) {
      return Promise.reject(
        new Error(`harness: no providerFetch for ${String(target.provider)}/${String(target.remote)}`),
      );
    }
    return opts.providerFetch(
      {
        provider: target.provider,
        remote: remote.key,
        accountId: target.accountId,
        url: remote.baseUrl + path,
      },
      init,
    );
  };

  g.__forge_fetch__ = forgeFetch;
  g.__forge_runtime__ = {
    proxy: { token: 'harness-proxy-token', url: 'http://forge-proxy.invalid' },
    contextAri: `ari:cloud:jira::site/${CLOUD_ID}`,
    // @forge/api's i18n reads `<appCodeDir>/__LOCALES__` (jest's globalSetup builds it).
    container: { appCodeDir: (appCodeDir ??= i18nBundleRoot()) },
    appContext: {
      appId: APP_ID,
      appVersion: '1.0.0',
      environmentId: ENVIRONMENT_ID,
      environmentType: 'DEVELOPMENT',
      invocationId,
      installationId: '22222222-3333-4444-8555-666666666666',
      functionKey: opts.moduleKey ?? 'harness-function',
      moduleType: 'core:function',
      moduleKey: opts.moduleKey ?? 'harness-module',
      permissions: { scopes, external, format: () => `Scopes: ${scopes.join(', ')}` },
      ...(opts.license ? { license: opts.license } : {}),
    },
    lambdaContext: {
      awsRequestId: invocationId,
      // Read from Date.now() so jest fake timers move it.
      getRemainingTimeInMillis: () => Math.max(0, budget - (Date.now() - started)),
    },
    tracing: { traceId: invocationId.replaceAll('-', ''), spanId: invocationId.slice(0, 16) },
    realtime: {},
    metrics: noopMetrics,
    externalAuth: opts.externalAuth ?? [],
    featureFlags: () => false,
  };
  site.scopeGrants = { scopes, impersonationScopes };
  egress = async (url, init) => {
    targets.push({ type: 'egress', path: url, method: (init.method ?? 'GET').toUpperCase() });
    // Static egress: the real SDK decides, from appContext.permissions.external (runtime-egress-permissions).
    // Customer-managed egress: what an admin approved through the bridge, which the docs call "the same underlying
    // egress types" enforced by runtime egress permissions (customer-managed-egress-and-remotes, "Relationship to
    // runtime egress permissions"). A refusal is @forge/api's ExternalEndpointNotAllowedError (out/api/errors.js).
    const api = await import('@forge/api');
    const allowed =
      api.permissions.canFetchFrom('backend', url) || egressApprovalsOf(site).allowsBackendFetch(url);
    if (!allowed) throw new api.ExternalEndpointNotAllowedError(url);
    if (!opts.externalFetch) throw new Error(`harness: no externalFetch given for ${url}`);
    return opts.externalFetch(url, init);
  };

  const invocation: Invocation = {
    site,
    kvs,
    scopes,
    impersonationScopes,
    accountId: opts.accountId,
    invocationId,
    targets,
    died,
    context: {
      installContext: `ari:cloud:jira::site/${CLOUD_ID}`,
      ...(opts.accountId !== undefined ? { principal: { accountId: opts.accountId } } : {}),
      ...(opts.license ? { license: opts.license } : {}),
    },
    end() {
      if (active[active.length - 1] !== invocation)
        throw new Error('harness: end invocations in reverse order');
      active.pop();
      g.__forge_fetch__ = previous.fetch;
      g.__forge_runtime__ = previous.runtime;
      site.scopeGrants = previous.grants;
      egress = previous.egress;
    },
  };
  active.push(invocation);
  return invocation;
}

/** Runs `fn` inside a fresh invocation and always ends it. */
export async function withInvocation<T>(
  opts: InvocationOptions,
  fn: (inv: Invocation) => Promise<T>,
): Promise<T> {
  const inv = startInvocation(opts);
  try {
    return await fn(inv);
  } finally {
    inv.end();
  }
}

/**
 * asApp() -> app; asUser() -> the invocation's user; asUser(id) -> offline impersonation of id.
 * Plain requestJira() (provider 'none') is treated as the app [U: not verified against the platform].
 */
function identityOf(target: FetchTarget, invocationUser: string | undefined): Identity | undefined {
  if (target.provider === 'user') {
    if (target.accountId !== undefined) return { kind: 'impersonated', accountId: target.accountId };
    return invocationUser !== undefined ? { kind: 'user', accountId: invocationUser } : undefined;
  }
  return { kind: 'app' };
}

/** What the Forge proxy answers when there is no user token: @forge/api throws NeedsAuthenticationError. */
function needsAuthentication(): Response {
  return new Response(null, { status: 401, headers: { 'forge-proxy-error': 'NEEDS_AUTHENTICATION_ERR' } });
}
