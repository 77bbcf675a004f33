import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleApi } from './api';
import { sendJson } from './http-util';
import { handleAuthorize, handleRevoke, handleToken } from './oauth';
import { ServiceState, type ThirdPartyState } from './state';
import type { ThirdPartyOptions } from './types';

export interface ThirdParty {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  state: ThirdPartyState;
  close(): Promise<void>;
}

type Handler = (s: ServiceState, req: IncomingMessage, res: ServerResponse, url: URL) => unknown;

const ROUTES: Record<string, { method: string; run: Handler }> = {
  '/oauth/token': { method: 'POST', run: (s, req, res) => handleToken(s, req, res) },
  '/oauth/authorize': { method: 'GET', run: (s, _req, res, url) => handleAuthorize(s, url, res) },
  '/oauth/revoke': { method: 'POST', run: (s, req, res) => handleRevoke(s, req, res) },
  '/me': { method: 'GET', run: (s, req, res) => handleApi(s, req, res, '/me') },
  '/hooks/issue-transitioned': {
    method: 'POST',
    run: (s, req, res) => handleApi(s, req, res, '/hooks/issue-transitioned'),
  },
};

/** Starts the stand-in on 127.0.0.1 only (never reachable from other machines). */
export async function startThirdParty(options: ThirdPartyOptions = {}): Promise<ThirdParty> {
  const state = new ServiceState(options);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = ROUTES[url.pathname];
    if (!route) {
      sendJson(res, 404, { error: 'not_found' });
      return;
    }
    if (req.method !== route.method) {
      sendJson(res, 405, { error: 'method_not_allowed' }, { Allow: route.method });
      return;
    }
    Promise.resolve(route.run(state, req, res, url)).catch((error: unknown) => {
      // Handler bugs surface as 500 with the message; nothing secret is ever in these messages.
      if (!res.headersSent) sendJson(res, 500, { error: 'server_error', error_description: String(error) });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    state,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // fetch keeps connections alive; drop them or close() would wait for their idle timeout.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
