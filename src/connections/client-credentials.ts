import { z } from 'zod';
import { APP } from '../access/actor';
import { notABearerToken, reconnectRequired, serviceRejected } from '../access/external-failures';
import { forgeSecrets } from '../access/kv-store';
import { rememberSecret } from '../access/redaction';
import type { AccessSession } from '../access/session';
import { storageKeys } from '../access/storage-keys';
import { basicCredentials, missingSecret, reasonOf } from './credentials';
import type { Connection } from './model';

type ClientCredentials = Extract<Connection['auth'], { kind: 'oauth-client-credentials' }>;

/**
 * OAuth 2.0 client credentials (RFC 6749 §4.4): the app asks the token endpoint for an access token with the
 * connection's client id and secret, keeps it as a Forge secret and uses it until shortly before it expires.
 */
const TokenAnswer = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().positive().optional(),
});

interface CachedToken {
  accessToken: string;
  /** Epoch ms. */
  expiresAt: number;
}

/** A token is renewed this long before its stated expiry, so it never expires mid-request. */
export const EARLY_RENEWAL_MS = 60_000;
/** RFC 6749 §5.1 makes expires_in optional; without it the token is trusted for this long. */
const DEFAULT_LIFETIME_S = 3600;
/** Token endpoint errors (RFC 6749 §5.2) that mean the client's credentials or grant are no longer valid. */
const REVOKED = new Set(['invalid_client', 'unauthorized_client', 'invalid_grant']);

async function cachedToken(connectionId: string, now: number): Promise<string | undefined> {
  const stored = await forgeSecrets.get(storageKeys.connectionAccessToken(connectionId));
  if (!stored) return undefined;
  try {
    const token = JSON.parse(stored) as CachedToken;
    if (typeof token.accessToken !== 'string' || typeof token.expiresAt !== 'number') return undefined;
    rememberSecret(token.accessToken);
    return token.expiresAt - EARLY_RENEWAL_MS > now ? token.accessToken : undefined;
  } catch {
    return undefined;
  }
}

async function requestToken(session: AccessSession, connection: Connection, auth: ClientCredentials) {
  const secret = await forgeSecrets.get(storageKeys.connectionSecret(connection.id));
  if (!secret) throw missingSecret(connection, 'clientSecret');
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    ...(auth.scope ? { scope: auth.scope } : {}),
  });
  const label = `${connection.name} (token endpoint)`;
  const response = await session.external(APP).send(auth.tokenUrl, {
    label,
    method: 'POST',
    headers: {
      // RFC 6749 §2.3.1: client id and secret form-encoded inside HTTP Basic.
      Authorization: basicCredentials(encodeURIComponent(auth.clientId), encodeURIComponent(secret)),
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'application/json',
    },
    body: form.toString(),
    idempotent: true,
  });
  if (!response.ok) {
    const reason = reasonOf(response.body);
    const answered = reason.code ?? '';
    if ((response.status === 400 || response.status === 401) && REVOKED.has(answered)) {
      throw reconnectRequired(connection.name, { kind: 'clientSecret', answered });
    }
    throw serviceRejected(label, response.status, reason.text);
  }
  const answer = TokenAnswer.safeParse(response.body);
  if (!answer.success || (answer.data.token_type && answer.data.token_type.toLowerCase() !== 'bearer')) {
    throw notABearerToken(label, response.status);
  }
  rememberSecret(answer.data.access_token);
  return answer.data;
}

/**
 * The access token to send. `renew` skips the cached one: after the service answered 401 to it (expired early
 * or revoked), a new one is asked for once.
 */
export async function clientCredentialsToken(
  session: AccessSession,
  connection: Connection,
  auth: ClientCredentials,
  renew: boolean,
): Promise<string> {
  const now = Date.now();
  const cached = renew ? undefined : await cachedToken(connection.id, now);
  if (cached) return cached;
  const answer = await requestToken(session, connection, auth);
  const token: CachedToken = {
    accessToken: answer.access_token,
    expiresAt: now + (answer.expires_in ?? DEFAULT_LIFETIME_S) * 1000,
  };
  await forgeSecrets.set(storageKeys.connectionAccessToken(connection.id), JSON.stringify(token));
  return token.accessToken;
}
