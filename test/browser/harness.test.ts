import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openForgePage, serveStatic, type FakeForgeHost } from './index';

/** A page that talks to the bridge the way @forge/bridge and @forge/jira-bridge do, without a build. */
const FIXTURE = `<!doctype html><html><body>
<input id="min" value="12"><pre id="out"></pre>
<img src="https://cdn.example.invalid/logo.png">
<script>
  const out = (line) => (document.getElementById('out').textContent += line + '\\n');
  const call = (name, payload) => window.__bridge.callBridge(name, payload);
  (async () => {
    out('registered ' + (await call('setWorkflowRuleConfigurationCallback', {
      data: { onConfigure: async () => JSON.stringify({ minLength: document.getElementById('min').value }) },
    })));
    out('context ' + (await call('getContext')).moduleKey);
    out('invoke ' + JSON.stringify(await call('invoke', { functionKey: 'echo', payload: { a: 1 } })));
    await call('invoke', { functionKey: 'boom', payload: {} }).catch((e) => out('invoke error ' + e.message));
    await call('submit', { x: 1 }).catch((e) => out('submit error ' + e.message));
    await fetch('https://api.example.invalid/track').catch(() => out('fetch blocked'));
    out('done');
  })();
</script></body></html>`;

describe('browser harness', () => {
  let dir: string;
  const host: FakeForgeHost = {
    getContext: () =>
      Promise.resolve({ moduleKey: 'fixture', extension: { type: 'jira:workflowValidator' } }),
    invoke: (functionKey, payload) =>
      functionKey === 'echo'
        ? Promise.resolve({ echoed: payload })
        : Promise.reject(new Error('resolver failed')),
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wg-fixture-'));
    await writeFile(join(dir, 'index.html'), FIXTURE);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('bridges calls to the Node host, keeps onConfigure in the page and blocks the internet', async () => {
    const forge = await openForgePage({ distDir: dir, host });
    try {
      const out = forge.page.locator('#out');
      await forge.page.getByText('done').waitFor();
      const lines = (await out.textContent())!.trim().split('\n');
      expect(lines.slice(0, 3)).toEqual(['registered true', 'context fixture', 'invoke {"echoed":{"a":1}}']);
      expect(lines[3]).toContain('resolver failed');
      expect(lines[4]).toContain('bridge call "submit" is not supported');
      expect(lines[5]).toBe('fetch blocked');

      expect(await forge.onConfigure()).toBe('{"minLength":"12"}');
      await forge.page.fill('#min', '20');
      expect(await forge.onConfigure()).toBe('{"minLength":"20"}');

      expect(forge.bridgeCalls.map((c) => c.name)).toEqual(['getContext', 'invoke', 'invoke', 'submit']);
      expect(forge.externalRequests.sort()).toEqual([
        'https://api.example.invalid/track',
        'https://cdn.example.invalid/logo.png',
      ]);
      expect(forge.pageErrors).toEqual([]);
    } finally {
      await forge.close();
    }
  });

  it('collects page errors and console errors; onConfigure() is undefined without a callback', async () => {
    const broken = await mkdtemp(join(tmpdir(), 'wg-broken-'));
    await writeFile(
      join(broken, 'index.html'),
      "<!doctype html><script>console.error('bad thing')</script><script>throw new Error('kaboom')</script>",
    );
    const forge = await openForgePage({ distDir: broken, host });
    try {
      expect(await forge.onConfigure()).toBeUndefined();
      expect(forge.consoleErrors).toEqual(['bad thing']);
      expect(forge.pageErrors).toEqual(['kaboom']);
    } finally {
      await forge.close();
      await rm(broken, { recursive: true, force: true });
    }
  });

  it('serveStatic answers 404 for missing files and never leaves its folder', async () => {
    const server = await serveStatic(dir);
    try {
      expect((await fetch(server.url)).status).toBe(200);
      expect((await fetch(`${server.url}missing.js`)).status).toBe(404);
      expect((await fetch(`${server.url}..%2F..%2Fetc%2Fpasswd`)).status).toBe(403);
    } finally {
      await server.close();
    }
  });
});
