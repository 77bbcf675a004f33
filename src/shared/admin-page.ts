/**
 * What the admin page's resolver answers, section by section. Shared with the Custom UI (static/app imports this
 * file), so both sides agree on the shapes. No credential ever appears in these types: secrets are described by
 * `SecretStatusView` only.
 */
import type { Text } from './text-format';

// ---- 1. Permissions granted --------------------------------------------------------------------------------

export type ScopeStatus =
  /** Granted to this installation and asked for by the running version. */
  | 'granted'
  /** Asked for by the running version but not granted yet: an admin has to approve the update. */
  | 'awaiting-approval'
  /** Granted, but the running version no longer asks for it. */
  | 'no-longer-requested';

export interface ScopeEndpointView {
  method: string;
  pathTemplate: string;
  /** The operation's summary in Atlassian's OpenAPI description (English, as Jira's REST docs name it). */
  summary: string;
  features: Text[];
}

/** Reasons and features are catalogue texts (src/shared/text-format.ts): the page words them for its reader. */
export interface ScopeRowView {
  scope: string;
  reason: Text;
  /** Set when Forge itself demands the scope (no call site proves it). */
  requiredBy?: { page: string; rule: Text };
  status: ScopeStatus;
  allowImpersonation: boolean;
  features: Text[];
  endpoints: ScopeEndpointView[];
}

/** One egress rule: `kind` is `fetch.backend`, `fetch.client`, `images`, … */
export interface EgressRule {
  kind: string;
  address: string;
  category?: string;
  inScopeEUD?: boolean;
}

export interface AuthProviderView {
  key: string;
  name: string;
  scopes: string[];
  remotes: string[];
}

export interface PermissionsOverview {
  /** Where the scope list came from: the runtime's record of this installation, or the deployed manifest. */
  source: 'runtime' | 'manifest';
  scopes: ScopeRowView[];
  /** Scopes the running version asks for and an admin has not approved yet (only known from the runtime). */
  awaitingApproval: string[];
  egress: (EgressRule & { origin: 'declared' | 'customer-managed' })[];
  customerManagedEgress: boolean;
  remotes: { key: string; baseUrl?: string }[];
  authProviders: AuthProviderView[];
  contentSecurity: { scripts: string[]; styles: string[] };
}

// ---- 2. Identity and effective Jira permissions ------------------------------------------------------------

export interface PermissionView {
  key: string;
  name: string;
  held: boolean;
  /** Titles of the rules in use on this site that need it. */
  neededBy: string[];
  /** For a needed permission the app lacks: what an admin does about it. */
  fix?: string;
  /** `name`, `neededBy` and `fix` as catalogue texts, for the page to word in its reader's language. */
  said?: { name: Text; neededBy: Text[]; fix?: Text };
}

export interface ProjectAccessView {
  key: string;
  name: string;
  permissions: PermissionView[];
  missingNeeded: number;
}

export interface IdentityView {
  bot: { accountId: string; displayName: string; accountType: string; groups: string[] };
  global: PermissionView[];
  projects: ProjectAccessView[];
  projectPage: { startAt: number; maxResults: number; total: number; isLast: boolean };
  rulesInUse: string[];
}

// ---- 3. Where the rules are used ---------------------------------------------------------------------------

export interface RuleUsageView {
  workflowId: string;
  workflowName: string;
  transitionId: string;
  transitionName: string;
  /** Status names the transition starts from; empty for a global transition (from any status). */
  fromStatuses: string[];
  toStatus: string;
  rule: string;
  ruleTitle: string;
  kind: 'validator' | 'condition' | 'post-function';
  disabled: boolean;
  summary: string;
  /** `summary` as a catalogue text, for the page to word in its reader's language. */
  said?: { summary: Text };
}

export interface RuleUsagesView {
  usages: RuleUsageView[];
  workflowsScanned: number;
  /** True when the site has more workflows than one page load scans. */
  truncated: boolean;
}

// ---- 4. Executions -----------------------------------------------------------------------------------------

export interface AuditCallView {
  /** Identical calls this record stands for, when more than one (attempts and duration are their totals). */
  count?: number;
  method: string;
  pathTemplate: string;
  status: number | null;
  attempts: number;
  durationMs: number;
  scopes: string[];
  actor: string;
  failure?: string;
  explanation?: string;
  /** `actor` and `explanation` as catalogue texts, for the page to word in its reader's language. */
  said?: { actor: Text; explanation?: Text };
}

export interface AuditEntryView {
  id: string;
  at: string;
  module: string;
  rule: string;
  ruleTitle: string;
  projectKey?: string;
  issueKey?: string;
  triggeredBy?: string;
  actor: string;
  fallback?: boolean;
  outcome: string;
  summary: string;
  /** `serviceExcerpt`: the start of a third-party service's answer, redacted (Jira admins only). */
  error?: { code: string; message: string; explanation: string; serviceExcerpt?: string };
  calls: AuditCallView[];
  scopesUsed: string[];
  /**
   * The fixed words around the record as catalogue texts, for the page to word in its reader's language: what wrote
   * it, who acted, what the failure code means, and whether the entry was reduced (the full one could not be
   * saved). The record itself (`summary`, `error.message`) stays as it was written.
   */
  said?: { rule: Text; actor: Text; explanation?: Text; reduced?: true };
}

export interface ExecutionsView {
  entries: AuditEntryView[];
  cursor?: string;
  failures: { last24Hours: number; last7Days: number };
  /** What the log keeps now, and the cap and retention that bound it. */
  storage: { entries: number; bytes: number; maxEntries: number; maxBytes: number; retentionDays: number };
}

/**
 * How much of a successful execution the audit log keeps (failures are always kept in full), and the storage
 * each choice takes per 1,000 successful executions, measured on a typical one by the code that stores entries.
 */
export interface AuditDetailView {
  successDetail: 'full' | 'summary';
  perThousand: { full: number; summary: number };
}

export const AUDIT_OUTCOMES = [
  'allowed',
  'blocked',
  'applied',
  'skipped',
  'retrying',
  'failed',
  'changed',
] as const;
export const AUDIT_ACTOR_KINDS = ['app', 'user', 'impersonated', 'none'] as const;

// ---- 5. Secrets and connections ----------------------------------------------------------------------------

/** What pages see of a stored credential: that it exists, when and by whom it was set. Never the value. */
export interface SecretStatusView {
  set: boolean;
  setAt?: string;
  setBy?: string;
  /** The display name of `setBy`, when Jira gave it (pages show names, not account ids). */
  setByName?: string;
}

export type ConnectionAuthView =
  | { kind: 'api-token'; scheme: 'bearer' | 'basic'; username?: string }
  | { kind: 'oauth-client-credentials'; tokenUrl: string; clientId: string; scope?: string }
  | { kind: 'user-account'; provider: string };

/** A host a connection sends to, and whether an admin approved it as customer-managed egress. */
export interface ConnectionHostView {
  /** Scheme, host and port only. */
  origin: string;
  role: 'service' | 'token endpoint';
  approved: boolean;
}

export interface ConnectionView {
  id: string;
  name: string;
  url: string;
  auth: ConnectionAuthView;
  secret: SecretStatusView;
  /** Empty for a user-account connection: it goes through the provider's address the manifest declares. */
  hosts: ConnectionHostView[];
}

/**
 * One customer-managed egress group, exactly as `permissions.egress.set` takes it and `permissions.egress.get`
 * returns it (@forge/bridge 7.2.0): the page hands these between the bridge and the resolver unchanged.
 */
export interface EgressGroupView {
  key: string;
  description: string;
  configured: { domain: string; type: string[] }[];
}

export interface EgressHostView {
  origin: string;
  group: string;
  /** Names of the connections that send there. */
  usedBy: string[];
  /** No connection uses it and the app asked for it: the page offers to remove it. */
  removable: boolean;
}

export interface EgressView {
  /** Approved hosts, as the page last read them from Forge. */
  hosts: EgressHostView[];
  groupsInUse: number;
  maxGroups: number;
  recordedAt?: string;
}

/** What saving a connection needs first: the groups to ask the admin to approve (empty: nothing to ask). */
export interface EgressPlanView {
  hosts: ConnectionHostView[];
  request: EgressGroupView[];
}

/** `said`: the answer as a catalogue text (the page words it in its viewer's language). */
export type ConnectionTestView =
  | { ok: true; status: number; detail: string; said: Text }
  | { ok: false; code: string; message: string; said: Text };

export interface ProviderStateView {
  key: string;
  name: string;
  connected: boolean;
  /** Set when the state could not be read, in words for the admin. */
  problem?: string;
}

export interface ConnectionsView {
  connections: ConnectionView[];
  providers: ProviderStateView[];
  egress: EgressView;
}

// ---- 6. Data and privacy -----------------------------------------------------------------------------------

/** What the app keeps on this site now, for the admin deciding what to export or remove. */
export interface DataOverviewView {
  audit: { entries: number; bytes: number; retentionDays: number; maxEntries: number };
  /** Undefined in the no-egress edition, which keeps no connection. */
  connections?: { count: number; secretsSet: number };
}

/** One part of the audit log as CSV rows (the header comes with the first part); `cursor` asks for the next. */
export interface AuditExportView {
  csv: string;
  entries: number;
  cursor?: string;
}

/** How far a purge got: `before` is the time it removes entries written before; call again until `done`. */
export interface AuditPurgeView {
  before: number;
  removed: number;
  done: boolean;
}

export interface ConnectionsRemovedView {
  connections: number;
  secrets: number;
}
