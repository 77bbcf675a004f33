import { buildPostFunctionEvent, MemoryKvs, runPlatformRetry } from '../test/harness';
import { JiraSite } from '../test/emulator';
import { commentPostFunction } from '../src/rules/comment';
import { round } from './stats';

const RETRY_AFTER_S = 1;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Rate-limit storm: half of all Jira calls answered 429 with Retry-After. Every effect must be applied exactly
 * once, no request may be sent before Jira allowed it, and platform retries are counted. Real time: it waits.
 */
export async function benchStorm(executions = 20) {
  const site = new JiraSite();
  site.addUser({ accountId: 'dev', displayName: 'Dana Developer' });
  site.addProject({ key: 'OPS' });
  site.faults.seed(7);
  site.faults.inject({
    times: Infinity,
    probability: 0.5,
    response: { kind: 'rateLimit', reason: 'jira-burst-based', retryAfterSeconds: RETRY_AFTER_S },
  });
  const kvs = new MemoryKvs();
  const started = Date.now();
  let platformRetries = 0;
  let platformWaitMs = 0;
  const keys: string[] = [];
  for (let i = 0; i < executions; i += 1) {
    const key = site.addIssue({ projectKey: 'OPS', summary: `Storm ${i}` }).key;
    keys.push(key);
    const event = buildPostFunctionEvent(site, {
      issueKey: key,
      transitionId: '11',
      atlassianId: 'dev',
      configuration: JSON.stringify({ template: 'Moved' }),
    });
    const report = await runPlatformRetry(commentPostFunction, event, {
      site,
      kvs,
      wait: async (ms) => {
        platformWaitMs += ms;
        await sleep(Math.min(ms, 2_000)); // the platform would wait `ms`; the bench caps the real wait
      },
    });
    platformRetries += report.deliveries.length - 1;
  }
  const comments = keys.map((key) => site.issue(key).comments.length);
  const early = site.calls.filter((call, i) => {
    const previous = site.calls[i - 1];
    return previous?.status === 429 && call.at < previous.at + RETRY_AFTER_S * 1000;
  }).length;
  return {
    executions,
    'effects applied once': comments.filter((n) => n === 1).length,
    'effects doubled or lost': comments.filter((n) => n !== 1).length,
    'Jira calls': site.calls.length,
    '429 answers': site.calls.filter((c) => c.status === 429).length,
    'requests sent early': early,
    'platform retries': platformRetries,
    'platform wait s': round(platformWaitMs / 1000, 1),
    'total wall s': round((Date.now() - started) / 1000, 1),
  };
}
