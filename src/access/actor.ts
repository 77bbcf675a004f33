/**
 * Who makes a Jira call. Every call site states it; nothing picks an identity implicitly.
 * - app: the app's bot user (`api.asApp()`); the only choice in validators, which get no user identity.
 * - user: the person using a page of the app (`api.asUser()`), possible only in UI-started invocations.
 * - impersonated: a named user offline (`api.asUser(accountId)`), e.g. the user who transitioned an issue; Jira
 *   accepts it only for scopes declared with `allowImpersonation: true`
 *   (https://developer.atlassian.com/platform/forge/manifest-reference/permissions/).
 */
export type Actor = { kind: 'app' } | { kind: 'user' } | { kind: 'impersonated'; accountId: string };

export const APP: Actor = { kind: 'app' };
export const CURRENT_USER: Actor = { kind: 'user' };
export const impersonate = (accountId: string): Actor => ({ kind: 'impersonated', accountId });

/** How people read the actor in messages and the audit log. */
export function describeActor(actor: Actor): string {
  switch (actor.kind) {
    case 'app':
      return "the Workflow Guard app's bot user";
    case 'user':
      return 'you';
    case 'impersonated':
      return `the user ${actor.accountId} (Workflow Guard acting on their behalf)`;
  }
}
