import { startInvocation, type Invocation, type MemoryKvs } from '../harness';
import type { JiraSite } from '../emulator';
import { forgeStore } from '../../src/access/kv-store';
import { storageKeys } from '../../src/access/storage-keys';
import { DEFAULT_PROJECT_SETTINGS, type ProjectSettings } from '../../src/settings/model';
import type { ProjectRef } from '../../src/settings/project-identity';
import { createSettingsStore } from '../../src/settings/store';
import { seedProjects } from './project-site';

const commentOff: ProjectSettings = { ...DEFAULT_PROJECT_SETTINGS, disabledRules: ['comment'] };
const request = (expectedRevision: number, settings: ProjectSettings, accountId = 'opsAdmin') => ({
  expectedRevision,
  settings,
  accountId,
});

describe('project settings store (compare-and-set on Forge KVS)', () => {
  let site: JiraSite;
  let kvs: MemoryKvs;
  let inv: Invocation;
  let OPS: ProjectRef;
  let FIN: ProjectRef;
  const store = createSettingsStore(forgeStore, () => Date.parse('2026-03-04T05:06:07Z'));

  beforeEach(() => {
    ({ site, kvs } = seedProjects());
    OPS = site.requireProject('OPS');
    FIN = site.requireProject('FIN');
    inv = startInvocation({ site, kvs });
  });
  afterEach(() => inv.end());

  it('starts at revision 0 with the defaults and counts up with each save', async () => {
    expect(await store.load(OPS)).toEqual({ revision: 0, settings: DEFAULT_PROJECT_SETTINGS });
    expect(await store.save(OPS, request(0, commentOff))).toEqual({
      revision: 1,
      settings: commentOff,
      updatedAt: '2026-03-04T05:06:07.000Z',
      updatedBy: 'opsAdmin',
    });
    expect((await store.save(OPS, request(1, DEFAULT_PROJECT_SETTINGS))).revision).toBe(2);
    expect(kvs.snapshot().kvs[storageKeys.projectSettings(OPS.id)]).toMatchObject({
      schemaVersion: 1,
      revision: 2,
      projectId: OPS.id,
    });
  });

  it('refuses a save from an old revision, naming who saved since and when, and writes nothing', async () => {
    await store.save(OPS, request(0, commentOff, 'finAdmin'));
    const writes = kvs.writes;
    await expect(store.save(OPS, request(0, DEFAULT_PROJECT_SETTINGS))).rejects.toMatchObject({
      code: 'CONFLICT',
      userMessage: expect.stringContaining(
        'changed by the user finAdmin at 2026-03-04 05:06 UTC (revision 1)',
      ),
    });
    expect(kvs.writes).toBe(writes);
  });

  it('lets exactly one of two saves racing from the same revision win, through the revision claim', async () => {
    const results = await Promise.allSettled([
      store.save(OPS, request(0, commentOff, 'opsAdmin')),
      store.save(OPS, request(0, DEFAULT_PROJECT_SETTINGS, 'jiraAdmin')),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(
      results.filter((r) => r.status === 'rejected').map((r) => (r.reason as { code: string }).code),
    ).toEqual(['CONFLICT']);
    // Both passed the revision check; the create-if-absent claim decided.
    expect(kvs.calls.filter((c) => c.op === 'set' && c.status === 409)).toHaveLength(1);
    expect((await store.load(OPS)).revision).toBe(1);
  });

  it('finishes a save that was interrupted after its claim: readers see it and the next save builds on it', async () => {
    const claimed = {
      schemaVersion: 1,
      revision: 1,
      projectId: OPS.id,
      updatedAt: '2026-03-01T00:00:00.000Z',
      updatedBy: 'finAdmin',
      settings: commentOff,
    };
    await forgeStore.set(storageKeys.projectSettingsRevision(OPS.id, 1), claimed);
    expect(await store.load(OPS)).toMatchObject({ revision: 1, settings: commentOff });
    expect(kvs.snapshot().kvs[storageKeys.projectSettings(OPS.id)]).toEqual(claimed);
    await expect(store.save(OPS, request(0, DEFAULT_PROJECT_SETTINGS))).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect((await store.save(OPS, request(1, DEFAULT_PROJECT_SETTINGS))).revision).toBe(2);
  });

  it('keeps projects apart', async () => {
    await store.save(OPS, request(0, commentOff));
    expect((await store.load(FIN)).revision).toBe(0);
  });

  describe('reading for a rule execution', () => {
    it('costs exactly one KVS request (a batch read) and no Jira call', async () => {
      await store.save(OPS, request(0, commentOff));
      const before = kvs.calls.length;
      expect(await store.readForExecution(OPS)).toEqual({ settings: commentOff });
      expect(kvs.calls.slice(before)).toEqual([{ op: 'batch/get', status: 200 }]);
      expect(site.calls).toEqual([]);
    });

    it('uses the defaults for a project never configured', async () => {
      expect(await store.readForExecution(FIN)).toEqual({ settings: DEFAULT_PROJECT_SETTINGS });
    });

    it('forgets rules the app no longer ships instead of rejecting the settings', async () => {
      await forgeStore.set(storageKeys.projectSettings(OPS.id), {
        schemaVersion: 1,
        revision: 3,
        projectId: OPS.id,
        updatedAt: '2026-03-01T00:00:00.000Z',
        updatedBy: 'opsAdmin',
        settings: { ...commentOff, disabledRules: ['comment', 'retired-rule'] },
      });
      expect(await store.readForExecution(OPS)).toEqual({ settings: commentOff });
    });

    it('falls back to the defaults, saying why, for settings from a newer app version or a storage failure', async () => {
      await forgeStore.set(storageKeys.projectSettings(OPS.id), {
        schemaVersion: 7,
        revision: 1,
        settings: {},
      });
      expect(await store.readForExecution(OPS)).toEqual({
        settings: DEFAULT_PROJECT_SETTINGS,
        problem: expect.stringContaining('written by a newer Workflow Guard (schema 7'),
      });
      kvs.injectFault({ op: 'batch/get', status: 500, code: 'INTERNAL_SERVER_ERROR' });
      expect(await store.readForExecution(OPS)).toEqual({
        settings: DEFAULT_PROJECT_SETTINGS,
        problem: expect.stringContaining('Project settings could not be read, defaults used'),
      });
    });
  });
});
