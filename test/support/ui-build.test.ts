import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { uiBuildStaleReason, uiPaths, writeStamp } from '../../scripts/lib/ui-build';
import { buildCustomUi } from '../browser/build-app';

describe('the Custom UI is built once and reused while its sources are unchanged', () => {
  let root: string;
  let paths: ReturnType<typeof uiPaths>;
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  /** What Vite reports having bundled: app modules, backend modules, a dependency and a virtual module. */
  const moduleIds = () => [
    path.join(root, 'static/app/src/main.tsx'),
    `${path.join(root, 'src/rules/comment/configuration.ts')}?v=1`,
    path.join(root, 'node_modules/react/index.js'),
    '\0vite/modulepreload-polyfill.js',
  ];

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'wg-ui-build-'));
    paths = uiPaths(root);
    write('static/app/src/main.tsx', 'render()');
    write('static/app/vite.config.mts', 'export default {}');
    write('src/rules/comment/configuration.ts', 'export const a = 1;');
    write('src/access/jira-client.ts', 'export const b = 1;');
    write('tsconfig.json', '{}');
    write('node_modules/.package-lock.json', '{"packages":{}}');
    write('static/app/dist/index.html', '<!doctype html>');
    write('static/app/dist/assets/main.js', 'render()');
    writeStamp(moduleIds(), paths);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('records the backend modules the UI bundles, not its dependencies or its own sources', () => {
    expect(JSON.parse(readFileSync(paths.stamp, 'utf8'))).toMatchObject({
      bundled: ['src/rules/comment/configuration.ts'],
      packages: ['react'],
      outputs: ['assets/main.js', 'index.html'],
    });
    expect(uiBuildStaleReason(paths)).toBeUndefined();
  });

  it('reuses the build when only backend code the UI does not bundle changed', () => {
    write('src/access/jira-client.ts', 'export const b = 2;');
    write('static/app/.editor-swap', 'x');
    expect(uiBuildStaleReason(paths)).toBeUndefined();
  });

  it.each([
    ['a UI source changed', 'static/app/src/main.tsx'],
    ['a UI file was added', 'static/app/src/pages/New.tsx'],
    ['a backend module the UI bundles changed', 'src/rules/comment/configuration.ts'],
    ['the Vite config changed', 'static/app/vite.config.mts'],
    ['the installed dependencies changed', 'node_modules/.package-lock.json'],
    ['the compiler settings changed', 'tsconfig.json'],
  ])('rebuilds when %s', (_what, file) => {
    write(file, 'changed');
    expect(uiBuildStaleReason(paths)).toBe('its sources changed');
  });

  it('rebuilds when a bundled module was deleted', () => {
    rmSync(path.join(root, 'src/rules/comment/configuration.ts'));
    expect(uiBuildStaleReason(paths)).toBe('its sources changed');
  });

  it('rebuilds when the build output is incomplete, or was never recorded', () => {
    rmSync(path.join(paths.dist, 'assets/main.js'));
    expect(uiBuildStaleReason(paths)).toBe('static/app/dist is missing files of the last build');
    writeFileSync(paths.stamp, '{"bundled": [');
    expect(uiBuildStaleReason(paths)).toBe('no record of a previous build');
    rmSync(paths.stamp);
    expect(uiBuildStaleReason(paths)).toBe('no record of a previous build');
  });

  it("the browser tests' build is this checkout's static/app/dist, current once they have it", async () => {
    const dist = await buildCustomUi();
    expect(dist).toBe(uiPaths().dist);
    expect(uiBuildStaleReason()).toBeUndefined();
    const stamp = JSON.parse(readFileSync(uiPaths().stamp, 'utf8')) as {
      bundled: string[];
      outputs: string[];
    };
    // The configuration screens share their schemas with the backend: a change there must rebuild the UI.
    expect(stamp.bundled).toContain('src/rules/comment/configuration.ts');
    expect(stamp.outputs).toContain('index.html');
  });
});
