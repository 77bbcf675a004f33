import { randomUUID } from 'node:crypto';
import { APP, CURRENT_USER } from '../access/actor';
import { AccessFailure } from '../access/failures';
import type { AccessSession } from '../access/session';
import { inEnglish, text, type Text } from '../access/texts';
import { explain } from '../execution/explain';
import { deliver } from './deliver';
import { getConnection } from './store';

/** `said`: the answer as a catalogue text, for the admin page to word in its viewer's language. */
export type ConnectionTestResult =
  | { ok: true; status: number; detail: string; said: Text }
  | { ok: false; code: string; message: string; said: Text };

/** A failed test as the admin reads it: what failed, then its stable code. */
function failed(code: string, message: Text): ConnectionTestResult {
  return {
    ok: false,
    code,
    message: inEnglish(message),
    said: text('errors.connectionTest.failure', { message, code }),
  };
}

/**
 * Sends a test message (`{"type":"workflow-guard.test"}`) to the connection the way Notify would, so the admin
 * sees at once whether the address, egress and credentials work. A `user-account` connection is tried with the
 * admin's own account. The answer names what failed and never carries a credential.
 */
export async function testConnection(id: string, session: AccessSession): Promise<ConnectionTestResult> {
  try {
    const connection = await getConnection(id);
    if (!connection) return failed('NOT_FOUND', text('errors.connectionTest.noConnection', { id }));
    const response = await deliver(session, connection, {
      body: { type: 'workflow-guard.test', sentAt: new Date().toISOString() },
      idempotencyKey: `test-${randomUUID()}`,
      user: connection.auth.kind === 'user-account' ? CURRENT_USER : APP,
    });
    const said = text('errors.connectionTest.accepted', { name: connection.name, status: response.status });
    return { ok: true, status: response.status, detail: inEnglish(said), said };
  } catch (error) {
    const failure = explain(error);
    const said = error instanceof AccessFailure ? error.adminText : undefined;
    return failed(failure.code, said ?? { verbatim: failure.adminMessage });
  }
}
