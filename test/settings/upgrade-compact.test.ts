import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildPostFunctionEvent,
  callResolver,
  runPostFunction,
  withInvocation,
  type ResolverHandler,
} from '../harness';
import { claimEffect } from '../../src/access/idempotency';
import { forgeEntity, forgeStore, type VersionedDocument } from '../../src/access/kv-store';
import { AUDIT_COUNTER_ENTITY } from '../../src/access/storage-keys';
import { adminResolver } from '../../src/index';
import { projectSettingsResolver } from '../../src/pages/project-settings';
import { commentPostFunction } from '../../src/rules/comment';
import type { ExecutionsView } from '../../src/shared/admin-page';
import type { ActivityPageView } from '../../src/shared/project-settings';
import { pageContext, seedProjects } from './project-site';

type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

/** What the version before compact entries wrote (test/settings/fixtures/before-compact-entries.json). */
function earlierData(opsId: string): {
  kvs: Record<string, unknown>;
  entities: Record<string, Record<string, VersionedDocument>>;
} {
  const text = readFileSync(join(__dirname, 'fixtures', 'before-compact-entries.json'), 'utf8');
  return JSON.parse(text.replaceAll('{{OPS_ID}}', opsId)) as ReturnType<typeof earlierData>;
}

const NOW = Date.parse('2026-11-20T10:30:00Z');

describe('upgrading from entries stored whole in every index (schema 2): they read as before', () => {
  beforeEach(() =>
    jest.useFakeTimers({ now: NOW, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] }),
  );
  afterEach(() => jest.useRealTimers());

  it('lists them with their calls and scopes beside new compact entries, counts them, and honours their marks', async () => {
    const { site, kvs } = seedProjects();
    site.grant('ADD_COMMENTS', { projectKey: 'OPS', accountId: 'dev' });
    const earlier = earlierData(site.requireProject('OPS').id);
    await withInvocation({ site, kvs }, async () => {
      for (const [key, value] of Object.entries(earlier.kvs)) await forgeStore.set(key, value);
      for (const [key, value] of Object.entries(earlier.entities[AUDIT_COUNTER_ENTITY] ?? {}))
        await forgeEntity(AUDIT_COUNTER_ENTITY).create(key, value);
    });
    await runPostFunction(
      commentPostFunction,
      buildPostFunctionEvent(site, {
        issueKey: 'OPS-1',
        transitionId: '11',
        configuration: { template: 'x' },
      }),
      { site, kvs },
    );
    const call = async <T>(resolver: unknown, fn: string, ctx: Parameters<typeof callResolver>[3]) => {
      const envelope = (await callResolver(resolver as ResolverHandler, fn, {}, ctx, {
        site,
        kvs,
      })) as Envelope<T>;
      if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
      return envelope.data;
    };
    const admin = await call<ExecutionsView>(adminResolver, 'getExecutions', { accountId: 'jiraAdmin' });
    expect(admin.entries.map((e) => [e.outcome, e.summary.replace(/\d{5}/, 'N')])).toEqual([
      ['applied', 'Comment N added'],
      ['applied', 'Comment N added (version 2 entry)'],
    ]);
    const old = admin.entries[1];
    expect(old?.at).toBe('2026-11-20T09:00:00.000Z');
    expect(old?.scopesUsed).toEqual(['read:jira-work', 'write:jira-work']);
    expect(old?.calls.map((c) => [c.method, c.pathTemplate, c.status, c.attempts])).toEqual([
      ['GET', '/rest/api/3/mypermissions', 200, 1],
      ['POST', '/rest/api/3/issue/{issueIdOrKey}/comment', 201, 2],
    ]);
    // The new entry reads back with the same information, from its compact form.
    expect(admin.entries[0]?.calls.map((c) => [c.method, c.pathTemplate, c.status, c.scopes])).toEqual([
      ['POST', '/rest/api/3/issue/{issueIdOrKey}/comment', 201, ['write:jira-work']],
    ]);
    expect(admin.entries[0]?.projectKey).toBe('OPS');
    // The earlier shard's day and the new day document both count.
    expect(admin.storage.entries).toBe(2);
    const activity = await call<ActivityPageView>(
      projectSettingsResolver,
      'getProjectActivity',
      pageContext(site, 'opsAdmin', 'OPS'),
    );
    expect(activity.entries.map((e) => e.summary)).toContain('Comment 10023 added (version 2 entry)');
    await withInvocation({ site, kvs }, async () =>
      expect(await claimEffect(forgeStore, 'exec-v2', 'pf-1', NOW)).toEqual({
        kind: 'duplicate',
        state: 'done',
        summary: 'Comment 10023 added (version 2 entry)',
      }),
    );
  });
});
