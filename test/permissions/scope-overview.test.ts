import { readFileSync } from 'node:fs';
import { inEnglish } from '../../src/access/texts';
import { DECLARED_PATH, renderDeclaredPermissions } from '../../scripts/manifest/declared-permissions';
import { assessPermissions, neededPermissions } from '../../src/permissions/bot-permissions';
import type { DeclaredPermissions } from '../../src/permissions/declared-permissions';
import type { EndpointRow } from '../../src/permissions/endpoints';
import { buildPermissionsOverview } from '../../src/permissions/scope-overview';

const declared: DeclaredPermissions = {
  modules: ['comment'],
  scopes: [
    { scope: 'read:jira-work', allowImpersonation: true },
    { scope: 'write:jira-work', allowImpersonation: false },
  ],
  egress: [{ kind: 'fetch.backend', address: 'https://hooks.example.com' }],
  customerManagedEgress: false,
  remotes: [],
  authProviders: [],
  contentSecurity: { scripts: [], styles: ['unsafe-inline'] },
};
const endpoints: EndpointRow[] = [
  {
    method: 'POST',
    pathTemplate: '/rest/api/3/issue/{issueIdOrKey}/comment',
    operationId: 'addComment',
    summary: 'Add comment',
    classicScopes: ['write:jira-work'],
    granularScopes: [],
    features: ['rules/comment'],
  },
];
const reasons = { 'write:jira-work': { reason: { verbatim: 'Add comments.' } } };

describe('permissions overview', () => {
  it('falls back to the deployed manifest when the runtime reports no scopes, and says so', () => {
    const view = buildPermissionsOverview({ granted: { external: {} }, declared, endpoints, reasons });
    expect(view.source).toBe('manifest');
    expect(view.awaitingApproval).toEqual([]);
    expect(view.scopes.map((s) => [s.scope, s.status, s.allowImpersonation])).toEqual([
      ['read:jira-work', 'granted', true],
      ['write:jira-work', 'granted', false],
    ]);
    expect(view.scopes[1]).toMatchObject({
      endpoints: [{ method: 'POST', pathTemplate: '/rest/api/3/issue/{issueIdOrKey}/comment' }],
    });
    // Texts for the page to word: in English they read as they always did.
    expect(inEnglish(view.scopes[1]!.reason)).toBe('Add comments.');
    expect(view.scopes[1]?.features.map(inEnglish)).toEqual(['Comment post-function']);
    expect(inEnglish(view.scopes[0]!.reason)).toBe('No reason recorded for this scope.');
    expect(view.contentSecurity.styles).toEqual(['unsafe-inline']);
  });

  it('compares runtime grants with the manifest: awaiting approval, no longer requested', () => {
    const view = buildPermissionsOverview({
      granted: { scopes: ['read:jira-work', 'manage:jira-project'], external: {} },
      declared,
      endpoints,
      reasons,
    });
    expect(view.source).toBe('runtime');
    expect(view.scopes.map((s) => [s.scope, s.status])).toEqual([
      ['manage:jira-project', 'no-longer-requested'],
      ['read:jira-work', 'granted'],
      ['write:jira-work', 'awaiting-approval'],
    ]);
    expect(view.awaitingApproval).toEqual(['write:jira-work']);
  });
});

describe('bot permissions', () => {
  it('marks what rules in use need and gives a fix only for a needed permission that is missing', () => {
    const needed = neededPermissions(['comment']);
    const rows = assessPermissions(
      ['BROWSE_PROJECTS', 'ADD_COMMENTS', 'EDIT_ISSUES'],
      { BROWSE_PROJECTS: true },
      needed,
      { projectKey: 'OPS', grantee: { verbatim: 'the app' } },
    );
    const comment = { key: 'catalog.rules.comment.title' };
    const permission = (key: string) => ({ key: `catalog.permissions.${key}` });
    const fix = {
      key: 'botAccess.grantInProject',
      values: { project: 'OPS', permission: permission('addComments'), grantee: { verbatim: 'the app' } },
    };
    expect(rows).toEqual([
      {
        key: 'BROWSE_PROJECTS',
        name: 'Browse projects',
        held: true,
        neededBy: ['Comment'],
        said: { name: permission('browseProjects'), neededBy: [comment] },
      },
      {
        key: 'ADD_COMMENTS',
        name: 'Add comments',
        held: false,
        neededBy: ['Comment'],
        fix: 'In the permission scheme of project OPS, grant "Add comments" to the app.',
        said: { name: permission('addComments'), neededBy: [comment], fix },
      },
      {
        key: 'EDIT_ISSUES',
        name: 'Edit issues',
        held: false,
        neededBy: [],
        said: { name: permission('editIssues'), neededBy: [] },
      },
    ]);
  });
});

describe('declared permissions embedded for the runtime', () => {
  it('is up to date with manifest.yml (run `npm run generate` when this fails)', () => {
    expect(readFileSync(DECLARED_PATH, 'utf8')).toBe(renderDeclaredPermissions());
  });
});
