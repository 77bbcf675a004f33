import { z } from 'zod';
import { CURRENT_USER } from '../../access/actor';
import type { AccessSession } from '../../access/session';
import { Connection, ConnectionId } from '../../connections/model';
import { ACCOUNT_PROVIDERS } from '../../connections/providers';
import { listConnections } from '../../connections/store';
import { explain } from '../../execution/explain';
import type { ConnectionsView, ProviderStateView } from '../../shared/admin-page';

/** Inputs of the secrets and connections section. A secret value is accepted here and never sent back. */
export const ConnectionInput = z.strictObject({ connection: Connection });
export const ConnectionIdInput = z.strictObject({ id: ConnectionId });
export const SecretInput = z.strictObject({
  id: ConnectionId,
  value: z.string().trim().min(1, 'enter the secret').max(4096, 'keep the secret under 4,096 characters'),
});
export const ProviderInput = z.strictObject({ provider: z.string().min(1).max(23) });

async function providerState(
  session: AccessSession,
  provider: (typeof ACCOUNT_PROVIDERS)[number],
): Promise<ProviderStateView> {
  try {
    const connected = await session
      .external(CURRENT_USER)
      .account(provider.key, provider.remote)
      .isConnected();
    return { key: provider.key, name: provider.name, connected };
  } catch (error) {
    const failure = explain(error);
    const problem =
      failure.code === 'INTERNAL'
        ? 'Jira did not tell the app about this account provider, so your connection state is unknown. Check that the latest version of Workflow Guard is installed.'
        : failure.adminMessage;
    return { key: provider.key, name: provider.name, connected: false, problem };
  }
}

/** Every connection with its secret's status (never its value), and the admin's own provider accounts. */
export async function readConnections(session: AccessSession): Promise<ConnectionsView> {
  const connections = await listConnections();
  const providers = [];
  for (const provider of ACCOUNT_PROVIDERS) providers.push(await providerState(session, provider));
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
      },
    })),
    providers,
  };
}
