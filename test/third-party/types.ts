export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  /** Exact-match list for the authorization_code flow (RFC 6749 §3.1.2.3). */
  redirectUris: string[];
}

/** A user of the third-party service; `username:apiToken` works as Basic auth, `apiToken` as Bearer. */
export interface ApiUser {
  username: string;
  displayName: string;
  apiToken: string;
}

export interface ThirdPartyOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Lifetime of access tokens; default 3600. */
  accessTokenTtlSeconds?: number;
  /** Lifetime of authorization codes; default 60. */
  authorizationCodeTtlSeconds?: number;
  /** Epoch milliseconds. Default reads Date.now on every call, so jest fake timers apply. */
  now?: () => number;
  clients?: OAuthClient[];
  users?: ApiUser[];
  /** Issue a new refresh token on each refresh and invalidate the old one; default true. */
  rotateRefreshTokens?: boolean;
  /** RFC 6749 §4.4.3 says client_credentials SHOULD NOT get a refresh token; default false. */
  refreshTokenForClientCredentials?: boolean;
}

/** How an API request authenticated; `none` when it did not (the request was rejected). */
export type AuthKind = 'oauth' | 'api-token-bearer' | 'api-token-basic' | 'none';

/** One request to the API (not /oauth). Credentials are never stored, only their kind and owner. */
export interface ReceivedRequest {
  method: string;
  path: string;
  status: number;
  authKind: AuthKind;
  /** Username for user tokens, client id for client_credentials tokens. */
  subject?: string;
  /** Client the OAuth token was issued to. */
  clientId?: string;
  /** Parsed JSON body, or the raw text when it is not JSON; undefined when empty. */
  body: unknown;
  faultInjected: boolean;
  at: number;
}

/** One call to POST /oauth/token. */
export interface TokenRequest {
  grantType: string;
  clientId?: string;
  /** `issued`, or the RFC 6749 error code that was returned. */
  outcome: string;
  at: number;
}

export interface Fault {
  status: number;
  /** Sent as `Retry-After` (delta-seconds). */
  retryAfterSeconds?: number;
  /** How many matching requests fail; default 1. */
  times?: number;
  /** `api` (default) = /hooks and /me; `token` = POST /oauth/token. */
  target?: 'api' | 'token';
}

/** Successful token endpoint body (RFC 6749 §5.1). */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token?: string;
  scope?: string;
}
