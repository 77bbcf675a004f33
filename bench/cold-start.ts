import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { median, round } from './stats';

const ROOT = path.resolve(__dirname, '..');

/**
 * Cold start: the backend bundled as one file (as Forge bundles src/ for the function runtime), then required by
 * fresh Node processes; the median import time over several processes, and the bundle's size.
 */
export async function benchColdStart(processes = 9) {
  const outfile = path.join(mkdtempSync(path.join(os.tmpdir(), 'wg-bundle-')), 'index.js');
  await build({
    entryPoints: [path.join(ROOT, 'src', 'index.ts')],
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    minify: true,
    outfile,
    logLevel: 'silent',
  });
  const times = Array.from({ length: processes }, () => {
    const script = `const t=process.hrtime.bigint();require(${JSON.stringify(outfile)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6))`;
    return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
  });
  return {
    'bundle kB': round(statSync(outfile).size / 1024, 1),
    'import ms (median)': round(median(times)),
    'import ms (all)': times.map((t) => round(t, 1)).join(' '),
  };
}
