// The runtime stand-in must be installed before anything imports @forge/api (it captures fetch at import).
import '../test/harness/runtime';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { installBridgeShim } from '../test/browser/bridge-shim';
import { buildI18nBundle, i18nBundleRoot } from '../scripts/lib/i18n-bundle';
import { Sandbox, type Breakage, type FaultKind, type Language, type Licence } from './sandbox';

const ROOT = path.resolve(__dirname, '..');
const PUBLIC = path.join(__dirname, 'public');
const APP_DIST = path.join(ROOT, 'static', 'app', 'dist');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

/** Loaded into every app page before its bundle: @forge/bridge finds `__bridge` and talks to this server. */
const BRIDGE_SCRIPT = `
window.__sandboxHostCall = async (name, payload) => {
  const params = new URLSearchParams(location.search);
  const response = await fetch('/api/bridge', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ frame: params.get('frame'), theme: params.get('theme') || 'light', name, payload }) });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error);
  return body.result;
};
(${installBridgeShim.toString()})('__sandboxHostCall');
`;

/**
 * The content security policy of a Custom UI page as the manifest makes it: the app's own files, plus inline
 * styles (manifest `permissions.content.styles: unsafe-inline`). No inline script and no other origin.
 */
const APP_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'";

function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  type = 'application/json',
  headers = {},
) {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  res.end(body);
}

function sendFile(
  res: ServerResponse,
  file: string,
  transform?: (text: string) => string,
  headers: Record<string, string> = {},
) {
  if (!existsSync(file))
    return send(res, 404, JSON.stringify({ error: `Not found: ${path.basename(file)}` }));
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  const body = transform ? transform(readFileSync(file, 'utf8')) : readFileSync(file);
  return send(res, 200, body, type, headers);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : {};
}

/** Serves one path inside `dir`, refusing anything that climbs out of it. */
function inside(dir: string, requested: string): string | undefined {
  const file = path.normalize(path.join(dir, decodeURIComponent(requested)));
  return file.startsWith(dir + path.sep) ? file : undefined;
}

/** The sandbox's HTTP face; `appDist` is the built Custom UI (tests build their own copy). */
export function createSandboxServer(sandbox: Sandbox, appDist = APP_DIST, locales = i18nBundleRoot()) {
  const api: Record<string, (body: Record<string, unknown>) => unknown> = {
    // The page reads the site once the events its last request caused have reached the app (its audit log shows them).
    '/api/state': async (b) => {
      await sandbox.delivered();
      return sandbox.state(typeof b.accountId === 'string' ? b.accountId : undefined);
    },
    '/api/transition': (b) => sandbox.transition(b as Parameters<Sandbox['transition']>[0]),
    '/api/frame': (b) => sandbox.openFrame(b as Parameters<Sandbox['openFrame']>[0]),
    '/api/rule-configuration': (b) => sandbox.saveRuleConfiguration(String(b.frame), String(b.configuration)),
    '/api/fault': (b) => sandbox.injectFault(b.kind as FaultKind),
    '/api/licence': (b) => sandbox.setLicence(b.licence as Licence),
    '/api/language': (b) => sandbox.setLanguage(b.language as Language),
    '/api/break': (b) => sandbox.breakReference(b.kind as Breakage),
    '/api/daily-health-check': () => sandbox.runDailyHealthCheck(),
    '/api/bridge': (b) =>
      sandbox.bridge(String(b.frame), String(b.name), b.payload, b.theme === 'dark' ? 'dark' : 'light'),
  };
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const handler = api[url.pathname];
    if (handler && req.method === 'POST') {
      readJson(req)
        .then((body) => handler(body))
        .then((result) => send(res, 200, JSON.stringify({ result })))
        .catch((error: unknown) =>
          send(res, 400, JSON.stringify({ error: error instanceof Error ? error.message : String(error) })),
        );
      return;
    }
    if (url.pathname === '/' || url.pathname === '/index.html')
      return sendFile(res, path.join(PUBLIC, 'index.html'));
    if (url.pathname === '/bridge.js') return send(res, 200, BRIDGE_SCRIPT, TYPES['.js']);
    if (url.pathname === '/favicon.ico') return send(res, 204, '');
    // `forge deploy` puts the translations bundle beside every resource (scripts/lib/i18n-bundle.ts).
    if (url.pathname.startsWith('/app/__LOCALES__/')) {
      const file = inside(locales, url.pathname.slice('/app/'.length));
      return file ? sendFile(res, file) : send(res, 404, '{}');
    }
    if (url.pathname.startsWith('/app/')) {
      const file = inside(appDist, url.pathname.slice('/app/'.length) || 'index.html');
      if (!file) return send(res, 404, '{}');
      return path.basename(file) === 'index.html'
        ? sendFile(res, file, (html) => html.replace('<head>', '<head><script src="/bridge.js"></script>'), {
            'content-security-policy': APP_CSP,
          })
        : sendFile(res, file);
    }
    const file = inside(PUBLIC, url.pathname.slice(1));
    return file ? sendFile(res, file) : send(res, 404, '{}');
  });
}

if (require.main === module) {
  if (!existsSync(path.join(APP_DIST, 'index.html'))) {
    console.error('The Custom UI is not built: run `npm run build:ui` (npm start does it for you).');
    process.exit(1);
  }
  const port = Number(process.env.PORT ?? 4321);
  void Promise.all([Sandbox.create(), buildI18nBundle()]).then(([sandbox, locales]) => {
    const server = createSandboxServer(sandbox, APP_DIST, locales);
    server.listen(port, '127.0.0.1', () => {
      process.stdout.write(`Workflow Guard sandbox: http://127.0.0.1:${port}/  (Ctrl-C to stop)\n`);
    });
    const stop = () => server.close(() => void sandbox.close().then(() => process.exit(0)));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
