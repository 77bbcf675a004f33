import { TokenStore } from './token-store';
import type {
  ApiUser,
  Fault,
  OAuthClient,
  ReceivedRequest,
  ThirdPartyOptions,
  TokenRequest,
  TokenResponse,
} from './types';

export const DEFAULT_CLIENT: OAuthClient = {
  clientId: 'workflow-guard',
  clientSecret: 'workflow-guard-secret',
  redirectUris: ['https://id.atlassian.com/outboundAuth/finish'],
};

export const DEFAULT_USERS: ApiUser[] = [
  { username: 'alice', displayName: 'Alice Admin', apiToken: 'alice-api-token' },
  { username: 'bob', displayName: 'Bob Builder', apiToken: 'bob-api-token' },
];

/** What tests see and control. */
export interface ThirdPartyState {
  /** API requests in arrival order (including rejected and fault-injected ones). */
  readonly received: readonly ReceivedRequest[];
  /** POST /oauth/token calls in arrival order. */
  readonly tokenRequests: readonly TokenRequest[];
  /** Make the next `times` matching requests fail with `status` before authentication runs. */
  failNext(fault: Fault): void;
  /** Revoke an access token; returns whether it was known. */
  revoke(accessToken: string): boolean;
  /** Revoke a refresh token and every access token of its grant; returns whether it was known. */
  revokeRefreshToken(refreshToken: string): boolean;
  /** Revokes every access token issued so far (a key rotation on the service's side). */
  revokeAllAccessTokens(): number;
  /**
   * Mint tokens without HTTP, e.g. to seed a fake Forge external-auth provider. Defaults: the first client,
   * no user (a client_credentials-style token), and a refresh token only when `username` is given.
   */
  issueTokens(opts?: {
    clientId?: string;
    username?: string;
    scope?: string;
    ttlSeconds?: number;
    withRefreshToken?: boolean;
  }): TokenResponse;
  /** Who approves GET /oauth/authorize when no `login_hint` is given; null makes it answer access_denied. */
  authorizeAs(username: string | null): void;
  /** Forget tokens, records and pending faults; restore the default authorizing user. */
  reset(): void;
}

/** State plus the internals the HTTP handlers need. */
export class ServiceState implements ThirdPartyState {
  readonly received: ReceivedRequest[] = [];
  readonly tokenRequests: TokenRequest[] = [];
  readonly store: TokenStore;
  readonly clients: ReadonlyMap<string, OAuthClient>;
  readonly users: ReadonlyMap<string, ApiUser>;
  readonly now: () => number;
  readonly refreshTokenForClientCredentials: boolean;
  authorizingUser: string | null;
  private readonly defaultAuthorizingUser: string | null;
  private faults: { fault: Fault; remaining: number }[] = [];

  constructor(opts: ThirdPartyOptions) {
    this.now = opts.now ?? (() => Date.now());
    this.clients = new Map((opts.clients ?? [DEFAULT_CLIENT]).map((c) => [c.clientId, c]));
    const users = opts.users ?? DEFAULT_USERS;
    this.users = new Map(users.map((u) => [u.username, u]));
    this.defaultAuthorizingUser = users[0]?.username ?? null;
    this.authorizingUser = this.defaultAuthorizingUser;
    this.refreshTokenForClientCredentials = opts.refreshTokenForClientCredentials ?? false;
    this.store = new TokenStore({
      now: this.now,
      accessTokenTtlSeconds: opts.accessTokenTtlSeconds ?? 3600,
      authorizationCodeTtlSeconds: opts.authorizationCodeTtlSeconds ?? 60,
      rotateRefreshTokens: opts.rotateRefreshTokens ?? true,
    });
  }

  failNext(fault: Fault): void {
    this.faults.push({ fault, remaining: fault.times ?? 1 });
  }

  /** Consumes one pending fault for `target`, if any (FIFO). */
  takeFault(target: 'api' | 'token'): Fault | undefined {
    const entry = this.faults.find((f) => f.remaining > 0 && (f.fault.target ?? 'api') === target);
    if (!entry) return undefined;
    entry.remaining -= 1;
    this.faults = this.faults.filter((f) => f.remaining > 0);
    return entry.fault;
  }

  revoke(accessToken: string): boolean {
    return this.store.revokeAccessToken(accessToken);
  }

  revokeRefreshToken(refreshToken: string): boolean {
    return this.store.revokeRefreshToken(refreshToken);
  }

  revokeAllAccessTokens(): number {
    return this.store.revokeAllAccessTokens();
  }

  issueTokens(
    opts: Parameters<ThirdPartyState['issueTokens']>[0] = {},
  ): ReturnType<ThirdPartyState['issueTokens']> {
    const clientId = opts.clientId ?? [...this.clients.keys()][0];
    if (clientId === undefined || !this.clients.has(clientId)) throw new Error(`Unknown client ${clientId}`);
    if (opts.username !== undefined && !this.users.has(opts.username)) {
      throw new Error(`Unknown user ${opts.username}`);
    }
    return this.store.issue(
      {
        clientId,
        scope: opts.scope ?? '',
        ...(opts.username === undefined ? {} : { username: opts.username }),
      },
      {
        withRefreshToken: opts.withRefreshToken ?? opts.username !== undefined,
        ...(opts.ttlSeconds === undefined ? {} : { ttlSeconds: opts.ttlSeconds }),
      },
    );
  }

  authorizeAs(username: string | null): void {
    if (username !== null && !this.users.has(username)) throw new Error(`Unknown user ${username}`);
    this.authorizingUser = username;
  }

  reset(): void {
    this.received.length = 0;
    this.tokenRequests.length = 0;
    this.faults = [];
    this.store.clear();
    this.authorizingUser = this.defaultAuthorizingUser;
  }
}
