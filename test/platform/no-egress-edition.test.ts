import { adminPageHost } from '../browser/admin-host';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { callResolver, type MemoryKvs, type ResolverHandler } from '../harness';
import type { JiraSite } from '../emulator';
import { adminContext, seedAdminSite } from '../pages/admin/admin-site';
import { openForgePage } from '../browser';
import { validateManifest } from '../../scripts/checks/manifest';
import { buildI18nBundle } from '../../scripts/lib/i18n-bundle';
import { lintScopes } from '../../scripts/checks/scope-lint';
import { checkUnusedScopes } from '../../scripts/checks/unused-scopes';
import { REPO_ROOT } from '../../scripts/lib/openapi';
import type * as AdminModule from '../../src/pages/admin';
import type { DeclaredPermissions } from '../../src/permissions/declared-permissions';

interface Manifest {
  modules: Record<string, { key: string; function?: string; handler?: string }[]>;
  permissions: Record<string, unknown>;
  remotes?: unknown;
  providers?: unknown;
}

/**
 * `npm run edition:no-egress` run for real into a temporary folder: the platform checks that gate the standard
 * manifest (schema, @forge/manifest, offline @forge/lint both ways) run on the edition, and its admin page, built
 * from the same source, offers no connections.
 */
describe('the no-egress edition', () => {
  let dir: string;
  let manifest: Manifest;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'workflow-guard-no-egress-'));
    // The script builds the Custom UI with Vite, which is ESM only: a child process, as `npm run` runs it.
    await promisify(execFile)(
      process.execPath,
      [require.resolve('tsx/cli'), path.join(REPO_ROOT, 'scripts', 'editions', 'no-egress.ts'), dir],
      { cwd: REPO_ROOT, maxBuffer: 10_000_000 },
    );
    manifest = parse(readFileSync(path.join(dir, 'manifest.yml'), 'utf8')) as Manifest;
  }, 300_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('declares no egress, remote, auth provider, Notify or connected-accounts page', () => {
    expect(manifest.permissions.external).toBeUndefined();
    expect(manifest.remotes).toBeUndefined();
    expect(manifest.providers).toBeUndefined();
    const keys = Object.values(manifest.modules).flatMap((list) => list.map((module) => module.key));
    expect(keys).not.toContain('notify');
    expect(keys).not.toContain('connected-accounts');
    // Everything else the standard edition offers is there.
    const standard = parse(readFileSync(path.join(REPO_ROOT, 'manifest.yml'), 'utf8')) as Manifest;
    const standardKeys = Object.entries(standard.modules)
      .filter(([type]) => type !== 'function')
      .flatMap(([, list]) => list.map((module) => module.key));
    expect(keys).toEqual(
      expect.arrayContaining(standardKeys.filter((k) => !['notify', 'connected-accounts'].includes(k))),
    );
    // No function is left that no module runs.
    const handlers = manifest.modules.function!.map((fn) => fn.handler);
    expect(handlers).not.toContain('index.notifyPostFunction');
    expect(handlers).not.toContain('index.accountsResolver');
  });

  it('keeps its translations: every module text resolves, in English and French', async () => {
    // The Forge CLI's own bundling refuses a manifest key the default catalogue lacks (scripts/lib/i18n-bundle.ts).
    const bundle = path.join(await buildI18nBundle(path.join(dir, 'manifest.yml')), '__LOCALES__');
    const french = JSON.parse(readFileSync(path.join(bundle, 'fr-FR.json'), 'utf8')) as {
      modules: Record<string, { name?: string }>;
    };
    const validators = manifest.modules['jira:workflowValidator'] as unknown as { name: { i18n: string } }[];
    expect(validators.every((module) => module.name.i18n.startsWith('modules.'))).toBe(true);
    expect(french.modules.fieldsRequirement?.name).toBe('Workflow Guard – Champs obligatoires');
  }, 60_000);

  it('passes the manifest checks and the scope checks: nothing missing, nothing unused', async () => {
    expect(await validateManifest(dir)).toEqual([]);
    expect(await lintScopes(dir)).toEqual([]);
    const verdicts = await checkUnusedScopes(dir);
    expect(verdicts.length).toBeGreaterThan(0);
    expect(verdicts.filter((verdict) => verdict.problem)).toEqual([]);
  }, 240_000);

  it('tells its pages that it sends nothing outside Atlassian', () => {
    const declared = JSON.parse(
      readFileSync(path.join(dir, 'src', 'permissions', 'declared-permissions.generated.json'), 'utf8'),
    ) as DeclaredPermissions;
    expect(declared).toMatchObject({
      egress: [],
      customerManagedEgress: false,
      remotes: [],
      authProviders: [],
    });
    expect(declared.modules).not.toContain('notify');
  });

  it('shows an admin no connections tab, and its resolver refuses to keep a connection', async () => {
    // The edition's own code: its admin resolver reads the edition's declared permissions.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a module of the generated folder
    const { adminResolver } = require(path.join(dir, 'src', 'pages', 'admin')) as typeof AdminModule;
    const { site, kvs }: { site: JiraSite; kvs: MemoryKvs } = seedAdminSite();
    const before = kvs.snapshot();
    const refused = await callResolver(
      adminResolver,
      'saveConnection',
      {
        connection: {
          id: 'hook',
          name: 'Hook',
          url: 'https://hooks.example.com/in',
          auth: { kind: 'api-token', scheme: 'bearer' },
        },
      },
      adminContext('admin'),
      { site, kvs },
    );
    expect(refused).toEqual({
      ok: false,
      error: expect.objectContaining({
        message:
          'This edition of Workflow Guard sends nothing outside Atlassian, so it has no connections. ' +
          'To notify an external service, install the standard edition.',
      }),
    });
    // Nothing kept, but the record of what the environment's first resolver call received (platform-shape.ts).
    const after = kvs.snapshot();
    const kept = Object.entries(after.kvs).filter(([key]) => !key.startsWith('platform-shape:resolver:'));
    expect({ ...after, kvs: Object.fromEntries(kept) }).toEqual(before);

    const forge = await openForgePage({
      distDir: path.join(dir, 'static', 'app', 'dist'),
      host: adminPageHost({ site, kvs }, { resolver: adminResolver as unknown as ResolverHandler }),
    });
    try {
      const { page } = forge;
      await page.getByRole('heading', { name: 'Permissions granted' }).waitFor();
      const tabs = await page.getByRole('tab').allInnerTexts();
      expect(tabs).toEqual([
        'Permissions',
        'Identity',
        'Where rules are used',
        'Executions',
        'Health',
        'Data and privacy',
      ]);
      // Its data tab has no connections to count or delete, and says nothing leaves Atlassian.
      await page.getByRole('tab', { name: 'Data and privacy' }).click();
      await page
        .getByText(
          'This edition sends nothing outside Atlassian: it has no Notify post-function and no connections.',
        )
        .waitFor();
      expect(await page.getByText('Connections for Notify', { exact: false }).count()).toBe(0);
      expect(await page.getByRole('button', { name: 'Delete every connection…' }).count()).toBe(0);
      expect(forge.pageErrors).toEqual([]);
      expect(forge.externalRequests).toEqual([]);
    } finally {
      await forge.close();
    }
  }, 120_000);
});
