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

// One offline lint parses every source file and compiles the manifest schema: on a loaded two-core machine it took
// over a minute (CI timed out at jest's 60 s). The unused-scope check lints once per declared scope.
const ONE_LINT_MS = 180_000;
const LINT_PER_SCOPE_MS = 600_000;

describe('scopes: none missing, none unused (offline @forge/lint)', () => {
  // A copy of the app, for the tests that break it.
  let made: AppCopy | undefined;
  const appCopy = () => (made = copyApp());
  afterEach(() => {
    made?.remove();
    made = undefined;
  });

  it(
    'finds no missing scope in the app, without touching the network',
    async () => {
      expect(await lintScopes(REPO_ROOT)).toEqual([]);
    },
    ONE_LINT_MS,
  );

  it(
    'fails on a call to an endpoint whose scope is not declared, naming endpoint and scope',
    async () => {
      const app = appCopy();
      app.write('src/settings-probe/save-flag.ts', PROJECT_PROPERTY_CALL);
      const problems = await lintScopes(app.dir);
      expect(problems).toEqual([
        expect.objectContaining({
          file: expect.stringContaining('src/settings-probe/save-flag.ts'),
          line: 4,
          missingPermission: 'manage:jira-project',
          message: expect.stringContaining(
            'PUT /rest/api/3/project/{projectIdOrKey}/properties/{propertyKey}',
          ),
        }),
      ]);
    },
    ONE_LINT_MS,
  );

  it(
    'justifies every declared scope by code or by a documented platform rule, with an admin-facing reason',
    async () => {
      const verdicts = await checkUnusedScopes(REPO_ROOT);
      // Against an empty list of verdicts "no problem" would pass: one verdict per declared scope, read here.
      const declared = [...readManifestPermissions().scopes].sort();
      expect(declared.length).toBeGreaterThan(0);
      expect(verdicts.map((v) => v.scope).sort()).toEqual(declared);
      expect(verdicts.filter((v) => v.problem)).toEqual([]);
      for (const verdict of verdicts) expect(scopeReasons[verdict.scope]?.reason).toBeTruthy();
    },
    LINT_PER_SCOPE_MS,
  );

  it(
    'fails on a declared scope that no code path needs, naming it',
    async () => {
      const app = appCopy();
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
    },
    LINT_PER_SCOPE_MS,
  );
});
