import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const REPO_ROOT = join(__dirname, '..', '..');
export const APP_VITE_CONFIG = join(REPO_ROOT, 'static', 'app', 'vite.config.mts');

/**
 * Builds static/app into test-artifacts/custom-ui/<name> (its own folder per test file, so parallel
 * jest workers never overwrite each other) and returns that folder.
 * Vite 7 is ESM-only and jest's CommonJS runtime on Node 20 cannot load it, so vite's JS API runs in
 * a child Node process instead.
 */
export async function buildCustomUi(name: string): Promise<string> {
  if (!/^[\w-]+$/.test(name)) throw new Error(`Build name must be a plain folder name: ${name}`);
  const outDir = join(REPO_ROOT, 'test-artifacts', 'custom-ui', name);
  const script = [
    "import { build } from 'vite';",
    'const [configFile, outDir] = process.argv.slice(1);',
    "await build({ configFile, mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true } });",
  ].join('\n');
  await promisify(execFile)(
    process.execPath,
    ['--input-type=module', '-e', script, APP_VITE_CONFIG, outDir],
    // jest sets NODE_ENV=test, and vite would then bundle React's development build.
    { cwd: REPO_ROOT, env: { ...process.env, NODE_ENV: 'production' }, maxBuffer: 10_000_000 },
  );
  return outDir;
}
