/**
 * `npm run declared-permissions` (npx tsx scripts/manifest/declared-permissions.ts): writes what manifest.yml asks
 * for (its modules, scopes, egress, remotes, auth providers, content security) to src/permissions/declared-permissions.generated.json,
 * which the admin page reads at run time instead of the YAML. `--check` fails when the file is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { DeclaredPermissions, DeclaredScope } from '../../src/permissions/declared-permissions';
import { flattenEgress } from '../../src/permissions/egress';
import { REPO_ROOT } from '../lib/openapi';

export const DECLARED_PATH = path.join(
  REPO_ROOT,
  'src',
  'permissions',
  'declared-permissions.generated.json',
);

interface ManifestShape {
  modules?: Record<string, { key: string }[]>;
  permissions?: {
    scopes?: string[] | Record<string, { allowImpersonation?: boolean } | null>;
    external?: Record<string, unknown>;
    content?: { scripts?: string[]; styles?: string[] };
  };
  remotes?: { key: string; baseUrl?: string }[];
  providers?: { auth?: { key: string; name: string; scopes?: string[]; remotes?: string[] }[] };
}

function scopesOf(raw: NonNullable<ManifestShape['permissions']>['scopes']): DeclaredScope[] {
  if (Array.isArray(raw)) return raw.map((scope) => ({ scope, allowImpersonation: false }));
  return Object.entries(raw ?? {}).map(([scope, options]) => ({
    scope,
    allowImpersonation: options?.allowImpersonation === true,
  }));
}

export function declaredPermissionsOf(root = REPO_ROOT): DeclaredPermissions {
  const manifest = (parse(readFileSync(path.join(root, 'manifest.yml'), 'utf8')) ?? {}) as ManifestShape;
  const external = manifest.permissions?.external ?? {};
  const configurable = external.configurable as { enabled?: boolean } | undefined;
  return {
    modules: Object.entries(manifest.modules ?? {})
      // Functions, triggers and consumers are how modules run, not what the app offers.
      .filter(([type]) => type.includes(':'))
      .flatMap(([, list]) => list.map((module) => module.key)),
    scopes: scopesOf(manifest.permissions?.scopes),
    egress: flattenEgress(external),
    customerManagedEgress: configurable?.enabled === true,
    remotes: (manifest.remotes ?? []).map(({ key, baseUrl }) => ({ key, ...(baseUrl ? { baseUrl } : {}) })),
    authProviders: (manifest.providers?.auth ?? []).map((provider) => ({
      key: provider.key,
      name: provider.name,
      scopes: provider.scopes ?? [],
      remotes: provider.remotes ?? [],
    })),
    contentSecurity: {
      scripts: manifest.permissions?.content?.scripts ?? [],
      styles: manifest.permissions?.content?.styles ?? [],
    },
  };
}

export const renderDeclaredPermissions = (root = REPO_ROOT): string =>
  `${JSON.stringify(declaredPermissionsOf(root), null, 2)}\n`;

if (require.main === module) {
  const text = renderDeclaredPermissions();
  if (process.argv.includes('--check')) {
    if (readFileSync(DECLARED_PATH, 'utf8') !== text) {
      console.error(
        'src/permissions/declared-permissions.generated.json is stale: run `npx tsx scripts/manifest/declared-permissions.ts`.',
      );
      process.exit(1);
    }
  } else {
    writeFileSync(DECLARED_PATH, text);
  }
}
