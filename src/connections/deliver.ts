import { APP, type Actor } from '../access/actor';
import { invalidInput } from '../access/failures';
import { notConnected, reconnectRequired, serviceRejected } from '../access/external-failures';
import { isConsentRequest, type ExternalRequest, type ExternalResponse } from '../access/external-fetch';
import { forgeSecrets } from '../access/kv-store';
import type { AccessSession } from '../access/session';
import { storageKeys } from '../access/storage-keys';
import { clientCredentialsToken } from './client-credentials';
import { basicCredentials, missingSecret, reasonOf } from './credentials';
import type { Connection } from './model';
import { findProvider } from './providers';

type Auth<K extends Connection['auth']['kind']> = Extract<Connection['auth'], { kind: K }>;

export interface Delivery {
  /** Sent as JSON. */
  body: unknown;
  /** Lets the service recognise a repeated delivery (platform retries re-send the same key). */
  idempotencyKey: string;
  /**
   * For `user-account` connections: whose account sends it (the transitioning user, or the admin testing).
   * The other kinds always send with the app's own credentials.
   */
  user?: Actor;
}

function requestFor(connection: Connection, delivery: Delivery, authorization?: string): ExternalRequest {
  return {
    label: connection.name,
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json',
      'Idempotency-Key': delivery.idempotencyKey,
      ...(authorization ? { Authorization: authorization } : {}),
    },
    body: JSON.stringify(delivery.body),
    idempotent: true,
  };
}

/**
 * Any 2xx is delivered; anything else left after auth handling is a refusal retrying will not change, classified
 * by its status. What the service said goes only into the audit log's excerpt.
 */
function accepted(connection: Connection, response: ExternalResponse): ExternalResponse {
  if (response.status >= 200 && response.status < 300) return response;
  throw serviceRejected(connection.name, response.status, reasonOf(response.body).text);
}

async function withApiToken(
  session: AccessSession,
  connection: Connection,
  auth: Auth<'api-token'>,
  delivery: Delivery,
) {
  const token = await forgeSecrets.get(storageKeys.connectionSecret(connection.id));
  if (!token) throw missingSecret(connection, 'apiToken');
  const authorization =
    auth.scheme === 'bearer' ? `Bearer ${token}` : basicCredentials(auth.username ?? '', token);
  const response = await session
    .external(APP)
    .send(connection.url, requestFor(connection, delivery, authorization));
  if (response.status === 401 || response.status === 403) {
    throw reconnectRequired(connection.name, { kind: 'apiToken' });
  }
  return accepted(connection, response);
}

/** On a 401 the token is renewed once and the request sent once more; a second 401 means access was revoked. */
async function withClientCredentials(
  session: AccessSession,
  connection: Connection,
  auth: Auth<'oauth-client-credentials'>,
  delivery: Delivery,
) {
  const send = async (renew: boolean) => {
    const token = await clientCredentialsToken(session, connection, auth, renew);
    return session.external(APP).send(connection.url, requestFor(connection, delivery, `Bearer ${token}`));
  };
  let response = await send(false);
  if (response.status === 401) response = await send(true);
  if (response.status === 401) {
    throw reconnectRequired(connection.name, { kind: 'clientCredentials' });
  }
  return accepted(connection, response);
}

/**
 * The user's own account through a Forge external auth provider: Forge adds and refreshes the token. The URL's
 * path goes to the provider's remote, whose host the manifest fixes. A 401 means Forge could not refresh it.
 */
async function withUserAccount(
  session: AccessSession,
  connection: Connection,
  auth: Auth<'user-account'>,
  delivery: Delivery,
) {
  const provider = findProvider(auth.provider);
  if (!provider) {
    throw invalidInput(
      `Connection "${connection.name}" names provider "${auth.provider}", which Workflow Guard does not declare.`,
    );
  }
  if (!delivery.user || delivery.user.kind === 'app') {
    throw invalidInput(
      `Connection "${connection.name}" sends as each user’s own account, so it cannot send as the app: set the post-function to act as the transitioning user, without falling back to the app.`,
    );
  }
  const account = session.external(delivery.user).account(provider.key, provider.remote);
  if (!(await account.isConnected())) throw notConnected(connection.name, provider.name);
  const url = new URL(connection.url);
  const response = await account
    .send(`${url.pathname}${url.search}`, requestFor(connection, delivery))
    .catch((error: unknown) => {
      // Forge holds no usable credentials for the user at the provider (consent withdrawn or lost). Nobody can
      // consent in a post-function, so say what fixes it instead of letting the platform's request escape.
      if (isConsentRequest(error)) throw reconnectRequired(connection.name, { kind: 'userAccount' });
      throw error;
    });
  if (response.status === 401) throw reconnectRequired(connection.name, { kind: 'userAccount' });
  return accepted(connection, response);
}

/** Sends one JSON message to the connection's URL with its credentials; throws AccessFailures people understand. */
export function deliver(
  session: AccessSession,
  connection: Connection,
  delivery: Delivery,
): Promise<ExternalResponse> {
  const auth = connection.auth;
  switch (auth.kind) {
    case 'api-token':
      return withApiToken(session, connection, auth, delivery);
    case 'oauth-client-credentials':
      return withClientCredentials(session, connection, auth, delivery);
    case 'user-account':
      return withUserAccount(session, connection, auth, delivery);
  }
}
