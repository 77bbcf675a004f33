import { z } from 'zod';
import { buildResolver, type ResolverFunctions } from '../execution/resolver-runner';
import { signedIn } from '../permissions/authorize';
import { accountState, requestAccountConnection } from './account-status';
import { ACCOUNT_PROVIDERS } from './providers';

/** One provider as the "connected accounts" page shows it to the signed-in user. */
export interface AccountStatus {
  provider: string;
  name: string;
  connected: boolean;
  displayName?: string;
  problem?: string;
}

/**
 * The personal "connected accounts" page: each user sees and connects their own accounts for Notify connections
 * of kind `user-account`. Connecting needs Forge's consent flow, which only a UI-started invocation can start
 * (https://developer.atlassian.com/platform/forge/runtime-reference/external-fetch-api/#requestcredentials), so
 * `connectAccount` lets the platform's consent request through to the page.
 */
export const accountsFunctions = {
  listAccounts: {
    input: z.strictObject({}),
    authorize: (_session, context) => Promise.resolve(signedIn(context)),
    handle: (_input, _principal, session) =>
      Promise.all(
        ACCOUNT_PROVIDERS.map(async (provider): Promise<AccountStatus> => {
          const { key, ...state } = await accountState(session, provider);
          return { provider: key, ...state };
        }),
      ),
  },
  connectAccount: {
    input: z.strictObject({ provider: z.string().max(23) }),
    authorize: (_session, context) => Promise.resolve(signedIn(context)),
    handle: (input: { provider: string }, _principal, session) =>
      requestAccountConnection(session, input.provider),
  },
} satisfies ResolverFunctions;

export const accountsResolver = buildResolver('connections/accounts', accountsFunctions);
