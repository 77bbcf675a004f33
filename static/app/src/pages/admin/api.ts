import { invokeResolver } from '../../bridge/invoke';
import type {
  ConnectionsView,
  ConnectionTestView,
  ConnectionView,
  ExecutionsView,
  IdentityView,
  PermissionsOverview,
  RuleUsagesView,
  SecretStatusView,
} from '@backend/shared/admin-page';

export interface ExecutionFilter {
  projectKey?: string;
  rule?: string;
  outcome?: string;
  actorKind?: string;
}

type ConnectionDefinition = Omit<ConnectionView, 'secret'>;

/** The admin page resolver's functions (src/pages/admin); every one checks Administer Jira on the server. */
export const adminApi = {
  permissions: () => invokeResolver<PermissionsOverview>('getPermissions'),
  identity: (startAt: number, maxResults: number) =>
    invokeResolver<IdentityView>('getIdentity', { startAt, maxResults }),
  ruleUsages: () => invokeResolver<RuleUsagesView>('getRuleUsages'),
  executions: (filter: ExecutionFilter, cursor?: string) =>
    invokeResolver<ExecutionsView>('getExecutions', { ...filter, ...(cursor ? { cursor } : {}) }),
  connections: () => invokeResolver<ConnectionsView>('getConnections'),
  saveConnection: (connection: ConnectionDefinition) =>
    invokeResolver<ConnectionsView>('saveConnection', { connection }),
  deleteConnection: (id: string) => invokeResolver<ConnectionsView>('deleteConnection', { id }),
  setSecret: (id: string, value: string) =>
    invokeResolver<SecretStatusView>('setConnectionSecret', { id, value }),
  deleteSecret: (id: string) => invokeResolver<SecretStatusView>('deleteConnectionSecret', { id }),
  testConnection: (id: string) => invokeResolver<ConnectionTestView>('testConnection', { id }),
  connectProvider: (provider: string) => invokeResolver<never>('connectProvider', { provider }),
};
