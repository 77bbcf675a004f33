import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { buildCustomUi, launchChromium, screenshot } from '../browser';

const ROOT = path.resolve(__dirname, '..', '..');
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const section = (heading: string) => {
  const start = readme.indexOf(heading);
  return readme.slice(start, readme.indexOf('\n## ', start + 1));
};

/** A port nothing listens on now: the one the system hands out for a moment. */
const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/**
 * Issue 16, point 14: what the README says about `npm start` holds. It names `PORT`, says the sandbox keeps its
 * state in memory until it stops, and says what `npm ci` prints that is expected; the sandbox's server then listens
 * on the `PORT` given, says where, and a fresh start shows the demo again.
 */
describe('the README on npm start', () => {
  let dist: string;
  beforeAll(async () => {
    dist = await buildCustomUi();
  }, 120_000);

  it('documents PORT, the in-memory state and the expected npm ci warnings', () => {
    const tryIt = section('## Try it without a Jira site');
    expect(tryIt).toContain('PORT=8080 npm start');
    expect(tryIt).toContain('Everything lives in memory');
    expect(tryIt).toContain('gone when it stops (Ctrl-C)');
    const setUp = section('## Set up and test');
    expect(setUp).toContain('**What `npm ci` prints that is expected.**');
    expect(setUp).toContain('npm warn ERESOLVE overriding peer dependency');
    expect(setUp).toContain('install-scripts');
    expect(dist).toContain(path.join('static', 'app', 'dist'));
  });

  /** `npm start` after the UI build: the sandbox's server on its own, as a person's terminal runs it. */
  async function start(port: number): Promise<{ child: ChildProcess; said: string }> {
    const child = spawn(
      process.execPath,
      [require.resolve('tsx/cli'), path.join(ROOT, 'sandbox', 'server.ts')],
      {
        cwd: ROOT,
        env: { ...process.env, PORT: String(port) },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const said = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('Ctrl-C')) resolve(out);
      });
      child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.once('exit', (code) => reject(new Error(`the sandbox stopped (${code}): ${out}`)));
    });
    return { child, said };
  }
  const stop = (child: ChildProcess) =>
    new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGINT');
    });

  it('listens on PORT, and a restart starts again from the demo', async () => {
    const port = await freePort();
    const browser = await launchChromium();
    let running = await start(port);
    try {
      expect(running.said).toContain(`Workflow Guard sandbox: http://127.0.0.1:${port}/  (Ctrl-C to stop)`);
      const page = await browser.context.newPage();
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.getByTestId('issue').getByText('OPS-1: Rotate the TLS certificates').waitFor();
      await page.getByRole('button', { name: 'Done' }).click();
      await page.getByTestId('status').getByText('Done').waitFor();
      await screenshot(page, 'sandbox-readme-port');

      // Stopped and started again: what the last run did is gone (it lived in memory).
      await stop(running.child);
      running = await start(port);
      await page.goto(`http://127.0.0.1:${port}/`);
      await page.getByTestId('issue').getByText('OPS-1: Rotate the TLS certificates').waitFor();
      expect(await page.getByTestId('status').textContent()).toBe('To Do');
      await page.getByText('No comments yet.').waitFor();
    } finally {
      await browser.close();
      await stop(running.child);
    }
  }, 120_000);
});
