import type { GrantedPermissions } from '../access/app-permissions';
import { ruleCatalog } from '../rules/catalog';
import type { EgressRule, PermissionsOverview, ScopeRowView } from '../shared/admin-page';
import type { DeclaredPermissions } from './declared-permissions';
import { flattenEgress } from './egress';
import type { EndpointRow } from './endpoints';
import type { ScopeReason } from './scope-reasons';

/**
 * The admin page's "what may this app do here" section, built from what the runtime granted, what the deployed
 * manifest asks for, the endpoint table and the scope reasons. Pure: the resolver reads the inputs.
 */
const FEATURE_NAMES: Readonly<Record<string, string>> = {
  access: 'Permission checks before acting',
  permissions: 'Page access checks',
  'pages/admin': 'Admin page',
  'pages/project-settings': 'Project settings page',
  connections: 'Connections (Notify)',
  execution: 'Failure reports on issues',
  'rules/validator-config': 'Validator configuration screens',
  health: 'Health check',
  'health/checkers': 'Health check',
};

export function featureName(feature: string): string {
  const rule = ruleCatalog.find((entry) => `rules/${entry.key}` === feature);
  if (rule) return `${rule.title} ${rule.kind}`;
  return FEATURE_NAMES[feature] ?? feature;
}

const egressKey = (rule: EgressRule) => `${rule.kind} ${rule.address}`;

export function buildPermissionsOverview(input: {
  granted: GrantedPermissions;
  declared: DeclaredPermissions;
  endpoints: readonly EndpointRow[];
  reasons: Readonly<Record<string, ScopeReason>>;
  /** Origins an admin approved through the bridge, as the admin page recorded them (access/egress-approvals.ts). */
  approvedOrigins?: readonly string[];
}): PermissionsOverview {
  const { granted, declared, endpoints, reasons } = input;
  const requested = new Map(declared.scopes.map((s) => [s.scope, s]));
  const source = granted.scopes ? 'runtime' : 'manifest';
  const grantedScopes = new Set(granted.scopes ?? requested.keys());
  const all = [...new Set([...requested.keys(), ...grantedScopes])].sort();

  const scopes = all.map((scope): ScopeRowView => {
    const calls = endpoints.filter((row) => row.classicScopes.includes(scope));
    const reason = reasons[scope];
    const features = [...new Set(calls.flatMap((row) => row.features))].map(featureName);
    return {
      scope,
      reason: reason?.reason ?? 'No reason recorded for this scope.',
      ...(reason?.requiredBy ? { requiredBy: reason.requiredBy } : {}),
      status: !grantedScopes.has(scope)
        ? 'awaiting-approval'
        : requested.has(scope)
          ? 'granted'
          : 'no-longer-requested',
      allowImpersonation: requested.get(scope)?.allowImpersonation ?? false,
      features: features.sort(),
      endpoints: calls.map((row) => ({
        method: row.method,
        pathTemplate: row.pathTemplate,
        summary: row.summary,
        features: row.features.map(featureName),
      })),
    };
  });

  const declaredEgress = new Set(declared.egress.map(egressKey));
  const reported = flattenEgress(granted.external);
  const recorded = (input.approvedOrigins ?? []).map((address) => ({ kind: 'fetch.backend', address }));
  const customerManaged = [...reported, ...recorded].filter(
    (rule, index, all) =>
      !declaredEgress.has(egressKey(rule)) &&
      all.findIndex((other) => egressKey(other) === egressKey(rule)) === index,
  );
  return {
    source,
    scopes,
    awaitingApproval: scopes.filter((row) => row.status === 'awaiting-approval').map((row) => row.scope),
    egress: [
      ...declared.egress.map((rule) => ({ ...rule, origin: 'declared' as const })),
      ...customerManaged.map((rule) => ({ ...rule, origin: 'customer-managed' as const })),
    ],
    customerManagedEgress: declared.customerManagedEgress,
    remotes: declared.remotes,
    authProviders: declared.authProviders,
    contentSecurity: declared.contentSecurity,
  };
}
