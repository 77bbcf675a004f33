// `npm run build:ui`: builds the Custom UI into static/app/dist, unless dist already is the build of the current
// sources (then it says so and stops). `npm test`, `npm start` and every browser test go through here.
import { mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Plugin } from 'vite';
import { uiBuildStaleReason, uiPaths, writeStamp } from './lib/ui-build';

const paths = uiPaths();
const LOCK = path.join(paths.app, '.dist-build.lock');
/** No build takes this long: an older lock was left by a build that was killed. */
const ABANDONED_LOCK_MS = 5 * 60_000;

function lockAge(): number | undefined {
  try {
    return Date.now() - statSync(LOCK).mtimeMs;
  } catch {
    return undefined;
  }
}

/** Parallel jest workers (or a test run and `npm start`) may ask at once: one builds, the others wait and reuse. */
async function whileLocked(work: () => Promise<void>): Promise<void> {
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if ((lockAge() ?? 0) > ABANDONED_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      else await sleep(250);
    }
  }
  try {
    await work();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

async function buildUi(reason: string): Promise<void> {
  // jest sets NODE_ENV=test, and vite would then bundle React's development build.
  process.env.NODE_ENV = 'production';
  // A build that fails half-way must not leave a record saying dist is current.
  rmSync(paths.stamp, { force: true });
  const started = Date.now();
  let moduleIds: string[] = [];
  const recordInputs: Plugin = {
    name: 'workflow-guard:record-inputs',
    generateBundle() {
      moduleIds = [...this.getModuleIds()];
    },
  };
  // Vite 7 is ESM only: imported when a build is needed, so the up-to-date check stays instant.
  const { build } = await import('vite');
  await build({
    configFile: path.join(paths.app, 'vite.config.mts'),
    mode: 'production',
    logLevel: 'warn',
    plugins: [recordInputs],
  });
  const stamp = writeStamp(moduleIds);
  process.stdout.write(
    `Custom UI built into static/app/dist (${reason}) in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
      `it also bundles ${stamp.bundled.length} files from src/.\n`,
  );
}

void whileLocked(async () => {
  const reason = uiBuildStaleReason();
  if (reason === undefined) process.stdout.write('Custom UI: static/app/dist is up to date.\n');
  else await buildUi(reason);
}).catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
