import { APP } from '../access/actor';
import { redact } from '../access/redaction';
import { openSession } from '../access/session';
import { recordingShape } from '../execution/platform-shape';
import { runHealthCheck } from './run';
import { readHealthState } from './store';

/**
 * "There is a small chance of duplicated invocations" of a scheduled trigger
 * (https://developer.atlassian.com/platform/forge/manifest-reference/modules/scheduled-trigger/): a scheduled run
 * this soon after another does nothing.
 */
const MIN_GAP_MS = 3_600_000;

/**
 * The `health-check` scheduledTrigger's function (manifest.yml, interval `day`). It runs with no user, so it reads
 * the workflows as the app. What it throws Forge ignores and never retries, so a failure is logged (redacted); the
 * next day's run tries again.
 */
export const healthCheckScheduled = recordingShape('scheduledTrigger', async (): Promise<void> => {
  try {
    const now = Date.now();
    const { lastRun } = await readHealthState();
    if (lastRun?.trigger === 'scheduled' && now - Date.parse(lastRun.at) < MIN_GAP_MS) return;
    await runHealthCheck({ session: openSession('health'), reader: APP, trigger: 'scheduled', now });
  } catch (error) {
    console.error(`Workflow Guard's scheduled health check failed: ${redact(String(error))}`);
  }
});
