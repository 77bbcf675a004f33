import { z } from 'zod';

/**
 * An external service the Notify post-function may call, as a Jira admin configures it on the admin page.
 * The credential itself (API token or OAuth client secret) is never part of this record: it lives in the Forge
 * secret store and is write-only (set, replace, delete; never read back to a page).
 */
export const ConnectionId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'use 1–40 lower-case letters, digits or dashes');

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Credentials and issue data leave Jira only over TLS. The one exception is plain http to the loopback interface
 * (127.0.0.1, localhost, ::1), which never leaves the machine: it is what local development and the tests' stand-in
 * service use. A deployed app cannot reach it anyway, because Forge egress only lets out to declared or
 * admin-approved destinations.
 */
export function isAllowedServiceUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
}

const HttpsUrl = z
  .string()
  .trim()
  .max(2000)
  .url('must be a full URL')
  .refine(
    isAllowedServiceUrl,
    'must start with https:// (plain http only for 127.0.0.1 or localhost) and carry no user name or password',
  );

export const ConnectionAuth = z.discriminatedUnion('kind', [
  /** An API token kept as a Forge secret, sent as `Authorization: Bearer <token>` or Basic `username:token`. */
  z.object({
    kind: z.literal('api-token'),
    scheme: z.enum(['bearer', 'basic']),
    username: z.string().max(200).optional(),
  }),
  /** OAuth 2.0 client credentials: the app obtains and refreshes access tokens itself. */
  z.object({
    kind: z.literal('oauth-client-credentials'),
    tokenUrl: HttpsUrl,
    clientId: z.string().min(1).max(200),
    scope: z.string().max(500).optional(),
  }),
  /** The transitioning user's own account, through a Forge external auth provider declared in the manifest. */
  z.object({ kind: z.literal('user-account'), provider: z.string().min(1).max(23) }),
]);

export const Connection = z
  .object({
    id: ConnectionId,
    name: z.string().trim().min(1, 'give the connection a name').max(80),
    /** Where Notify posts; must also be an egress destination the app may reach. */
    url: HttpsUrl,
    auth: ConnectionAuth,
  })
  .superRefine((connection, context) => {
    if (
      connection.auth.kind === 'api-token' &&
      connection.auth.scheme === 'basic' &&
      !connection.auth.username
    )
      context.addIssue({
        code: 'custom',
        path: ['auth', 'username'],
        message: 'Basic authentication needs the user name the API token belongs to',
      });
  });
export type Connection = z.infer<typeof Connection>;

/** What pages see of a stored credential: that it exists, when and by whom it was set. Never the value. */
export interface SecretStatus {
  set: boolean;
  setAt?: string;
  setBy?: string;
}
