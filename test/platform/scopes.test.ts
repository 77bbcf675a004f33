import { readManifestPermissions } from '../harness';
import { lintScopes } from '../../scripts/checks/scope-lint';
import { checkUnusedScopes } from '../../scripts/checks/unused-scopes';
import { REPO_ROOT } from '../../scripts/lib/openapi';
import { scopeReasons } from '../../src/permissions/scope-reasons';
import { copyApp, type AppCopy } from '../support/app-copy';

const PROJECT_PROPERTY_CALL = `import { route } from '../access/route';
import type { JiraClient } from '../access/jira-client';
export const saveFlag = (jira: JiraClient, key: string) =>
  jira.requestJira(route\`/rest/api/3/project/\${key}/properties/flag\`, { method: 'PUT', body: { on: true } });
`;

describe('scopes: none missing, none unused (offline @forge/lint)', () => {
  let app: AppCopy;
  beforeEach(() => (app = copyApp()));
  afterEach(() => app.remove());

  it('finds no missing scope in the app, without touching the network', async () => {
    expect(await lintScopes(REPO_ROOT)).toEqual([]);
  });

  it('fails on a call to an endpoint whose scope is not declared, naming endpoint and scope', async () => {
    app.write('src/settings-probe/save-flag.ts', PROJECT_PROPERTY_CALL);
    const problems = await lintScopes(app.dir);
    expect(problems).toEqual([
      expect.objectContaining({
        file: expect.stringContaining('src/settings-probe/save-flag.ts'),
        line: 4,
        missingPermission: 'manage:jira-project',
        message: expect.stringContaining('PUT /rest/api/3/project/{projectIdOrKey}/properties/{propertyKey}'),
      }),
    ]);
  });

  it('justifies every declared scope by code or by a documented platform rule, with an admin-facing reason', async () => {
    const verdicts = await checkUnusedScopes(REPO_ROOT);
    // Against an empty list of verdicts "no problem" would pass: one verdict per declared scope, read here.
    const declared = [...readManifestPermissions().scopes].sort();
    expect(declared.length).toBeGreaterThan(0);
    expect(verdicts.map((v) => v.scope).sort()).toEqual(declared);
    expect(verdicts.filter((v) => v.problem)).toEqual([]);
    for (const verdict of verdicts) expect(scopeReasons[verdict.scope]?.reason).toBeTruthy();
  }, 300_000); // one offline lint per declared scope: minutes on a shared machine

  it('fails on a declared scope that no code path needs, naming it', async () => {
    app.edit('manifest.yml', (text) =>
      // manage:jira-project: no code path needs it (read:jira-user, the former example, is now used).
      text.replace('    storage:app: {}', '    storage:app: {}\n    manage:jira-project: {}'),
    );
    const verdicts = await checkUnusedScopes(app.dir);
    expect(verdicts.filter((v) => v.problem)).toEqual([
      {
        scope: 'manage:jira-project',
        justifiedBy: null,
        problem: expect.stringContaining('manage:jira-project is declared but no code path needs it'),
      },
    ]);
  });
});
