import { SCOPE_ERROR_SHAPES } from '../emulator/faults';
import { startInvocation } from '../harness';
import { APP, CURRENT_USER, impersonate } from '../../src/access/actor';
import { AccessFailure } from '../../src/access/failures';
import { route } from '../../src/access/route';
import { openSession } from '../../src/access/session';
import { seedSite } from '../support/seed';

const readIssue = (session: ReturnType<typeof openSession>, actor: Parameters<typeof session.jira>[0]) =>
  session.jira(actor).requestJira<{ key: string }>(route`/rest/api/3/issue/${'OPS-1'}?fields=${'summary'}`);

describe('the Jira client: explicit actors', () => {
  it('reaches Jira as the app, as the invocation user and as an impersonated user', async () => {
    const { site, kvs } = seedSite();
    const invocation = startInvocation({ site, kvs, accountId: 'dev' });
    try {
      const session = openSession('test/actors');
      await readIssue(session, APP);
      await readIssue(session, CURRENT_USER);
      await readIssue(session, impersonate('viewer'));
      expect(site.calls.map((c) => c.identity)).toEqual([
        { kind: 'app' },
        { kind: 'user', accountId: 'dev' },
        { kind: 'impersonated', accountId: 'viewer' },
      ]);
      expect(session.calls.map((c) => [c.actor.kind, c.pathTemplate, c.status, c.scopes])).toEqual([
        ['app', '/rest/api/3/issue/{issueIdOrKey}', 200, ['read:jira-work']],
        ['user', '/rest/api/3/issue/{issueIdOrKey}', 200, ['read:jira-work']],
        ['impersonated', '/rest/api/3/issue/{issueIdOrKey}', 200, ['read:jira-work']],
      ]);
    } finally {
      invocation.end();
    }
  });

  it.each(SCOPE_ERROR_SHAPES)(
    'fails impersonation without an impersonation-enabled scope, naming the scope and the fix (missing scope answered %s)',
    async (shape) => {
      const { site, kvs } = seedSite();
      site.scopeErrorShape = shape;
      const invocation = startInvocation({
        site,
        kvs,
        scopes: ['read:jira-work', 'write:jira-work', 'storage:app'],
        impersonationScopes: ['write:jira-work'],
      });
      try {
        const failure = await readIssue(openSession('test/actors'), impersonate('dev')).catch(
          (e: unknown) => e,
        );
        expect(failure).toBeInstanceOf(AccessFailure);
        expect(failure).toMatchObject({ code: 'MISSING_SCOPE', details: { scopes: ['read:jira-work'] } });
        expect((failure as AccessFailure).adminMessage).toContain('lacks the OAuth scope read:jira-work');
        expect((failure as AccessFailure).adminMessage).toContain('allowImpersonation: true');
      } finally {
        invocation.end();
      }
    },
  );

  it('answers a caller without permission in words: which permission, whose identity, which project', async () => {
    const { site, kvs } = seedSite();
    const invocation = startInvocation({ site, kvs, accountId: 'viewer' });
    try {
      const failure = await openSession('test/permissions')
        .jira(CURRENT_USER)
        // Set issue property lists 403 for a caller without the permission (Add comment lists none: FIDELITY.md).
        .requestJira(route`/rest/api/3/issue/${'OPS-1'}/properties/${'review'}`, {
          method: 'PUT',
          body: { ready: true },
          permission: 'EDIT_ISSUES',
          projectKey: 'OPS',
        })
        .catch((e: unknown) => e);
      expect(failure).toMatchObject({ code: 'MISSING_PERMISSION' });
      expect((failure as AccessFailure).userMessage).toBe(
        `You don't have the Jira permission "Edit issues" in project OPS. Ask a Jira admin to grant it.`,
      );
    } finally {
      invocation.end();
    }
  });

  it('asks Jira for permissions once per invocation, whatever the number of checks', async () => {
    const { site, kvs } = seedSite();
    const invocation = startInvocation({ site, kvs });
    try {
      const session = openSession('test/permissions');
      const checker = session.permissions(impersonate('viewer'));
      expect(await checker.holds(['BROWSE_PROJECTS', 'EDIT_ISSUES'], { issueKey: 'OPS-1' })).toEqual({
        BROWSE_PROJECTS: true,
        EDIT_ISSUES: false,
      });
      await checker.holds(['EDIT_ISSUES'], { issueKey: 'OPS-1' });
      await expect(
        checker.require(['BROWSE_PROJECTS', 'EDIT_ISSUES'], { issueKey: 'OPS-1' }),
      ).rejects.toMatchObject({
        code: 'MISSING_PERMISSION',
        details: { permission: 'EDIT_ISSUES' },
      });
      expect(site.calls.filter((c) => c.operationId === 'getMyPermissions')).toHaveLength(1);
    } finally {
      invocation.end();
    }
  });
});
