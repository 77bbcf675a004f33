import {
  buildPostFunctionEvent,
  egressApprovalsOf,
  runPostFunction,
  withInvocation,
  type ExternalAuthProvider,
  type InvocationOptions,
  type MemoryKvs,
  type RunOptions,
} from '../harness';
import type { JiraSite } from '../emulator';
import { EgressGroup, recordEgress } from '../../src/access/egress-approvals';
import { egressRequest } from '../../src/connections/egress';
import { saveConnection, setConnectionSecret } from '../../src/connections/store';
import type { Connection } from '../../src/connections/model';
import { DEFAULT_PROJECT_SETTINGS } from '../../src/settings/model';
import { projectSettingsStore } from '../../src/settings/for-rules';
import { notifyPostFunction } from '../../src/rules/notify';
import { DEFAULT_CLIENT, loopbackFetch, type ThirdParty } from '../third-party';

export { loopbackFetch };

/** Runs Notify on OPS-1 with `configuration`, for a new transition (execution id) each call. */
export function notifier(site: JiraSite, opts: RunOptions, configuration: object) {
  let n = 0;
  return (budgetMs?: number) =>
    runPostFunction(
      notifyPostFunction,
      buildPostFunctionEvent(site, {
        issueKey: 'OPS-1',
        transitionId: '11',
        atlassianId: 'dev',
        executionId: `exec-${(n += 1)}`,
        configuration: JSON.stringify(configuration),
      }),
      budgetMs === undefined ? opts : { ...opts, budgetMs },
    );
}

export const HOOK_PATH = '/hooks/issue-transitioned';

/** Where @forge/api's fetch lands once Forge let it out: the loopback stand-in service. */
export const viaLoopback = { externalFetch: loopbackFetch };

/**
 * What the admin page does when a Jira admin approves a connection's hosts in Forge's consent dialog: Forge stores
 * the egress groups the app asked for (`permissions.egress.set`), and the page reports `permissions.egress.get` to
 * the resolver, which records it. Runs inside an invocation on `site`.
 */
export async function approveHostsOf(site: JiraSite, connection: Connection): Promise<void> {
  const forge = egressApprovalsOf(site);
  const request = egressRequest(connection, EgressGroup.array().parse(forge.get().results));
  if (request.length) forge.set({ egresses: request });
  await recordEgress(EgressGroup.array().parse(forge.get().results), 'admin');
}

/** Saves a connection (and its secret) as the admin page would, hosts approved, and allows it in project OPS. */
export async function setUpConnection(
  site: JiraSite,
  kvs: MemoryKvs,
  connection: Connection,
  secret?: string,
  { approveHosts = true } = {},
): Promise<void> {
  await withInvocation({ site, kvs, accountId: 'admin' }, async () => {
    if (approveHosts) await approveHostsOf(site, connection);
    await saveConnection(connection);
    if (secret !== undefined) await setConnectionSecret(connection.id, secret, 'admin');
    await projectSettingsStore.save(site.requireProject('OPS'), {
      expectedRevision: 0,
      settings: {
        ...DEFAULT_PROJECT_SETTINGS,
        defaults: { ...DEFAULT_PROJECT_SETTINGS.defaults, connections: [connection.id] },
      },
      accountId: 'admin',
    });
  });
}

export const apiTokenConnection = (tp: ThirdParty, scheme: 'bearer' | 'basic' = 'bearer'): Connection => ({
  id: 'ops-hook',
  name: 'Ops hook',
  url: `${tp.url}${HOOK_PATH}`,
  auth: { kind: 'api-token', scheme, ...(scheme === 'basic' ? { username: 'alice' } : {}) },
});

export const clientCredentialsConnection = (tp: ThirdParty): Connection => ({
  id: 'ops-oauth',
  name: 'Ops OAuth',
  url: `${tp.url}${HOOK_PATH}`,
  auth: {
    kind: 'oauth-client-credentials',
    tokenUrl: `${tp.url}/oauth/token`,
    clientId: DEFAULT_CLIENT.clientId,
  },
});

export const userAccountConnection = (tp: ThirdParty): Connection => ({
  id: 'ops-user',
  name: 'Ops as you',
  url: `${tp.url}${HOOK_PATH}`,
  auth: { kind: 'user-account', provider: 'notify-account' },
});

/**
 * What Forge does for `withProvider(...).fetch`, against the stand-in: it holds each user's tokens, adds the access
 * token, and on a 401 refreshes once with the refresh token (providers.auth `refreshToken` action). When the refresh
 * is refused, the app gets the service's 401: the user must reconnect.
 */
export function forgeTokenService(tp: ThirdParty, username = 'alice') {
  let tokens = tp.state.issueTokens({ username, scope: 'hooks:write' });
  const provider: ExternalAuthProvider = {
    service: 'notify-account',
    remotes: [{ key: 'notify-service', baseUrl: tp.url }],
    accounts: [{ id: 'acc-1', externalAccountId: username, displayName: username, scopes: ['hooks:write'] }],
  };
  const send = (url: string, init: RequestInit) =>
    loopbackFetch(url, {
      ...init,
      headers: {
        ...(init.headers as Record<string, string>),
        Authorization: `Bearer ${tokens.access_token}`,
      },
    });
  const providerFetch: NonNullable<InvocationOptions['providerFetch']> = async (req, init) => {
    const first = await send(req.url, init);
    if (first.status !== 401) return first;
    const refreshed = await loopbackFetch(`${tp.url}/oauth/token`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Authorization: `Basic ${Buffer.from(`${DEFAULT_CLIENT.clientId}:${DEFAULT_CLIENT.clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token ?? '',
      }).toString(),
    });
    if (!refreshed.ok) return first;
    tokens = (await refreshed.json()) as typeof tokens;
    return send(req.url, init);
  };
  return { provider, providerFetch, tokens: () => tokens };
}

/** Requests the stand-in answered 2xx: what actually got through. */
export const delivered = (tp: ThirdParty) =>
  tp.state.received.filter((r) => r.path === HOOK_PATH && r.status >= 200 && r.status < 300);
