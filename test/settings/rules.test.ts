import {
  buildPostFunctionEvent,
  runPostFunction,
  runValidator,
  startInvocation,
  type MemoryKvs,
} from '../harness';
import type { JiraSite } from '../emulator';
import { forgeStore } from '../../src/access/kv-store';
import type { AuditEntry } from '../../src/audit/entry';
import { fieldsRequirementValidator } from '../../src/rules/fields-requirement';
import { commentPostFunction } from '../../src/rules/comment';
import { storageKeys } from '../../src/access/storage-keys';
import { rememberProjectKey } from '../../src/settings/project-identity';
import { createSettingsStore } from '../../src/settings/store';
import { DEFAULT_PROJECT_SETTINGS, type ProjectSettings } from '../../src/settings/model';
import { seedProjects } from './project-site';
import { auditEntriesUnder } from '../support/audit';

const requireDueDate = {
  requirements: [{ fieldId: 'duedate', fieldName: 'Due date', condition: 'not-empty' }],
};

describe('rules read the project settings', () => {
  let site: JiraSite;
  let kvs: MemoryKvs;

  beforeEach(() => {
    ({ site, kvs } = seedProjects());
    // `viewer` may see OPS but not comment there: acting as them needs a fallback.
    site.addUser({ accountId: 'viewer', displayName: 'Vic Viewer' });
    site.grant('BROWSE_PROJECTS', { projectKey: 'OPS', accountId: 'viewer' });
  });

  async function configure(projectKey: string, change: (s: ProjectSettings) => ProjectSettings) {
    const inv = startInvocation({ site, kvs });
    try {
      // As the settings page does: opening it names the project's key and id (the key cache).
      await rememberProjectKey(forgeStore, site.requireProject(projectKey), Date.now());
      await createSettingsStore(forgeStore).save(site.requireProject(projectKey), {
        expectedRevision: 0,
        settings: change(structuredClone(DEFAULT_PROJECT_SETTINGS)),
        accountId: 'opsAdmin',
      });
    } finally {
      inv.end();
    }
  }
  const auditOf = (projectKey: string): AuditEntry[] =>
    auditEntriesUnder(kvs, storageKeys.auditByProjectPrefix(site.requireProject(projectKey).id)).filter(
      (entry) => entry.module !== 'project-settings',
    );
  const validate = () =>
    runValidator(
      fieldsRequirementValidator,
      {
        issue: { key: 'OPS-1' },
        configuration: requireDueDate,
        transition: { from: { id: '1' }, to: { id: '3' } },
      },
      { site, kvs },
    );
  const comment = (configuration: object, atlassianId = 'dev') =>
    runPostFunction(
      commentPostFunction,
      buildPostFunctionEvent(site, { issueKey: 'OPS-1', transitionId: '21', configuration, atlassianId }),
      { site, kvs },
    );

  describe('a rule turned off', () => {
    it('validator: passes, says so in the audit log, and costs two KVS reads and no Jira call', async () => {
      await configure('OPS', (s) => ({ ...s, disabledRules: ['fields-requirement'] }));
      const kvsCalls = kvs.calls.length;
      expect(await validate()).toEqual({ result: true });
      expect(site.calls).toEqual([]);
      // The environment's first validator records what Jira sent (one write, src/execution/platform-shape.ts); then
      // the key cache with the installation settings and a counter document, then the project's settings (a batch
      // read each); the audit entry in one transaction, and the counter document's creation, once per shard.
      expect(kvs.calls.slice(kvsCalls)).toEqual([
        { op: 'set', status: 200 },
        { op: 'batch/get', status: 200 },
        { op: 'batch/get', status: 200 },
        { op: 'transaction', status: 200 },
        { op: 'entity/set', status: 200 },
      ]);
      expect(auditOf('OPS')).toEqual([
        expect.objectContaining({
          rule: 'fields-requirement',
          outcome: 'skipped',
          summary: 'Turned off in the project settings of OPS: the transition was allowed',
        }),
      ]);
    });

    it('validator: still blocks in a project where it is on', async () => {
      await configure('OPS', (s) => ({ ...s, disabledRules: ['comment'] }));
      expect(await validate()).toMatchObject({
        result: false,
        errorMessage: expect.stringContaining('Due date'),
      });
    });

    it('post-function: does nothing (no comment, no Jira call, no effect claim) and says so', async () => {
      await configure('OPS', (s) => ({ ...s, disabledRules: ['comment'] }));
      await comment({ template: 'Moved by {{user}}' });
      expect(site.issue('OPS-1').comments).toEqual([]);
      expect(site.calls).toEqual([]);
      expect(Object.keys(kvs.snapshot().kvs).filter((k) => k.startsWith('effect:'))).toEqual([]);
      expect(auditOf('OPS')).toEqual([
        expect.objectContaining({
          rule: 'comment',
          outcome: 'skipped',
          summary: 'Turned off in the project settings of OPS: nothing was done',
        }),
      ]);
    });

    it('is off only in its own project', async () => {
      await configure('FIN', (s) => ({ ...s, disabledRules: ['comment'] }));
      await comment({ template: 'Moved' });
      expect(site.issue('OPS-1').comments).toHaveLength(1);
    });
  });

  describe('project defaults', () => {
    it('a project without settings behaves as before: the app comments', async () => {
      await comment({ template: 'Moved' });
      expect(site.issue('OPS-1').comments.map((c) => c.author)).toEqual([site.appBot.accountId]);
    });

    it('the default actor applies when the rule does not choose one', async () => {
      await configure('OPS', (s) => ({ ...s, defaults: { ...s.defaults, actor: 'transitioning-user' } }));
      await comment({ template: 'Moved' });
      expect(site.issue('OPS-1').comments.map((c) => c.author)).toEqual(['dev']);
    });

    it('a rule that chooses its actor keeps it', async () => {
      await configure('OPS', (s) => ({ ...s, defaults: { ...s.defaults, actor: 'transitioning-user' } }));
      await comment({ template: 'Moved', actor: 'app' });
      expect(site.issue('OPS-1').comments.map((c) => c.author)).toEqual([site.appBot.accountId]);
    });

    it('a project that forbids falling back to the app overrides a rule that would', async () => {
      await configure('OPS', (s) => ({ ...s, defaults: { ...s.defaults, allowAppFallback: false } }));
      await comment({ template: 'Moved', actor: 'transitioning-user', fallback: 'act-as-app' }, 'viewer');
      expect(site.issue('OPS-1').comments).toEqual([]);
      expect(auditOf('OPS')).toEqual([
        expect.objectContaining({
          outcome: 'failed',
          summary: expect.stringContaining('the project settings do not allow falling back to the app'),
          error: expect.objectContaining({ code: 'MISSING_PERMISSION' }),
        }),
      ]);
    });

    it('with fallback allowed, the same rule falls back to the app', async () => {
      await comment({ template: 'Moved', actor: 'transitioning-user', fallback: 'act-as-app' }, 'viewer');
      expect(site.issue('OPS-1').comments.map((c) => c.author)).toEqual([site.appBot.accountId]);
    });

    it('failures are reported on the issue when the project says so and the rule does not say otherwise', async () => {
      await configure('OPS', (s) => ({ ...s, defaults: { ...s.defaults, reportFailureOnIssue: true } }));
      await comment({ template: 'Moved', actor: 'transitioning-user' }, 'viewer');
      const comments = site.issue('OPS-1').comments;
      expect(comments.map((c) => c.author)).toEqual([site.appBot.accountId]);
      expect(comments[0]?.text).toContain('Workflow Guard could not run "Comment"');

      await comment(
        { template: 'Moved', actor: 'transitioning-user', reportFailureOnIssue: false },
        'viewer',
      );
      expect(site.issue('OPS-1').comments).toHaveLength(1);
    });
  });
});
