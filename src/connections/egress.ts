import { createHash } from 'node:crypto';
import {
  approvedOrigins,
  BACKEND_FETCH,
  MAX_EGRESS_GROUPS,
  originOf,
  type EgressGroup,
} from '../access/egress-approvals';
import { invalidInput } from '../access/failures';
import { text, type Text } from '../access/texts';
import { oneAfterAnother } from '../shared/issue-texts';
import type { ConnectionHostView, EgressHostView, EgressView } from '../shared/admin-page';
import type { Connection } from './model';

/**
 * Which hosts a connection sends to, and the customer-managed egress an admin approves for them
 * (https://developer.atlassian.com/platform/forge/customer-managed-egress-and-remotes/). One egress group per host:
 * a host is asked for once, whichever connections share it, and removed with one `deleteGroup` when the last
 * connection using it goes; the app never sets a group that exists already, whose outcome the docs leave open.
 * The limits are 10 groups per installation and 10 domains per group, so at most 10 hosts.
 */
export const GROUP_PREFIX = 'notify-host-';

/** The service and, for OAuth client credentials, the token endpoint. A user-account connection sends through the
 * provider's remote, which the manifest declares: it needs no approval. */
export function hostsOf(connection: Connection): { origin: string; role: ConnectionHostView['role'] }[] {
  if (connection.auth.kind === 'user-account') return [];
  const hosts: { url: string; role: ConnectionHostView['role'] }[] = [
    { url: connection.url, role: 'service' },
  ];
  if (connection.auth.kind === 'oauth-client-credentials')
    hosts.push({ url: connection.auth.tokenUrl, role: 'token endpoint' });
  const seen = new Set<string>();
  return hosts.flatMap(({ url, role }) => {
    const origin = originOf(url);
    if (!origin || seen.has(origin)) return [];
    seen.add(origin);
    return [{ origin, role }];
  });
}

/** Stable, readable and collision-free: `notify-host-hooks-example-com-1a2b3c4d`. */
export function groupKeyFor(origin: string): string {
  const slug = new URL(origin).host
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 40);
  const hash = createHash('sha256').update(origin).digest('hex').slice(0, 8);
  return `${GROUP_PREFIX}${slug}-${hash}`;
}

function describe(connection: Connection, role: ConnectionHostView['role']): string {
  return role === 'service'
    ? `Workflow Guard's Notify post-function posts issues and transitions to connection "${connection.name}" here.`
    : `Workflow Guard gets OAuth access tokens for connection "${connection.name}" here.`;
}

export function connectionHosts(connection: Connection, approved: ReadonlySet<string>): ConnectionHostView[] {
  return hostsOf(connection).map(({ origin, role }) => ({ origin, role, approved: approved.has(origin) }));
}

/** Hosts as "a and b", in the reader's language. */
const hostList = (hosts: readonly string[]): Text =>
  oneAfterAnother(
    hosts.map((host) => ({ verbatim: host })),
    'errors.and',
  ) ?? { verbatim: '' };

/**
 * The groups to ask the admin for so that `connection` can send: one per host not approved yet. Refused, before
 * anything is asked, when Forge's group limit would be passed.
 */
export function egressRequest(connection: Connection, groups: readonly EgressGroup[]): EgressGroup[] {
  const approved = approvedOrigins(groups);
  const request = hostsOf(connection)
    .filter(({ origin }) => !approved.has(origin))
    .map(({ origin, role }): EgressGroup => ({
      key: groupKeyFor(origin),
      description: describe(connection, role),
      configured: [{ domain: origin, type: [BACKEND_FETCH] }],
    }));
  const taken = new Set(groups.map((group) => group.key));
  if (request.length && taken.size + request.filter((g) => !taken.has(g.key)).length > MAX_EGRESS_GROUPS) {
    throw invalidInput(
      text('errors.connections.tooManyHosts', {
        name: connection.name,
        hosts: hostList(request.map((g) => g.configured[0]?.domain ?? '')),
        max: MAX_EGRESS_GROUPS,
        used: taken.size,
        where: text('errors.connections.approveHostsAt'),
      }),
    );
  }
  return request;
}

/** Refuses to save a connection whose hosts are not all approved: it could not send anything. */
export function requireApprovedHosts(connection: Connection, groups: readonly EgressGroup[]): void {
  const missing = connectionHosts(connection, approvedOrigins(groups)).filter((host) => !host.approved);
  if (missing.length) {
    throw invalidInput(
      text('errors.connections.notApproved', {
        name: connection.name,
        hosts: hostList(missing.map((h) => h.origin)),
        count: missing.length,
      }),
    );
  }
}

/** Every approved host with the connections using it; the app's own groups no connection uses can be removed. */
export function egressView(
  connections: readonly Connection[],
  groups: readonly EgressGroup[],
  recordedAt?: string,
): EgressView {
  const users = new Map<string, string[]>();
  for (const connection of connections)
    for (const { origin } of hostsOf(connection))
      users.set(origin, [...(users.get(origin) ?? []), connection.name]);
  const hosts: EgressHostView[] = groups.flatMap((group) =>
    group.configured
      .filter((entry) => entry.type.includes(BACKEND_FETCH))
      .map((entry) => {
        const origin = originOf(entry.domain) ?? entry.domain;
        const usedBy = users.get(origin) ?? [];
        return {
          origin,
          group: group.key,
          usedBy,
          removable: usedBy.length === 0 && group.key.startsWith(GROUP_PREFIX),
        };
      }),
  );
  return {
    hosts: hosts.sort((a, b) => a.origin.localeCompare(b.origin)),
    groupsInUse: groups.length,
    maxGroups: MAX_EGRESS_GROUPS,
    ...(recordedAt ? { recordedAt } : {}),
  };
}
