import { randomUUID } from 'node:crypto';
import { APP, CURRENT_USER } from '../access/actor';
import type { AccessSession } from '../access/session';
import { explain } from '../execution/explain';
import { deliver } from './deliver';
import { getConnection } from './store';

export type ConnectionTestResult =
  { ok: true; status: number; detail: string } | { ok: false; code: string; message: string };

/**
 * Sends a test message (`{"type":"workflow-guard.test"}`) to the connection the way Notify would, so the admin
 * sees at once whether the address, egress and credentials work. A `user-account` connection is tried with the
 * admin's own account. The answer names what failed and never carries a credential.
 */
export async function testConnection(id: string, session: AccessSession): Promise<ConnectionTestResult> {
  try {
    const connection = await getConnection(id);
    if (!connection) return { ok: false, code: 'NOT_FOUND', message: `There is no connection "${id}".` };
    const response = await deliver(session, connection, {
      body: { type: 'workflow-guard.test', sentAt: new Date().toISOString() },
      idempotencyKey: `test-${randomUUID()}`,
      user: connection.auth.kind === 'user-account' ? CURRENT_USER : APP,
    });
    return {
      ok: true,
      status: response.status,
      detail: `${connection.name} accepted a test notification (HTTP ${response.status}).`,
    };
  } catch (error) {
    const failure = explain(error);
    return { ok: false, code: failure.code, message: failure.adminMessage };
  }
}
