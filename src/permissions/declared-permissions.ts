import declared from './declared-permissions.generated.json';
import type { AuthProviderView, EgressRule } from '../shared/admin-page';

/**
 * What the deployed manifest asks for, embedded at build time by `npm run declared-permissions`
 * (scripts/manifest/declared-permissions.ts) so the runtime never reads manifest.yml. The admin page falls back
 * to it when the runtime reports no granted scopes, and compares the two to show what an update still awaits.
 */
export interface DeclaredScope {
  scope: string;
  /** `allowImpersonation: true`: the app may use the scope as a user offline (asUser(accountId)). */
  allowImpersonation: boolean;
}

export interface DeclaredPermissions {
  scopes: DeclaredScope[];
  egress: EgressRule[];
  /** `permissions.external.configurable.enabled`: site admins may add egress destinations themselves. */
  customerManagedEgress: boolean;
  remotes: { key: string; baseUrl?: string }[];
  authProviders: AuthProviderView[];
  /** `permissions.content`: relaxations of the Custom UI content security policy. */
  contentSecurity: { scripts: string[]; styles: string[] };
}

export const declaredPermissions: DeclaredPermissions = declared;
