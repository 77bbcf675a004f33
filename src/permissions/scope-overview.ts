import type { GrantedPermissions } from '../access/app-permissions';
import { inEnglish, text, type Text } from '../access/texts';
import { ruleCatalog, ruleKindKey, ruleTitleKey } from '../rules/catalog';
import type { EgressRule, PermissionsOverview, ScopeRowView } from '../shared/admin-page';
import type { DeclaredPermissions } from './declared-permissions';
import { flattenEgress } from './egress';
import type { EndpointRow } from './endpoints';
import type { ScopeReason } from './scope-reasons';

/**
 * The admin page's "what may this app do here" section, built from what the runtime granted, what the deployed
 * manifest asks for, the endpoint table and the scope reasons. Pure: the resolver reads the inputs. Reasons and
 * features are catalogue texts (sections `scopes` and `catalog`), worded by the page in the admin's language.
 */
const FEATURE_TEXTS: Readonly<Record<string, string>> = {
  access: 'scopes.features.access',
  permissions: 'scopes.features.permissions',
  'pages/admin': 'scopes.features.adminPage',
  'pages/project-settings': 'scopes.features.projectSettingsPage',
  connections: 'scopes.features.connections',
  execution: 'scopes.features.execution',
  // The configuration screens of validators, conditions and post-functions all go through this resolver.
  'rules/validator-config': 'scopes.features.ruleScreens',
  // Which project an issue or key is: the per-project settings are kept by project id.
  settings: 'scopes.features.projectSettings',
  health: 'scopes.features.health',
  'health/checkers': 'scopes.features.health',
};

/** A capability folder (`rules/comment`) as people read it: "Comment post-function". */
export function featureText(feature: string): Text {
  const rule = ruleCatalog.find((entry) => `rules/${entry.key}` === feature);
  if (rule)
    return text('scopes.features.rule', {
      title: text(ruleTitleKey(rule.key)),
      kind: text(ruleKindKey(rule.kind)),
    });
  const key = FEATURE_TEXTS[feature];
  return key ? text(key) : { verbatim: feature };
}

/** Distinct texts, in the order English reads them (the page's order does not change with the language). */
const distinctTexts = (texts: readonly Text[]): Text[] =>
  [...new Map(texts.map((said) => [inEnglish(said), said])).entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, said]) => said);

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
    const features = distinctTexts([...new Set(calls.flatMap((row) => row.features))].map(featureText));
    return {
      scope,
      reason: reason?.reason ?? text('scopes.reasons.none'),
      ...(reason?.requiredBy ? { requiredBy: reason.requiredBy } : {}),
      status: !grantedScopes.has(scope)
        ? 'awaiting-approval'
        : requested.has(scope)
          ? 'granted'
          : 'no-longer-requested',
      allowImpersonation: requested.get(scope)?.allowImpersonation ?? false,
      features,
      endpoints: calls.map((row) => ({
        method: row.method,
        pathTemplate: row.pathTemplate,
        summary: row.summary,
        features: row.features.map(featureText),
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
