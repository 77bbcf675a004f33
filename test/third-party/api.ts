import type { IncomingMessage, ServerResponse } from 'node:http';
import { mediaType, parseAuthorization, readBody, sendFault, sendJson } from './http-util';
import type { ServiceState } from './state';
import type { AuthKind, ReceivedRequest } from './types';

type Caller = { kind: Exclude<AuthKind, 'none'>; subject: string; clientId?: string; scope?: string };
type Rejection = { status: number; challenge: string; body: Record<string, string> };

const TOKEN_FAILURE: Record<'unknown' | 'expired' | 'revoked', string> = {
  unknown: 'The access token is invalid',
  expired: 'The access token expired',
  revoked: 'The access token has been revoked',
};

/** Bearer access token, Bearer API token, or Basic username:apiToken; errors per RFC 6750 §3. */
function authenticate(state: ServiceState, req: IncomingMessage): Caller | Rejection {
  const auth = parseAuthorization(req);
  if (auth.scheme === 'none') {
    // §3.1: no error code when the request carried no credentials at all.
    return {
      status: 401,
      challenge: 'Bearer realm="third-party"',
      body: { message: 'Authentication required' },
    };
  }
  if (auth.scheme === 'malformed') {
    return {
      status: 400,
      challenge: 'Bearer error="invalid_request", error_description="Malformed Authorization header"',
      body: { error: 'invalid_request', error_description: 'Malformed Authorization header' },
    };
  }
  if (auth.scheme === 'basic') {
    const user = state.users.get(auth.user);
    if (user && user.apiToken === auth.password) return { kind: 'api-token-basic', subject: user.username };
    return {
      status: 401,
      challenge: 'Basic realm="third-party"',
      body: { message: 'Invalid username or API token' },
    };
  }
  const apiUser = [...state.users.values()].find((u) => u.apiToken === auth.token);
  if (apiUser) return { kind: 'api-token-bearer', subject: apiUser.username };
  const check = state.store.checkAccessToken(auth.token);
  if (check.ok) {
    return {
      kind: 'oauth',
      subject: check.username ?? check.clientId,
      clientId: check.clientId,
      scope: check.scope,
    };
  }
  const description = TOKEN_FAILURE[check.reason];
  return {
    status: 401,
    challenge: `Bearer error="invalid_token", error_description="${description}"`,
    body: { error: 'invalid_token', error_description: description },
  };
}

function parseBody(raw: string): unknown {
  if (raw === '') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

/** GET /me and POST /hooks/issue-transitioned; every request is recorded, rejected or not. */
export async function handleApi(
  state: ServiceState,
  req: IncomingMessage,
  res: ServerResponse,
  path: '/me' | '/hooks/issue-transitioned',
): Promise<void> {
  const raw = await readBody(req);
  const entry: ReceivedRequest = {
    method: req.method ?? '',
    path,
    status: 0,
    authKind: 'none',
    body: parseBody(raw),
    faultInjected: false,
    at: state.now(),
  };
  state.received.push(entry);
  const reply = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
    entry.status = status;
    sendJson(res, status, body, headers);
  };

  const fault = state.takeFault('api');
  if (fault) {
    entry.faultInjected = true;
    entry.status = fault.status;
    sendFault(res, fault);
    return;
  }

  const caller = authenticate(state, req);
  if ('challenge' in caller) {
    reply(caller.status, caller.body, { 'WWW-Authenticate': caller.challenge });
    return;
  }
  entry.authKind = caller.kind;
  entry.subject = caller.subject;
  if (caller.clientId !== undefined) entry.clientId = caller.clientId;

  if (path === '/me') {
    const user = state.users.get(caller.subject);
    const { kind: authKind, ...identity } = caller;
    reply(200, { authKind, ...identity, ...(user ? { displayName: user.displayName } : {}) });
    return;
  }
  if (mediaType(req) !== 'application/json') {
    reply(415, { error: 'unsupported_media_type', error_description: 'Send application/json' });
    return;
  }
  if (typeof entry.body !== 'object' || entry.body === null || Array.isArray(entry.body)) {
    reply(400, { error: 'invalid_body', error_description: 'Expected a JSON object' });
    return;
  }
  reply(202, { accepted: true, id: state.received.length });
}
