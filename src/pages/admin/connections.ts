import { z } from 'zod';
import { EgressGroup, readEgressRecord, recordEgress, approvedOrigins } from '../../access/egress-approvals';
import { APP } from '../../access/actor';
import { displayNames } from '../../access/people';
import type { AccessSession } from '../../access/session';
import { accountState } from '../../connections/account-status';
import { connectionHosts, egressRequest, egressView, requireApprovedHosts } from '../../connections/egress';
import { Connection, ConnectionId } from '../../connections/model';
import { ACCOUNT_PROVIDERS } from '../../connections/providers';
import { checkConnection, listConnections } from '../../connections/store';
import type { ConnectionsView, EgressPlanView } from '../../shared/admin-page';

/**
 * Inputs of the secrets and connections section. A secret value is accepted here and never sent back.
 * `approvals` is what `permissions.egress.get` from @forge/bridge answered the page just before: only the bridge
 * can read customer-managed egress, so the page reports it and the app records it (access/egress-approvals.ts).
 */
const Approvals = z.array(EgressGroup).max(100);
export const ApprovalsInput = z.strictObject({ approvals: Approvals.optional() });
export const ConnectionInput = z.strictObject({ connection: Connection, approvals: Approvals.optional() });
export const ConnectionIdInput = z.strictObject({ id: ConnectionId });
export const SecretInput = z.strictObject({
  id: ConnectionId,
  value: z.string().trim().min(1, 'enter the secret').max(4096, 'keep the secret under 4,096 characters'),
});
export const ProviderInput = z.strictObject({ provider: z.string().min(1).max(23) });

/** Records the approvals the page read from Forge; answers a summary for the audit log when they changed. */
export async function recordApprovals(
  approvals: EgressGroup[] | undefined,
  accountId: string,
): Promise<string | undefined> {
  if (!approvals) return undefined;
  const { added, removed } = await recordEgress(approvals, accountId);
  const parts = [
    ...(added.length ? [`Hosts approved for Notify: ${added.join(', ')}`] : []),
    ...(removed.length ? [`Hosts no longer approved: ${removed.join(', ')}`] : []),
  ];
  return parts.length ? parts.join('. ') : undefined;
}

/**
 * The hosts `connection` sends to and the egress groups to ask approval for, judged against the approvals the
 * page reported (else the recorded ones). Checks the input; writes nothing.
 */
export async function planConnection(
  connection: Connection,
  approvals: EgressGroup[] | undefined,
): Promise<EgressPlanView> {
  const checked = checkConnection(connection);
  const groups = approvals ?? (await readEgressRecord())?.groups ?? [];
  return {
    hosts: connectionHosts(checked, approvedOrigins(groups)),
    request: egressRequest(checked, groups),
  };
}

/** Saving needs the input valid and every host of the connection approved; checks only, writes nothing. */
export async function checkSavable(
  connection: Connection,
  approvals: EgressGroup[] | undefined,
): Promise<void> {
  const groups = approvals ?? (await readEgressRecord())?.groups ?? [];
  requireApprovedHosts(checkConnection(connection), groups);
}

/** Every connection with its secret's status (never its value) and hosts, the approved hosts, your accounts. */
export async function readConnections(session: AccessSession): Promise<ConnectionsView> {
  const connections = await listConnections();
  // One lookup for everyone who set a secret, so the page names them.
  const setters = connections.flatMap((c) => (c.secret.setBy ? [c.secret.setBy] : []));
  const names = setters.length ? await displayNames(session.jira(APP), setters) : new Map<string, string>();
  const record = await readEgressRecord();
  const groups = record?.groups ?? [];
  const approved = approvedOrigins(groups);
  const providers = [];
  for (const provider of ACCOUNT_PROVIDERS) {
    const { key, name, connected, problem } = await accountState(session, provider);
    providers.push({ key, name, connected, ...(problem ? { problem } : {}) });
  }
  return {
    connections: connections.map(({ id, name, url, auth, secret }) => ({
      id,
      name,
      url,
      auth,
      secret: {
        set: secret.set,
        ...(secret.setAt ? { setAt: secret.setAt } : {}),
        ...(secret.setBy ? { setBy: secret.setBy } : {}),
        ...(secret.setBy && names.has(secret.setBy) ? { setByName: names.get(secret.setBy) } : {}),
      },
      hosts: connectionHosts({ id, name, url, auth }, approved),
    })),
    providers,
    egress: egressView(connections, groups, record?.recordedAt),
  };
}
