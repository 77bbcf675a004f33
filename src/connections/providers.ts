/**
 * The Forge external auth providers Workflow Guard declares in manifest.yml (`providers.auth`), which a Notify
 * connection of kind `user-account` may name. Forge stores and refreshes each user's tokens for them
 * (https://developer.atlassian.com/platform/forge/manifest-reference/providers/); the app only ever calls
 * `withProvider(key, remote)`. test/connections/providers.test.ts keeps this list and the manifest in step.
 */
export interface AccountProvider {
  /** `providers.auth[].key` in the manifest. */
  key: string;
  /** The remote the provider's API calls go to (`providers.auth[].remotes`). */
  remote: string;
  /** As users know the service, e.g. in "Connect your … account". */
  name: string;
}

export const ACCOUNT_PROVIDERS: readonly AccountProvider[] = [
  { key: 'notify-account', remote: 'notify-service', name: 'notification service' },
];

export const findProvider = (key: string): AccountProvider | undefined =>
  ACCOUNT_PROVIDERS.find((provider) => provider.key === key);
