import declared from './declared-permissions.generated.json';
import { ruleCatalog, type RuleEntry } from '../rules/catalog';
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
  /** Keys of the product modules the manifest declares (rules, pages): an edition may leave some out. */
  modules: string[];
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

/**
 * Whether this build may send anything outside Atlassian (Notify and its connections). The no-egress edition
 * (`npm run edition:no-egress`) declares no egress, so its pages offer no connections.
 */
export const sendsDataOutside = (declared: DeclaredPermissions = declaredPermissions): boolean =>
  declared.customerManagedEgress || declared.egress.length > 0 || declared.remotes.length > 0;

/** The rules this build's manifest declares, in the catalogue's order. */
export const declaredRules = (declared: DeclaredPermissions = declaredPermissions): RuleEntry[] =>
  ruleCatalog.filter((rule) => declared.modules.includes(rule.key));
