import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { I18nResourceBundlingService } from '@forge/cli-shared/out/service/i18n-resource-bundling-service';
import { FORGE_SUPPORTED_LOCALE_CODES, I18N_BUNDLE_FOLDER_NAME } from '@forge/i18n';
import { parse } from 'yaml';
import { z } from 'zod';
import { REPO_ROOT } from './openapi';

const Locale = z.enum(FORGE_SUPPORTED_LOCALE_CODES);
// https://developer.atlassian.com/platform/forge/manifest-reference/translations/
const Manifest = z.object({
  modules: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
  translations: z.object({
    resources: z.array(z.object({ key: Locale, path: z.string() })),
    fallback: z.object({ default: Locale }).and(z.partialRecord(Locale, z.array(Locale))),
  }),
});
type BundlingConfig = NonNullable<Parameters<I18nResourceBundlingService['bundle']>[1]>;

function read(manifestFile: string) {
  const root = path.dirname(manifestFile);
  const manifest = Manifest.parse(parse(readFileSync(manifestFile, 'utf8')));
  const [first, ...rest] = manifest.translations.resources.map((r) => ({
    ...r,
    path: path.resolve(root, r.path),
  }));
  if (!first) throw new Error(`${manifestFile}: translations.resources lists no catalogue`);
  const resources: BundlingConfig['resources'] = [first, ...rest];
  const hash = createHash('sha256').update(readFileSync(manifestFile));
  for (const r of resources) hash.update(readFileSync(r.path));
  return {
    manifest,
    config: { fallback: manifest.translations.fallback, resources } satisfies BundlingConfig,
    dir: path.join(tmpdir(), `workflow-guard-i18n-${hash.digest('hex').slice(0, 16)}`),
  };
}

const DEFAULT_MANIFEST = path.join(REPO_ROOT, 'manifest.yml');

/**
 * What `forge deploy` adds beside the app's code and each resource: a `__LOCALES__` folder with one file per locale
 * and `i18n-info.json`, which @forge/bridge's and @forge/api's `i18n` read. This is the folder that holds it (the
 * runtime's `appCodeDir`), named by its content; `buildI18nBundle` makes it.
 */
export function i18nBundleRoot(manifestFile = DEFAULT_MANIFEST): string {
  return read(manifestFile).dir;
}

/**
 * Makes the bundle with the Forge CLI's own bundling service from manifest.yml, so the tests and the sandbox read
 * exactly what a deployed app reads (its checks too: the default locale must have every manifest key).
 */
export async function buildI18nBundle(manifestFile = DEFAULT_MANIFEST): Promise<string> {
  const { manifest, config, dir } = read(manifestFile);
  if (existsSync(dir)) return dir;
  // Built aside and renamed into place: parallel test workers never read a half-written bundle.
  const scratch = mkdtempSync(`${dir}-`);
  try {
    // Loaded only to build: @forge/cli-shared takes seconds to load, and every test's harness reads this module.
    const { I18nResourceBundlingService } =
      await import('@forge/cli-shared/out/service/i18n-resource-bundling-service');
    const bundle = await new I18nResourceBundlingService().bundle(manifest.modules, config);
    if (!bundle.exists) throw new Error('manifest.yml has no translations to bundle');
    renameSync(bundle.path, path.join(scratch, I18N_BUNDLE_FOLDER_NAME));
    renameSync(scratch, dir);
  } finally {
    // Left only when the build failed or another worker renamed the same content into place first.
    rmSync(scratch, { recursive: true, force: true });
  }
  return dir;
}
