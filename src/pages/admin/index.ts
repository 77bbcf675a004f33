import { z } from 'zod';
import { APP, CURRENT_USER } from '../../access/actor';
import { displayNames } from '../../access/people';
import { readGrantedPermissions } from '../../access/app-permissions';
import { approvedOrigins, readEgressRecord, type EgressGroup } from '../../access/egress-approvals';
import { invalidInput } from '../../access/failures';
import { text } from '../../access/texts';
import { forgeStore } from '../../access/kv-store';
import { storageKeys } from '../../access/storage-keys';
import type { AccessSession } from '../../access/session';
import type { Connection } from '../../connections/model';
import { requestAccountConnection } from '../../connections/account-status';
import {
  deleteConnection,
  deleteConnectionSecret,
  getConnection,
  saveConnection,
  setConnectionSecret,
} from '../../connections/store';
import { testConnection } from '../../connections/test-connection';
import { recordExecution } from '../../execution/audit-sink';
import {
  buildResolver,
  type ResolverFunction,
  type ResolverFunctions,
} from '../../execution/resolver-runner';
import { requireJiraAdmin, type Principal } from '../../permissions/authorize';
import { declaredPermissions, sendsDataOutside } from '../../permissions/declared-permissions';
import { endpointTable } from '../../permissions/endpoints';
import { buildPermissionsOverview } from '../../permissions/scope-overview';
import { scopeReasons } from '../../permissions/scope-reasons';
import type { SecretStatusView } from '../../shared/admin-page';
import { ProjectPage, readIdentity } from './bot-identity';
import {
  ApprovalsInput,
  checkSavable,
  ConnectionIdInput,
  ConnectionInput,
  planConnection,
  ProviderInput,
  readConnections,
  recordApprovals,
  SecretInput,
} from './connections';
import { AuditDetailInput, readAuditDetail, setAuditDetail } from './audit-detail';
import { ExecutionsQuery, readExecutions } from './executions';
import {
  exportAuditPart,
  ExportInput,
  purgeAuditPart,
  PurgeInput,
  readDataOverview,
  removeAllConnections,
} from './data-lifecycle';
import { findRuleUsages } from './rule-usage';
import { readHealthReport, runHealthCheck } from '../../health/run';

/**
 * Resolver of the jira:adminPage module. Every function first proves, server-side, that the caller holds
 * Administer Jira (requireJiraAdmin asks Jira as the caller); only the trusted context is read for that.
 */
function adminFunction<I, O>(
  input: z.ZodType<I>,
  handle: (input: I, principal: Principal, session: AccessSession) => Promise<O>,
): ResolverFunction<I, Principal, O> {
  return { input, authorize: requireJiraAdmin, handle };
}

/**
 * A function of the Secrets and connections tab. The no-egress edition declares no egress and has no Notify: its
 * connections could never be used, so it refuses to keep any.
 */
function connectionFunction<I, O>(
  input: z.ZodType<I>,
  handle: (input: I, principal: Principal, session: AccessSession) => Promise<O>,
): ResolverFunction<I, Principal, O> {
  return adminFunction(input, (value, principal, session) => {
    if (!sendsDataOutside()) throw invalidInput(text('errors.connections.noEgressEdition'));
    return handle(value, principal, session);
  });
}

const Empty = z.strictObject({});

/** Every write leaves an audit entry naming the admin; summaries name connections, never secret values. */
async function audit(principal: Principal, session: AccessSession, summary: string): Promise<void> {
  await recordExecution({
    module: 'admin-page',
    rule: 'admin-page',
    triggeredBy: principal.accountId,
    actor: CURRENT_USER,
    calls: session.calls,
    outcome: 'changed',
    summary,
  });
}

/** Records the egress approvals the page read from Forge (the bridge) just before; a change is audited. */
async function noteApprovals(
  approvals: EgressGroup[] | undefined,
  principal: Principal,
  session: AccessSession,
): Promise<void> {
  const changed = await recordApprovals(approvals, principal.accountId);
  if (changed) await audit(principal, session, changed);
}

async function existing(id: string): Promise<Connection> {
  const connection = await getConnection(id);
  if (!connection) throw invalidInput(text('errors.connections.gone', { id }));
  return connection;
}

/** Every function of the admin page's resolver, by function key (exported for the proof suites). */
export const adminFunctions = {
  getPermissions: adminFunction(Empty, async () =>
    buildPermissionsOverview({
      granted: readGrantedPermissions(),
      declared: declaredPermissions,
      endpoints: endpointTable,
      reasons: scopeReasons,
      approvedOrigins: [...approvedOrigins((await readEgressRecord())?.groups ?? [])],
    }),
  ),
  getIdentity: adminFunction(ProjectPage.strict(), async (page, _principal, session) => {
    const { usages } = await findRuleUsages(session);
    const rulesInUse = [...new Set(usages.filter((u) => !u.disabled).map((u) => u.rule))].sort();
    return readIdentity(session, page, rulesInUse);
  }),
  getRuleUsages: adminFunction(Empty, (_input, _principal, session) => findRuleUsages(session)),
  getExecutions: adminFunction(ExecutionsQuery, (query, _principal, session) =>
    readExecutions(query, Date.now(), session),
  ),
  getAuditDetail: adminFunction(Empty, () => readAuditDetail()),
  setAuditDetail: adminFunction(AuditDetailInput, async ({ successDetail }, principal, session) => {
    const view = await setAuditDetail(successDetail);
    await audit(
      principal,
      session,
      `Successful executions are now kept ${successDetail === 'full' ? 'in full' : 'as a one-line summary'} in the audit log`,
    );
    return view;
  }),
  getConnections: connectionFunction(ApprovalsInput, async ({ approvals }, principal, session) => {
    await noteApprovals(approvals, principal, session);
    return readConnections(session);
  }),
  // A refused input writes nothing: the connection is checked before the reported approvals are recorded.
  planConnection: connectionFunction(
    ConnectionInput,
    async ({ connection, approvals }, principal, session) => {
      const plan = await planConnection(connection, approvals);
      await noteApprovals(approvals, principal, session);
      return plan;
    },
  ),
  saveConnection: connectionFunction(
    ConnectionInput,
    async ({ connection, approvals }, principal, session) => {
      await checkSavable(connection, approvals);
      await noteApprovals(approvals, principal, session);
      const before = await getConnection(connection.id);
      await saveConnection(connection);
      await audit(principal, session, `Connection "${connection.name}" ${before ? 'changed' : 'added'}`);
      return readConnections(session);
    },
  ),
  deleteConnection: connectionFunction(ConnectionIdInput, async ({ id }, principal, session) => {
    const connection = await existing(id);
    await deleteConnection(id);
    await audit(principal, session, `Connection "${connection.name}" and its secret deleted`);
    return readConnections(session);
  }),
  setConnectionSecret: connectionFunction(
    SecretInput,
    async ({ id, value }, principal, session): Promise<SecretStatusView> => {
      const connection = await existing(id);
      const replaced = (await forgeStore.get<SecretStatusView>(storageKeys.connectionSecretStatus(id)))?.set;
      const status = await setConnectionSecret(id, value, principal.accountId);
      await audit(
        principal,
        session,
        `Secret of connection "${connection.name}" ${replaced ? 'replaced' : 'set'}`,
      );
      const name = (await displayNames(session.jira(APP), [principal.accountId])).get(principal.accountId);
      return {
        set: status.set,
        ...(status.setAt ? { setAt: status.setAt } : {}),
        ...(status.setBy ? { setBy: status.setBy } : {}),
        ...(name ? { setByName: name } : {}),
      };
    },
  ),
  deleteConnectionSecret: connectionFunction(ConnectionIdInput, async ({ id }, principal, session) => {
    const connection = await existing(id);
    await deleteConnectionSecret(id);
    await audit(principal, session, `Secret of connection "${connection.name}" deleted`);
    return { set: false } satisfies SecretStatusView;
  }),
  testConnection: connectionFunction(ConnectionIdInput, ({ id }, _principal, session) =>
    testConnection(id, session),
  ),
  getHealth: adminFunction(Empty, () => readHealthReport()),
  // Read as the admin (who may read every workflow); the bot's own permissions are still asked as the app.
  runHealthCheck: adminFunction(Empty, (_input, principal, session) =>
    runHealthCheck({
      session,
      reader: CURRENT_USER,
      trigger: 'admin-page',
      now: Date.now(),
      triggeredBy: principal.accountId,
    }),
  ),
  connectProvider: connectionFunction(ProviderInput, ({ provider }, _principal, session) =>
    requestAccountConnection(session, provider),
  ),
  getDataOverview: adminFunction(Empty, () => readDataOverview(Date.now())),
  exportAuditLog: adminFunction(ExportInput, (input, _principal, session) => exportAuditPart(input, session)),
  // The purge's own entry is written once it is done, after the time it removes entries from: it stays.
  purgeAuditLog: adminFunction(PurgeInput, async (input, principal, session) => {
    const progress = await purgeAuditPart(input);
    if (progress.done)
      await audit(
        principal,
        session,
        `Audit log purged: every entry written before ${new Date(progress.before).toISOString()} removed`,
      );
    return progress;
  }),
  deleteAllConnections: connectionFunction(Empty, async (_input, principal, session) => {
    const removed = await removeAllConnections();
    await audit(
      principal,
      session,
      `Every connection deleted (${removed.connections}), with the secrets set for ${removed.secrets} of them`,
    );
    return removed;
  }),
} satisfies ResolverFunctions;

export const adminResolver = buildResolver('pages/admin', adminFunctions);
