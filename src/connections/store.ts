import { forgeSecrets, forgeStore, KVS_MAX_PAGE } from '../access/kv-store';
import { invalidInput } from '../access/failures';
import { storageKeys } from '../access/storage-keys';
import { describeIssues, echoInput } from '../execution/configuration';
import { Connection, ConnectionId, type SecretStatus } from './model';
import { findProvider } from './providers';

/**
 * Notify connections as the admin page manages them. The definition is a plain KVS value; its credential (API
 * token or OAuth client secret) is a Forge secret that is written here and read back only by the code that uses
 * it (auth.ts), never returned to a page: pages see a SecretStatus. Every invalid input throws an INVALID_INPUT
 * failure naming the field, before anything is written.
 */
const MAX_SECRET_LENGTH = 4096;

function parseId(id: unknown): string {
  const parsed = ConnectionId.safeParse(id);
  if (!parsed.success)
    throw invalidInput(`Invalid connection id: ${parsed.error.issues[0]?.message ?? 'not a connection id'}.`);
  return parsed.data;
}

async function secretStatus(id: string): Promise<SecretStatus> {
  return (await forgeStore.get<SecretStatus>(storageKeys.connectionSecretStatus(id))) ?? { set: false };
}

export async function listConnections(): Promise<Array<Connection & { secret: SecretStatus }>> {
  const connections: Connection[] = [];
  let cursor: string | undefined;
  do {
    const page = await forgeStore.list<Connection>(storageKeys.connectionPrefix, {
      limit: KVS_MAX_PAGE,
      ...(cursor ? { cursor } : {}),
    });
    connections.push(...page.items.map((item) => item.value));
    cursor = page.cursor;
  } while (cursor);
  return Promise.all(
    connections
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(async (connection) => ({ ...connection, secret: await secretStatus(connection.id) })),
  );
}

export async function getConnection(id: string): Promise<Connection | undefined> {
  return forgeStore.get<Connection>(storageKeys.connection(parseId(id)));
}

/** The connection as it would be saved, or an INVALID_INPUT failure naming the field; writes nothing. */
export function checkConnection(connection: Connection): Connection {
  const parsed = Connection.safeParse(connection);
  if (!parsed.success)
    throw invalidInput(`Invalid connection: ${describeIssues(parsed.error, 'connection')}.`);
  const { auth } = parsed.data;
  if (auth.kind === 'user-account' && !findProvider(auth.provider)) {
    throw invalidInput(
      `Invalid connection: auth.provider: "${echoInput(auth.provider)}" is not an account provider Workflow Guard declares.`,
    );
  }
  return parsed.data;
}

export async function saveConnection(connection: Connection): Promise<void> {
  const checked = checkConnection(connection);
  await forgeStore.set(storageKeys.connection(checked.id), checked);
  // The address, client or scope may have changed: a cached access token may no longer fit.
  await forgeSecrets.delete(storageKeys.connectionAccessToken(checked.id));
}

export async function deleteConnection(id: string): Promise<void> {
  const key = parseId(id);
  await forgeSecrets.delete(storageKeys.connectionSecret(key));
  await forgeSecrets.delete(storageKeys.connectionAccessToken(key));
  await forgeStore.delete(storageKeys.connectionSecretStatus(key));
  await forgeStore.delete(storageKeys.connection(key));
}

export async function setConnectionSecret(
  id: string,
  value: string,
  byAccountId: string,
): Promise<SecretStatus> {
  const key = parseId(id);
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > MAX_SECRET_LENGTH) {
    throw invalidInput(`Invalid secret: give a non-empty value of at most ${MAX_SECRET_LENGTH} characters.`);
  }
  const connection = await getConnection(key);
  if (!connection)
    throw invalidInput(`There is no connection "${key}": save the connection before its secret.`);
  if (connection.auth.kind === 'user-account') {
    throw invalidInput(
      `Connection "${connection.name}" uses each user's own account: Forge keeps those credentials, so it takes no secret.`,
    );
  }
  await forgeSecrets.set(storageKeys.connectionSecret(key), value.trim());
  await forgeSecrets.delete(storageKeys.connectionAccessToken(key));
  const status: SecretStatus = { set: true, setAt: new Date().toISOString(), setBy: byAccountId };
  await forgeStore.set(storageKeys.connectionSecretStatus(key), status);
  return status;
}

export async function deleteConnectionSecret(id: string): Promise<void> {
  const key = parseId(id);
  await forgeSecrets.delete(storageKeys.connectionSecret(key));
  await forgeSecrets.delete(storageKeys.connectionAccessToken(key));
  await forgeStore.delete(storageKeys.connectionSecretStatus(key));
}
