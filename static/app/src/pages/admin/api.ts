import { invokeResolver } from '../../bridge/invoke';
import type {
  AuditDetailView,
  AuditExportView,
  AuditPurgeView,
  ConnectionsRemovedView,
  DataOverviewView,
  ConnectionsView,
  ConnectionTestView,
  ConnectionView,
  EgressGroupView,
  EgressPlanView,
  ExecutionsView,
  IdentityView,
  PermissionsOverview,
  RuleUsagesView,
  SecretStatusView,
} from '@backend/shared/admin-page';
import type { HealthReportView } from '@backend/shared/health';

export interface ExecutionFilter {
  projectKey?: string;
  rule?: string;
  outcome?: string;
  actorKind?: string;
}

export type ConnectionDefinition = Omit<ConnectionView, 'secret' | 'hosts'>;
/** What the bridge answered `permissions.egress.get` just before, for the resolver to record. */
type Approvals = EgressGroupView[] | undefined;
const withApprovals = (approvals: Approvals) => (approvals ? { approvals } : {});

/** The admin page resolver's functions (src/pages/admin); every one checks Administer Jira on the server. */
export const adminApi = {
  permissions: () => invokeResolver<PermissionsOverview>('getPermissions'),
  identity: (startAt: number, maxResults: number) =>
    invokeResolver<IdentityView>('getIdentity', { startAt, maxResults }),
  ruleUsages: () => invokeResolver<RuleUsagesView>('getRuleUsages'),
  executions: (filter: ExecutionFilter, cursor?: string) =>
    invokeResolver<ExecutionsView>('getExecutions', { ...filter, ...(cursor ? { cursor } : {}) }),
  auditDetail: () => invokeResolver<AuditDetailView>('getAuditDetail'),
  setAuditDetail: (successDetail: AuditDetailView['successDetail']) =>
    invokeResolver<AuditDetailView>('setAuditDetail', { successDetail }),
  connections: (approvals: Approvals) =>
    invokeResolver<ConnectionsView>('getConnections', withApprovals(approvals)),
  planConnection: (connection: ConnectionDefinition, approvals: Approvals) =>
    invokeResolver<EgressPlanView>('planConnection', { connection, ...withApprovals(approvals) }),
  saveConnection: (connection: ConnectionDefinition, approvals: Approvals) =>
    invokeResolver<ConnectionsView>('saveConnection', { connection, ...withApprovals(approvals) }),
  deleteConnection: (id: string) => invokeResolver<ConnectionsView>('deleteConnection', { id }),
  setSecret: (id: string, value: string) =>
    invokeResolver<SecretStatusView>('setConnectionSecret', { id, value }),
  deleteSecret: (id: string) => invokeResolver<SecretStatusView>('deleteConnectionSecret', { id }),
  testConnection: (id: string) => invokeResolver<ConnectionTestView>('testConnection', { id }),
  health: () => invokeResolver<HealthReportView>('getHealth'),
  runHealthCheck: () => invokeResolver<HealthReportView>('runHealthCheck'),
  connectProvider: (provider: string) => invokeResolver<never>('connectProvider', { provider }),
  dataOverview: () => invokeResolver<DataOverviewView>('getDataOverview'),
  exportAuditLog: (cursor?: string) =>
    invokeResolver<AuditExportView>('exportAuditLog', cursor ? { cursor } : {}),
  purgeAuditLog: (before?: number) =>
    invokeResolver<AuditPurgeView>('purgeAuditLog', before ? { before } : {}),
  deleteAllConnections: () => invokeResolver<ConnectionsRemovedView>('deleteAllConnections'),
};
