import type { IncomingMessage, ServerResponse } from 'node:http';
import { mediaType, parseAuthorization, readBody, sendFault, sendJson } from './http-util';
import { OAuthError } from './oauth-error';
import type { ServiceState } from './state';
import type { TokenRequest, TokenResponse } from './types';

/** RFC 6749 §5.1: token responses must not be cached. */
const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

/** Parses an application/x-www-form-urlencoded body, rejecting repeated parameters (RFC 6749 §3.2). */
async function readForm(req: IncomingMessage): Promise<Map<string, string>> {
  if (mediaType(req) !== 'application/x-www-form-urlencoded') {
    throw new OAuthError('invalid_request', 'Content-Type must be application/x-www-form-urlencoded');
  }
  const form = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(await readBody(req))) {
    if (form.has(key)) throw new OAuthError('invalid_request', `Parameter ${key} is repeated`);
    form.set(key, value);
  }
  return form;
}

function required(form: Map<string, string>, name: string): string {
  const value = form.get(name);
  if (!value) throw new OAuthError('invalid_request', `Missing parameter ${name}`);
  return value;
}

/** RFC 6749 §2.3.1 form-encodes id and secret inside Basic; a bad escape fails client authentication. */
function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    throw new OAuthError('invalid_client', 'Malformed client credentials');
  }
}

/** RFC 6749 §2.3.1: HTTP Basic (form-urlencoded id and secret) or body parameters, never both. */
function authenticateClient(state: ServiceState, req: IncomingMessage, form: Map<string, string>): string {
  const auth = parseAuthorization(req);
  const inBody = form.has('client_id') || form.has('client_secret');
  let clientId: string;
  let secret: string | undefined;
  if (auth.scheme === 'basic') {
    if (inBody) throw new OAuthError('invalid_request', 'Use one client authentication method only');
    clientId = formDecode(auth.user);
    secret = formDecode(auth.password);
  } else if (auth.scheme === 'none') {
    // §5.2: "no client authentication included" is invalid_client, not invalid_request.
    clientId = form.get('client_id') ?? '';
    secret = form.get('client_secret');
  } else {
    throw new OAuthError('invalid_client', 'Unsupported client authentication');
  }
  const client = state.clients.get(clientId);
  if (!client || secret !== client.clientSecret) {
    throw new OAuthError('invalid_client', 'Client authentication failed');
  }
  return clientId;
}

function sendOAuthError(res: ServerResponse, req: IncomingMessage, error: OAuthError): void {
  // RFC 6749 §5.2: a 401 after Basic client auth must carry a Basic challenge.
  const challenge: Record<string, string> =
    error.status === 401 && parseAuthorization(req).scheme === 'basic'
      ? { 'WWW-Authenticate': 'Basic realm="third-party"' }
      : {};
  sendJson(res, error.status, error.toJSON(), { ...NO_STORE, ...challenge });
}

function grant(state: ServiceState, form: Map<string, string>, clientId: string): TokenResponse {
  const grantType = form.get('grant_type');
  switch (grantType) {
    case 'client_credentials':
      return state.store.issue(
        { clientId, scope: form.get('scope') ?? '' },
        { withRefreshToken: state.refreshTokenForClientCredentials },
      );
    case 'refresh_token':
      return state.store.refresh(required(form, 'refresh_token'), clientId, form.get('scope'));
    case 'authorization_code':
      return state.store.redeemCode(required(form, 'code'), clientId, form.get('redirect_uri'));
    default:
      throw new OAuthError('unsupported_grant_type', `Unsupported grant_type ${grantType}`);
  }
}

/** POST /oauth/token */
export async function handleToken(
  state: ServiceState,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const record: TokenRequest = { grantType: '', outcome: 'issued', at: state.now() };
  state.tokenRequests.push(record);
  const fault = state.takeFault('token');
  if (fault) {
    record.outcome = `injected_${fault.status}`;
    sendFault(res, fault);
    return;
  }
  try {
    const form = await readForm(req);
    record.grantType = form.get('grant_type') ?? '';
    if (!record.grantType) throw new OAuthError('invalid_request', 'Missing parameter grant_type');
    record.clientId = authenticateClient(state, req, form);
    sendJson(res, 200, grant(state, form, record.clientId), NO_STORE);
  } catch (error) {
    if (!(error instanceof OAuthError)) throw error;
    record.outcome = error.code;
    sendOAuthError(res, req, error);
  }
}

/**
 * GET /oauth/authorize: approves at once as `login_hint` or the user chosen with `state.authorizeAs`,
 * then redirects like a consent screen would (RFC 6749 §4.1.2).
 */
export function handleAuthorize(state: ServiceState, url: URL, res: ServerResponse): void {
  const q = url.searchParams;
  const client = state.clients.get(q.get('client_id') ?? '');
  const redirectUri = q.get('redirect_uri') ?? client?.redirectUris[0];
  // §4.1.2.1: with a bad client or redirect URI, never redirect; tell the user agent instead.
  if (!client || !redirectUri || !client.redirectUris.includes(redirectUri)) {
    sendJson(res, 400, { error: 'invalid_request', error_description: 'Unknown client_id or redirect_uri' });
    return;
  }
  const target = new URL(redirectUri);
  const clientState = q.get('state');
  if (clientState !== null) target.searchParams.set('state', clientState);
  const username = q.get('login_hint') ?? state.authorizingUser;
  if (q.get('response_type') !== 'code') {
    target.searchParams.set('error', 'unsupported_response_type');
  } else if (username === null || !state.users.has(username)) {
    target.searchParams.set('error', 'access_denied');
  } else {
    const code = state.store.createCode({
      clientId: client.clientId,
      username,
      scope: q.get('scope') ?? '',
      ...(q.has('redirect_uri') ? { redirectUri } : {}),
    });
    target.searchParams.set('code', code);
  }
  res.writeHead(302, { Location: target.toString() });
  res.end();
}

/** POST /oauth/revoke (RFC 7009): 200 even for unknown tokens; the client must authenticate. */
export async function handleRevoke(
  state: ServiceState,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  try {
    const form = await readForm(req);
    const clientId = authenticateClient(state, req, form);
    const token = required(form, 'token');
    // The hint only picks the lookup order (RFC 7009 §2.1).
    if (form.get('token_type_hint') === 'refresh_token') {
      if (!state.store.revokeRefreshToken(token, clientId)) state.store.revokeAccessToken(token, clientId);
    } else if (!state.store.revokeAccessToken(token, clientId)) {
      state.store.revokeRefreshToken(token, clientId);
    }
    res.writeHead(200, NO_STORE);
    res.end();
  } catch (error) {
    if (!(error instanceof OAuthError)) throw error;
    sendOAuthError(res, req, error);
  }
}
