import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JiraSite } from './site';
import type { Identity } from './types';

export const IDENTITY_HEADER = 'x-emulator-identity';

/** `app` | `user:<accountId>` | `impersonated:<accountId>` */
export function parseIdentity(value: string | undefined): Identity | undefined {
  if (value === 'app') return { kind: 'app' };
  const m = /^(user|impersonated):(.+)$/.exec(value ?? '');
  if (!m?.[2]) return undefined;
  return m[1] === 'user' ? { kind: 'user', accountId: m[2] } : { kind: 'impersonated', accountId: m[2] };
}

export interface JiraHttp {
  url: string;
  close(): Promise<void>;
}

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/**
 * A loopback HTTP face on the site (127.0.0.1 only) for sandboxes and browser tests. The identity of each
 * request comes from the `x-emulator-identity` header. CORS is open so a page on another local port can call it.
 * A networkError fault destroys the socket.
 */
export async function startJiraHttp(site: JiraSite, opts: { port?: number } = {}): Promise<JiraHttp> {
  const cors = {
    'access-control-allow-origin': '*',
    'access-control-allow-headers': `content-type, ${IDENTITY_HEADER}`,
    'access-control-allow-methods': 'GET, POST, PUT, DELETE',
  };
  const server = createServer((req, res) => {
    const serve = async () => {
      if (req.method === 'OPTIONS') {
        res.writeHead(204, cors).end();
        return;
      }
      const header = req.headers[IDENTITY_HEADER];
      const identity = parseIdentity(Array.isArray(header) ? header[0] : header);
      if (!identity) {
        res.writeHead(401, { ...cors, 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ errorMessages: [`Send ${IDENTITY_HEADER}: app | user:<id> | impersonated:<id>`] }),
        );
        return;
      }
      const body = await readBody(req);
      let response: Response;
      try {
        response = await site.handle(identity, req.url ?? '/', {
          method: req.method,
          body: body === '' ? undefined : body,
        });
      } catch (e) {
        if (e instanceof TypeError) {
          req.socket.destroy();
          return;
        }
        throw e;
      }
      res.writeHead(response.status, { ...cors, ...Object.fromEntries(response.headers) });
      res.end(Buffer.from(await response.arrayBuffer()));
    };
    serve().catch((e: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(e instanceof Error ? e.stack : String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
