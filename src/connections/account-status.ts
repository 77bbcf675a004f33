import { CURRENT_USER } from '../access/actor';
import { invalidInput } from '../access/failures';
import { text } from '../access/texts';
import type { AccessSession } from '../access/session';
import { echoInput } from '../execution/configuration';
import { explain } from '../execution/explain';
import { findProvider, type ACCOUNT_PROVIDERS } from './providers';

/** Whether the signed-in user has connected their own account of one provider, or why that is unknown. */
export interface AccountState {
  key: string;
  name: string;
  connected: boolean;
  displayName?: string;
  problem?: string;
}

export async function accountState(
  session: AccessSession,
  provider: (typeof ACCOUNT_PROVIDERS)[number],
): Promise<AccountState> {
  try {
    const account = session.external(CURRENT_USER).account(provider.key, provider.remote);
    const connected = await account.isConnected();
    const displayName = connected ? await account.displayName() : undefined;
    return { key: provider.key, name: provider.name, connected, ...(displayName ? { displayName } : {}) };
  } catch (error) {
    const failure = explain(error);
    const problem =
      failure.code === 'INTERNAL'
        ? 'Jira did not tell the app about this account provider, so the connection state is unknown. Check that the latest version of Workflow Guard is installed.'
        : failure.userMessage;
    return { key: provider.key, name: provider.name, connected: false, problem };
  }
}

/**
 * Asks Forge to connect the signed-in user's own account at the provider named `key`: throws the platform's consent
 * request, which the resolver lets through to Forge's consent screen, or a clear refusal for an unknown name.
 */
export function requestAccountConnection(session: AccessSession, key: string): Promise<unknown> {
  const provider = findProvider(key);
  if (!provider)
    throw invalidInput(text('errors.connections.unknownProviderRequest', { provider: echoInput(key) }));
  return session.external(CURRENT_USER).account(provider.key, provider.remote).requestConnection();
}
