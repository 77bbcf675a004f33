import { performance } from 'node:perf_hooks';
import { buildPostFunctionEvent, runPostFunction, runValidator } from '../test/harness';
import { JiraSite } from '../test/emulator';
import { MemoryKvs } from '../test/harness';
import { fieldsRequirementValidator } from '../src/rules/fields-requirement';
import { commentPostFunction } from '../src/rules/comment';
import { naiveCommentPostFunction, naiveFieldsValidator } from './naive';
import { percentile, round } from './stats';

type Runner = (site: JiraSite, kvs: MemoryKvs, issueKey: string) => Promise<unknown>;

interface Scenario {
  name: string;
  ours: Runner;
  naive: Runner;
}

const DESCRIPTION = {
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Ready' }] }],
};
const FIELDS_CONFIG = JSON.stringify({
  requirements: [{ fieldId: 'description', fieldName: 'Description', condition: 'not-empty' }],
});

const validatorPayload = (issueKey: string, onScreen: boolean) => ({
  issue: { key: issueKey },
  configuration: FIELDS_CONFIG,
  transition: {
    from: { id: '1' },
    to: { id: '3' },
    ...(onScreen ? { modifiedFields: { description: DESCRIPTION } } : {}),
  },
});

export const scenarios: Scenario[] = [
  {
    name: 'fields requirement, field on the transition screen',
    ours: (site, kvs, key) =>
      runValidator(fieldsRequirementValidator, validatorPayload(key, true), { site, kvs }),
    naive: (site, kvs, key) => runValidator(naiveFieldsValidator, validatorPayload(key, true), { site, kvs }),
  },
  {
    name: 'fields requirement, field read from the issue',
    ours: (site, kvs, key) =>
      runValidator(fieldsRequirementValidator, validatorPayload(key, false), { site, kvs }),
    naive: (site, kvs, key) =>
      runValidator(naiveFieldsValidator, validatorPayload(key, false), { site, kvs }),
  },
  {
    name: 'comment post-function (as the app)',
    ours: (site, kvs, key) =>
      runPostFunction(
        commentPostFunction,
        buildPostFunctionEvent(site, {
          issueKey: key,
          transitionId: '11',
          atlassianId: 'dev',
          configuration: JSON.stringify({ template: '{{issue.key}} started by {{user}}' }),
        }),
        { site, kvs },
      ),
    naive: (site, kvs, key) =>
      runPostFunction(
        naiveCommentPostFunction,
        buildPostFunctionEvent(site, { issueKey: key, transitionId: '11', atlassianId: 'dev' }),
        { site, kvs },
      ),
  },
];

/** A realistic issue: labels, components-like custom fields and a long description make "read everything" costly. */
function seed(): JiraSite {
  const site = new JiraSite();
  site.addUser({ accountId: 'dev', displayName: 'Dana Developer' });
  site.addProject({ key: 'OPS', name: 'Operations' });
  site.grant('BROWSE_PROJECTS', { accountId: 'dev', projectKey: 'OPS' });
  site.grant('ADD_COMMENTS', { accountId: 'dev', projectKey: 'OPS' });
  return site;
}

/** Time spent inside the emulated Jira is network time: subtracted to leave the handler's own work. */
function meter(site: JiraSite) {
  let inside = 0;
  const handle = site.handle.bind(site);
  site.handle = async (...args: Parameters<JiraSite['handle']>) => {
    const start = performance.now();
    try {
      return await handle(...args);
    } finally {
      inside += performance.now() - start;
    }
  };
  return () => inside;
}

async function measure(run: Runner, runs: number) {
  const site = seed();
  const kvs = new MemoryKvs();
  const network = meter(site);
  const own: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const issue = site.addIssue({
      projectKey: 'OPS',
      summary: `Issue ${i}`,
      fields: { description: DESCRIPTION, labels: ['ops', 'security', 'q4'] },
    });
    const before = network();
    const start = performance.now();
    await run(site, kvs, issue.key);
    own.push(performance.now() - start - (network() - before));
  }
  return {
    calls: site.calls.length / runs,
    points: site.points / runs,
    p50: percentile(own, 50),
    p95: percentile(own, 95),
  };
}

export async function benchRules(runs = 300) {
  const results = [];
  for (const scenario of scenarios) {
    await measure(scenario.ours, 20); // warm-up: module loading and JIT
    const ours = await measure(scenario.ours, runs);
    const naive = await measure(scenario.naive, runs);
    results.push({
      scenario: scenario.name,
      'calls (ours/naive)': `${round(ours.calls)} / ${round(naive.calls)}`,
      'calls ratio': round(ours.calls / naive.calls),
      'points (ours/naive)': `${round(ours.points)} / ${round(naive.points)}`,
      'points ratio': round(ours.points / naive.points),
      'handler ms p50/p95 (ours)': `${round(ours.p50)} / ${round(ours.p95)}`,
      'handler ms p50/p95 (naive)': `${round(naive.p50)} / ${round(naive.p95)}`,
    });
  }
  return results;
}
