import { z } from 'zod';

/**
 * An external service the Notify post-function may call, as a Jira admin configures it on the admin page.
 * The credential itself (API token or OAuth client secret) is never part of this record: it lives in the Forge
 * secret store and is write-only (set, replace, delete; never read back to a page).
 */
export const ConnectionId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'use 1–40 lower-case letters, digits or dashes');

const HttpsUrl = z
  .string()
  .url('must be a full URL')
  .refine((url) => url.startsWith('https://'), 'must start with https://');

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

export const Connection = z.object({
  id: ConnectionId,
  name: z.string().trim().min(1, 'give the connection a name').max(80),
  /** Where Notify posts; must also be an egress destination the app may reach. */
  url: HttpsUrl,
  auth: ConnectionAuth,
});
export type Connection = z.infer<typeof Connection>;

/** What pages see of a stored credential: that it exists, when and by whom it was set. Never the value. */
export interface SecretStatus {
  set: boolean;
  setAt?: string;
  setBy?: string;
}
