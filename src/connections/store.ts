import { forgeSecrets, forgeStore, KVS_MAX_PAGE } from '../access/kv-store';
import { invalidInput } from '../access/failures';
import { storageKeys } from '../access/storage-keys';
import { text } from '../access/texts';
import { echoInput, issuesText } from '../shared/issue-texts';
import { Connection, ConnectionId, type SecretStatus } from './model';
import { findProvider } from './providers';

/**
 * Notify connections as the admin page manages them. The definition is a plain KVS value; its credential (API
 * token or OAuth client secret) is a Forge secret that is written here and read back only by the code that uses
 * it (auth.ts), never returned to a page: pages see a SecretStatus. Every invalid input throws an INVALID_INPUT
 * failure naming the field, before anything is written.
 */
const MAX_SECRET_LENGTH = 4096;

/**
 * Stored connections and secret statuses carry `schemaVersion`. The first shape (before versions) is the same
 * record without the field, read as version 1. A record from a newer version, or one this version cannot parse,
 * is left alone and not used (reported to the function log by its key, never its content).
 */
const STORED_VERSION = 1;

function readStored<T>(key: string, raw: unknown, parse: (value: unknown) => T | undefined): T | undefined {
  if (raw === undefined) return undefined;
  const { schemaVersion = 1, ...record } = (raw ?? {}) as Record<string, unknown>;
  const value =
    typeof schemaVersion === 'number' && schemaVersion <= STORED_VERSION ? parse(record) : undefined;
  if (value === undefined)
    console.error(`Workflow Guard ignored ${key}: stored in a shape this version does not read.`);
  return value;
}

const readConnection = (key: string, raw: unknown): Connection | undefined =>
  readStored(key, raw, (record) => {
    const parsed = Connection.safeParse(record);
    return parsed.success ? parsed.data : undefined;
  });

const readSecretStatus = (key: string, raw: unknown): SecretStatus | undefined =>
  readStored(key, raw, (record) => {
    const { set, setAt, setBy } = record as Partial<SecretStatus>;
    if (typeof set !== 'boolean') return undefined;
    return {
      set,
      ...(typeof setAt === 'string' ? { setAt } : {}),
      ...(typeof setBy === 'string' ? { setBy } : {}),
    };
  });

function parseId(id: unknown): string {
  const parsed = ConnectionId.safeParse(id);
  if (!parsed.success)
    throw invalidInput(
      parsed.error.issues[0]
        ? text('errors.connections.invalidId', { reason: parsed.error.issues[0].message })
        : text('errors.connections.notAnId'),
    );
  return parsed.data;
}

async function secretStatus(id: string): Promise<SecretStatus> {
  const key = storageKeys.connectionSecretStatus(id);
  return readSecretStatus(key, await forgeStore.get(key)) ?? { set: false };
}

export async function listConnections(): Promise<Array<Connection & { secret: SecretStatus }>> {
  const connections: Connection[] = [];
  let cursor: string | undefined;
  do {
    const page = await forgeStore.list<unknown>(storageKeys.connectionPrefix, {
      limit: KVS_MAX_PAGE,
      ...(cursor ? { cursor } : {}),
    });
    for (const item of page.items) {
      const connection = readConnection(item.key, item.value);
      if (connection) connections.push(connection);
    }
    cursor = page.cursor;
  } while (cursor);
  return Promise.all(
    connections
      .sort((a, b) => a.name.localeCompare(b.name))
      .map(async (connection) => ({ ...connection, secret: await secretStatus(connection.id) })),
  );
}

export async function getConnection(id: string): Promise<Connection | undefined> {
  const key = storageKeys.connection(parseId(id));
  return readConnection(key, await forgeStore.get(key));
}

/** The connection as it would be saved, or an INVALID_INPUT failure naming the field; writes nothing. */
export function checkConnection(connection: Connection): Connection {
  const parsed = Connection.safeParse(connection);
  if (!parsed.success)
    throw invalidInput(
      text('errors.connections.invalid', { issues: issuesText(parsed.error, 'connection') }),
    );
  const { auth } = parsed.data;
  if (auth.kind === 'user-account' && !findProvider(auth.provider)) {
    throw invalidInput(text('errors.connections.unknownProvider', { provider: echoInput(auth.provider) }));
  }
  return parsed.data;
}

export async function saveConnection(connection: Connection): Promise<void> {
  const checked = checkConnection(connection);
  await forgeStore.set(storageKeys.connection(checked.id), { ...checked, schemaVersion: STORED_VERSION });
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
    throw invalidInput(text('errors.connections.invalidSecret', { max: MAX_SECRET_LENGTH }));
  }
  const connection = await getConnection(key);
  if (!connection) throw invalidInput(text('errors.connections.secretBeforeConnection', { id: key }));
  if (connection.auth.kind === 'user-account') {
    throw invalidInput(text('errors.connections.noSecretForUserAccounts', { name: connection.name }));
  }
  await forgeSecrets.set(storageKeys.connectionSecret(key), value.trim());
  await forgeSecrets.delete(storageKeys.connectionAccessToken(key));
  const status: SecretStatus = { set: true, setAt: new Date().toISOString(), setBy: byAccountId };
  await forgeStore.set(storageKeys.connectionSecretStatus(key), { ...status, schemaVersion: STORED_VERSION });
  return status;
}

export async function deleteConnectionSecret(id: string): Promise<void> {
  const key = parseId(id);
  await forgeSecrets.delete(storageKeys.connectionSecret(key));
  await forgeSecrets.delete(storageKeys.connectionAccessToken(key));
  await forgeStore.delete(storageKeys.connectionSecretStatus(key));
}
