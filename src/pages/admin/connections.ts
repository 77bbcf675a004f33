import { z } from 'zod';
import type { AccessSession } from '../../access/session';
import { accountState } from '../../connections/account-status';
import { Connection, ConnectionId } from '../../connections/model';
import { ACCOUNT_PROVIDERS } from '../../connections/providers';
import { listConnections } from '../../connections/store';
import type { ConnectionsView } from '../../shared/admin-page';

/** Inputs of the secrets and connections section. A secret value is accepted here and never sent back. */
export const ConnectionInput = z.strictObject({ connection: Connection });
export const ConnectionIdInput = z.strictObject({ id: ConnectionId });
export const SecretInput = z.strictObject({
  id: ConnectionId,
  value: z.string().trim().min(1, 'enter the secret').max(4096, 'keep the secret under 4,096 characters'),
});
export const ProviderInput = z.strictObject({ provider: z.string().min(1).max(23) });

/** Every connection with its secret's status (never its value), and the admin's own provider accounts. */
export async function readConnections(session: AccessSession): Promise<ConnectionsView> {
  const connections = await listConnections();
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
      },
    })),
    providers,
  };
}
