import { randomBytes } from 'node:crypto';
import { OAuthError } from './oauth-error';
import type { TokenResponse } from './types';

/** Everything issued from one authorization (a code, a client_credentials call, or a test seed). */
interface Grant {
  clientId: string;
  /** Undefined for client_credentials: the client acts for itself. */
  username?: string;
  scope: string;
  revoked: boolean;
}

interface AccessToken {
  grant: Grant;
  /** May be narrower than the grant's after a refresh that asked for less. */
  scope: string;
  expiresAt: number;
  revoked: boolean;
}

interface RefreshToken {
  grant: Grant;
  /** Set when rotated or revoked; such a token is answered with invalid_grant. */
  revoked: boolean;
}

interface AuthorizationCode {
  clientId: string;
  username: string;
  redirectUri?: string;
  scope: string;
  expiresAt: number;
  /** The grant issued on first redemption, revoked if the code is replayed (RFC 6749 §4.1.2). */
  redeemed?: Grant;
}

export type AccessTokenCheck =
  | { ok: true; clientId: string; username?: string; scope: string }
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked' };

export interface TokenStoreConfig {
  now: () => number;
  accessTokenTtlSeconds: number;
  authorizationCodeTtlSeconds: number;
  rotateRefreshTokens: boolean;
}

const opaque = (prefix: string): string => `${prefix}_${randomBytes(24).toString('base64url')}`;
const scopeSet = (scope: string): Set<string> => new Set(scope.split(' ').filter(Boolean));

/** In-memory tokens and codes; all timing goes through `config.now`. */
export class TokenStore {
  private accessTokens = new Map<string, AccessToken>();
  private refreshTokens = new Map<string, RefreshToken>();
  private codes = new Map<string, AuthorizationCode>();

  constructor(private readonly config: TokenStoreConfig) {}

  issue(
    grantFields: Omit<Grant, 'revoked'>,
    opts: { withRefreshToken: boolean; ttlSeconds?: number },
  ): TokenResponse {
    return this.issueFor({ ...grantFields, revoked: false }, opts);
  }

  refresh(refreshToken: string, clientId: string, requestedScope: string | undefined): TokenResponse {
    const record = this.refreshTokens.get(refreshToken);
    // A token of another client is reported like an unknown one, so clients cannot probe each other's tokens.
    if (!record || record.grant.clientId !== clientId) {
      throw new OAuthError('invalid_grant', 'The refresh token is invalid');
    }
    if (record.revoked || record.grant.revoked) {
      throw new OAuthError('invalid_grant', 'The refresh token has been revoked');
    }
    const scope =
      requestedScope === undefined ? record.grant.scope : this.narrow(record.grant, requestedScope);
    if (this.config.rotateRefreshTokens) record.revoked = true;
    const issued = this.issueFor(record.grant, { withRefreshToken: this.config.rotateRefreshTokens, scope });
    return { ...issued, refresh_token: issued.refresh_token ?? refreshToken };
  }

  createCode(fields: Omit<AuthorizationCode, 'expiresAt' | 'redeemed'>): string {
    const code = opaque('code');
    this.codes.set(code, {
      ...fields,
      expiresAt: this.config.now() + this.config.authorizationCodeTtlSeconds * 1000,
    });
    return code;
  }

  redeemCode(code: string, clientId: string, redirectUri: string | undefined): TokenResponse {
    const record = this.codes.get(code);
    if (!record || record.clientId !== clientId) {
      throw new OAuthError('invalid_grant', 'The authorization code is invalid');
    }
    if (record.redeemed) {
      record.redeemed.revoked = true;
      throw new OAuthError('invalid_grant', 'The authorization code has already been used');
    }
    if (this.config.now() >= record.expiresAt) {
      throw new OAuthError('invalid_grant', 'The authorization code expired');
    }
    // RFC 6749 §4.1.3: redirect_uri must be sent, and be identical, if it was part of the authorization request.
    if (record.redirectUri !== undefined && record.redirectUri !== redirectUri) {
      throw new OAuthError('invalid_grant', 'redirect_uri does not match the authorization request');
    }
    const grant: Grant = { clientId, username: record.username, scope: record.scope, revoked: false };
    record.redeemed = grant;
    return this.issueFor(grant, { withRefreshToken: true });
  }

  checkAccessToken(token: string): AccessTokenCheck {
    const record = this.accessTokens.get(token);
    if (!record) return { ok: false, reason: 'unknown' };
    if (record.revoked || record.grant.revoked) return { ok: false, reason: 'revoked' };
    if (this.config.now() >= record.expiresAt) return { ok: false, reason: 'expired' };
    const { clientId, username } = record.grant;
    return { ok: true, clientId, scope: record.scope, ...(username === undefined ? {} : { username }) };
  }

  /** Returns whether the token was known. Only the owning client may revoke through /oauth/revoke. */
  revokeAccessToken(token: string, clientId?: string): boolean {
    const record = this.accessTokens.get(token);
    if (!record || (clientId !== undefined && record.grant.clientId !== clientId)) return false;
    record.revoked = true;
    return true;
  }

  /** Revokes the whole grant, so its access tokens stop working too (RFC 7009 §2.1). */
  revokeRefreshToken(token: string, clientId?: string): boolean {
    const record = this.refreshTokens.get(token);
    if (!record || (clientId !== undefined && record.grant.clientId !== clientId)) return false;
    record.revoked = true;
    record.grant.revoked = true;
    return true;
  }

  /** Revokes every access token at once, as a service does after a key rotation; refresh tokens stay valid. */
  revokeAllAccessTokens(): number {
    for (const record of this.accessTokens.values()) record.revoked = true;
    return this.accessTokens.size;
  }

  clear(): void {
    this.accessTokens.clear();
    this.refreshTokens.clear();
    this.codes.clear();
  }

  /** RFC 6749 §6: a refresh may ask for fewer scopes, never for more. */
  private narrow(grant: Grant, requested: string): string {
    const granted = scopeSet(grant.scope);
    const wanted = [...scopeSet(requested)];
    const extra = wanted.filter((s) => !granted.has(s));
    if (extra.length > 0) {
      throw new OAuthError('invalid_scope', `Scope not granted originally: ${extra.join(' ')}`);
    }
    return wanted.join(' ');
  }

  private issueFor(
    grant: Grant,
    opts: { withRefreshToken: boolean; ttlSeconds?: number; scope?: string },
  ): TokenResponse {
    const ttl = opts.ttlSeconds ?? this.config.accessTokenTtlSeconds;
    const scope = opts.scope ?? grant.scope;
    const accessToken = opaque('at');
    this.accessTokens.set(accessToken, {
      grant,
      scope,
      expiresAt: this.config.now() + ttl * 1000,
      revoked: false,
    });
    const response: TokenResponse = { access_token: accessToken, token_type: 'Bearer', expires_in: ttl };
    if (scope) response.scope = scope;
    if (opts.withRefreshToken) {
      const refreshToken = opaque('rt');
      this.refreshTokens.set(refreshToken, { grant, revoked: false });
      response.refresh_token = refreshToken;
    }
    return response;
  }
}
