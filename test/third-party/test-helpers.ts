import { DEFAULT_CLIENT } from './state';

export const basic = (user: string, password: string): string =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

export const CLIENT_AUTH = basic(DEFAULT_CLIENT.clientId, DEFAULT_CLIENT.clientSecret);

/** POST an application/x-www-form-urlencoded body, as OAuth clients do. */
export function postForm(url: string, params: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(params).toString(),
  });
}

export function postHook(
  baseUrl: string,
  authorization: string | undefined,
  body: unknown = { issueKey: 'WG-1' },
) {
  return fetch(`${baseUrl}/hooks/issue-transitioned`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(authorization ? { Authorization: authorization } : {}),
    },
    body: JSON.stringify(body),
  });
}

/** Runs the authorization_code flow the way Forge external auth would, approving as `loginHint` if given. */
export async function authorizationCodeFlow(baseUrl: string, loginHint?: string) {
  const authorize = new URL(`${baseUrl}/oauth/authorize`);
  authorize.search = new URLSearchParams({
    response_type: 'code',
    client_id: DEFAULT_CLIENT.clientId,
    redirect_uri: DEFAULT_CLIENT.redirectUris[0]!,
    scope: 'hooks:write profile',
    state: 'xyz',
    ...(loginHint ? { login_hint: loginHint } : {}),
  }).toString();
  const redirect = await fetch(authorize, { redirect: 'manual' });
  const location = new URL(redirect.headers.get('location') ?? '');
  const code = location.searchParams.get('code') ?? '';
  const tokenRes = await postForm(
    `${baseUrl}/oauth/token`,
    { grant_type: 'authorization_code', code, redirect_uri: DEFAULT_CLIENT.redirectUris[0]! },
    { Authorization: CLIENT_AUTH },
  );
  return { redirect, location, code, tokenRes };
}
