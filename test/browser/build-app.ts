import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../../scripts/lib/openapi';
import { APP_DIST, uiBuildStaleReason } from '../../scripts/lib/ui-build';

/**
 * The Custom UI as built by `npm run build:ui` (static/app/dist), built first only if its sources changed since.
 * Vite 7 is ESM-only and jest's CommonJS runtime cannot load it, so the build runs in a child process; that
 * script holds a lock, so parallel workers that all find the build stale wait for one build and share it.
 */
export async function buildCustomUi(): Promise<string> {
  if (uiBuildStaleReason() !== undefined) {
    await promisify(execFile)(
      process.execPath,
      [require.resolve('tsx/cli'), path.join(REPO_ROOT, 'scripts', 'build-ui.ts')],
      { cwd: REPO_ROOT, maxBuffer: 10_000_000 },
    );
  }
  return APP_DIST;
}
