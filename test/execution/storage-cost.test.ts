import {
  buildPostFunctionEvent,
  runPostFunction,
  runValidator,
  withInvocation,
  type MemoryKvs,
} from '../harness';
import type { JiraSite } from '../emulator';
import { forgeStore } from '../../src/access/kv-store';
import { storageKeys } from '../../src/access/storage-keys';
import { SHARDS } from '../../src/audit/failure-counters';
import { commentPostFunction } from '../../src/rules/comment';
import { fieldsRequirementValidator } from '../../src/rules/fields-requirement';
import { saveSuccessDetail } from '../../src/settings/installation';
import { rememberProjectKey } from '../../src/settings/project-identity';
import { createSettingsStore } from '../../src/settings/store';
import { DEFAULT_PROJECT_SETTINGS } from '../../src/settings/model';
import { auditEntries } from '../support/audit';
import { capturingConsole } from '../support/console';
import { seedIssueCreation, seedSite } from '../support/seed';
import { createIssuePostFunction } from '../../src/rules/create-issue';
import { linkIssuesPostFunction } from '../../src/rules/link-issues';
import { assignPostFunction } from '../../src/rules/assign';

/**
 * What one successful execution costs in storage, in Forge's billing units
 * (https://developer.atlassian.com/platform/forge/forge-platform-pricing/): bytes written to the KVS (every key
 * and value set, in a batch, a transaction or alone), round trips to it (reads, writes, transactions, queries)
 * and bytes logged. Measured at the SDK's door to the in-memory KVS, once the installation's counter documents
 * exist (the first execution on each of the 16 shards also creates its document, and one execution in eight
 * also looks at the storage cap: neither is the steady cost of an execution).
 */
interface Meter {
  trips: string[];
  bytesWritten: number;
}

function meter(kvs: MemoryKvs): Meter & { stop(): void } {
  const handle = kvs.handle.bind(kvs);
  const measured = { trips: [] as string[], bytesWritten: 0, stop: () => void (kvs.handle = handle) };
  kvs.handle = (path, init = {}) => {
    const op = path.replace(/^\/api\/v1\//, '');
    const body: unknown = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    const sets = (
      op === 'set' || op === 'entity/set'
        ? [body]
        : op === 'batch/set'
          ? body
          : op === 'transaction'
            ? ((body as { set?: unknown[] }).set ?? [])
            : []
    ) as Array<{ key: string; value: unknown }>;
    measured.trips.push(op);
    measured.bytesWritten += sets.reduce(
      (sum, { key, value }) => sum + Buffer.byteLength(key) + Buffer.byteLength(JSON.stringify(value)),
      0,
    );
    return handle(path, init);
  };
  return measured;
}

const comment = (site: JiraSite, actor: 'app' | 'transitioning-user') =>
  buildPostFunctionEvent(site, {
    issueKey: 'OPS-1',
    transitionId: '11',
    atlassianId: 'dev',
    configuration: JSON.stringify({ template: 'Moved by {{user}}', actor }),
  });

const validation = {
  issue: { key: 'OPS-1' },
  configuration: JSON.stringify({
    requirements: [{ fieldId: 'summary', fieldName: 'Summary', condition: 'not-empty' }],
  }),
  transition: { from: { id: '1' }, to: { id: '3' } },
};

/** A site whose every counter document exists: executions until each shard has counted one. */
async function warmedUp(options: { projectSettings?: boolean; seed?: typeof seedSite } = {}) {
  const { site, kvs } = (options.seed ?? seedSite)();
  if (options.projectSettings)
    await withInvocation({ site, kvs }, async () => {
      await rememberProjectKey(forgeStore, site.requireProject('OPS'), Date.now());
      await createSettingsStore(forgeStore).save(site.requireProject('OPS'), {
        expectedRevision: 0,
        settings: DEFAULT_PROJECT_SETTINGS,
        accountId: 'dev',
      });
    });
  const counters = () =>
    Object.keys(kvs.snapshot().entities['audit-counter'] ?? {}).filter((key) => key.startsWith('today-'));
  while (counters().length < SHARDS)
    await runValidator(fieldsRequirementValidator, validation, { site, kvs });
  return { site, kvs };
}

/** The median execution of `runs`: trips and bytes vary only with the occasional storage-cap look. */
async function measure(run: () => Promise<unknown>, kvs: MemoryKvs, runs = 8): Promise<Meter> {
  const all: Meter[] = [];
  const measured = meter(kvs);
  for (let n = 0; n < runs; n += 1) {
    const [trips, bytes] = [measured.trips.length, measured.bytesWritten];
    await run();
    all.push({ trips: measured.trips.slice(trips), bytesWritten: measured.bytesWritten - bytes });
  }
  measured.stop();
  all.sort((a, b) => a.trips.length - b.trips.length || a.bytesWritten - b.bytesWritten);
  return all[Math.floor(all.length / 2)] as Meter;
}

describe('what a successful execution writes and how often it goes to storage', () => {
  it.each([['app', 'transitioning-user']] as const)(
    'comment post-function as %s: one read, the claim and one transaction, at most 600 bytes, nothing logged',
    (...actors) =>
      capturingConsole(async (printed) => {
        for (const actor of actors) {
          const { site, kvs } = await warmedUp();
          const measured = await measure(
            () => runPostFunction(commentPostFunction, comment(site, actor), { site, kvs }),
            kvs,
          );
          expect(measured.trips).toEqual(['batch/get', 'set', 'transaction']);
          expect(measured.bytesWritten).toBeLessThanOrEqual(600);
          expect(auditEntries(kvs)[0]).toMatchObject({ rule: 'comment', outcome: 'applied' });
        }
        expect(printed).toEqual([]);
      }),
  );

  /** Create issue, Link issues and Assign, on OPS-1 as the app. */
  const postFunctions = [
    [
      'link issues (one found)',
      600,
      linkIssuesPostFunction,
      () => ({ source: 'jql', jql: 'project = OPS AND statusCategory != Done', linkType: 'Relates' }),
    ],
    ['assign (to the reporter)', 600, assignPostFunction, () => ({ target: 'reporter' })],
    // Listed in the other project's activity too: a pointer row (44 bytes), its prefix in the age row (7) and the
    // project's key in the entry (`op`, 13), about 65 bytes more than an execution that stays in its project.
    [
      'create issue (in another project, linked back)',
      670,
      createIssuePostFunction,
      (site: JiraSite) => ({
        kind: 'issue',
        projectId: '20000',
        issueTypeId: site.issueTypes.get('Task')?.id,
        summary: 'Follow up {{issue.key}}: {{issue.summary}}',
        copyFields: ['customfield_10050', 'labels'],
        linkBack: { linkType: 'Blocks' },
      }),
    ],
  ] as const;
  it.each(postFunctions)(
    '%s: one read, the claim and one transaction, at most %i bytes',
    async (_name, bytes, handler, configuration) => {
      const { site, kvs } = await warmedUp({ seed: seedIssueCreation });
      const event = () =>
        buildPostFunctionEvent(site, {
          issueKey: 'OPS-1',
          transitionId: '21',
          atlassianId: 'dev',
          configuration: JSON.stringify(configuration(site)),
        });
      const measured = await measure(() => runPostFunction(handler, event(), { site, kvs }), kvs);
      expect(measured.trips).toEqual(['batch/get', 'set', 'transaction']);
      expect(measured.bytesWritten).toBeLessThanOrEqual(bytes);
      expect(auditEntries(kvs)[0]).toMatchObject({ outcome: 'applied' });
    },
  );

  it('fields requirement validator: one read and one transaction, at most 600 bytes, nothing logged', () =>
    capturingConsole(async (printed) => {
      const { site, kvs } = await warmedUp();
      const measured = await measure(
        () => runValidator(fieldsRequirementValidator, validation, { site, kvs }),
        kvs,
      );
      expect(measured.trips).toEqual(['batch/get', 'transaction']);
      expect(measured.bytesWritten).toBeLessThanOrEqual(600);
      expect(printed).toEqual([]);
    }));

  it('with project settings saved, the project’s settings are one more read (its id comes from the first)', async () => {
    const { site, kvs } = await warmedUp({ projectSettings: true });
    const validator = await measure(
      () => runValidator(fieldsRequirementValidator, validation, { site, kvs }),
      kvs,
    );
    expect(validator.trips).toEqual(['batch/get', 'batch/get', 'transaction']);
    const postFunction = await measure(
      () => runPostFunction(commentPostFunction, comment(site, 'app'), { site, kvs }),
      kvs,
    );
    expect(postFunction.trips).toEqual(['batch/get', 'batch/get', 'set', 'transaction']);
    expect(postFunction.bytesWritten).toBeLessThanOrEqual(600);
  });

  it('keeps a success as a one-line summary when the admin chose it, in fewer bytes; a failure still in full', async () => {
    const { site, kvs } = await warmedUp();
    const full = await measure(
      () => runPostFunction(commentPostFunction, comment(site, 'app'), { site, kvs }),
      kvs,
    );
    expect(auditEntries(kvs)[0]?.calls.length).toBeGreaterThan(0);
    await withInvocation({ site, kvs }, () => saveSuccessDetail(forgeStore, 'summary'));
    const summary = await measure(
      () => runPostFunction(commentPostFunction, comment(site, 'app'), { site, kvs }),
      kvs,
    );
    expect(summary.bytesWritten).toBeLessThan(full.bytesWritten);
    const [kept] = auditEntries(kvs);
    expect(kept).toMatchObject({
      rule: 'comment',
      outcome: 'applied',
      issueKey: 'OPS-1',
      calls: [],
      scopesUsed: [],
    });
    expect(kept?.summary).toMatch(/^Comment \d+ added/);
    // The viewer may not comment and the rule may not fall back: a failure, kept with its calls.
    await runPostFunction(
      commentPostFunction,
      buildPostFunctionEvent(site, {
        issueKey: 'OPS-1',
        transitionId: '11',
        atlassianId: 'viewer',
        configuration: { template: 'x', actor: 'transitioning-user', fallback: 'fail' },
      }),
      { site, kvs },
    );
    const [failed] = auditEntries(kvs);
    expect(failed).toMatchObject({ outcome: 'failed', error: { code: 'MISSING_PERMISSION' } });
    expect(failed?.calls.length).toBeGreaterThan(0);
    expect(kvs.snapshot().kvs[storageKeys.installationSettings]).toEqual({
      schemaVersion: 1,
      successDetail: 'summary',
    });
  });
});
