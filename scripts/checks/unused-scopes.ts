/**
 * "No unused scope": least privilege in both directions. Each declared scope must be either proven needed by the
 * code (lint reports it missing once it is removed) or required by Forge itself, as recorded with its
 * documentation page in the scope-reasons table. Every scope also needs a reason an admin can read.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { scopeReasons } from '../../src/permissions/scope-reasons';
import { lintScopes } from './scope-lint';

export interface ScopeVerdict {
  scope: string;
  justifiedBy: 'code' | 'platform' | null;
  problem?: string;
}

type Scopes = string[] | Record<string, unknown>;
interface Manifest {
  permissions?: { scopes?: Scopes };
}

const scopeNames = (scopes: Scopes | undefined): string[] =>
  Array.isArray(scopes) ? scopes : Object.keys(scopes ?? {});

function withoutScope(manifest: Manifest, scope: string): Manifest {
  const scopes = manifest.permissions?.scopes;
  const remaining = Array.isArray(scopes)
    ? scopes.filter((s) => s !== scope)
    : Object.fromEntries(Object.entries(scopes ?? {}).filter(([s]) => s !== scope));
  return { ...manifest, permissions: { ...manifest.permissions, scopes: remaining } };
}

export async function checkUnusedScopes(appDir: string): Promise<ScopeVerdict[]> {
  const manifest = parse(readFileSync(path.join(appDir, 'manifest.yml'), 'utf8')) as Manifest;
  const verdicts: ScopeVerdict[] = [];
  // Sequential on purpose: lint changes the working directory of the process.
  for (const scope of scopeNames(manifest.permissions?.scopes)) {
    const reason = scopeReasons[scope];
    const lintWithout = await lintScopes(appDir, withoutScope(manifest, scope));
    const neededByCode = lintWithout.some((problem) => problem.missingPermission === scope);
    const justifiedBy = neededByCode ? 'code' : reason?.requiredBy ? 'platform' : null;
    const problems = [
      !justifiedBy &&
        `${scope} is declared but no code path needs it and no Forge rule requires it: remove it from manifest.yml ` +
          `(or record the documentation page that requires it in src/permissions/scope-reasons.ts)`,
      !reason && `${scope} has no admin-facing reason in src/permissions/scope-reasons.ts`,
    ].filter((p): p is string => typeof p === 'string');
    verdicts.push({ scope, justifiedBy, ...(problems.length ? { problem: problems.join('; ') } : {}) });
  }
  return verdicts;
}

if (require.main === module) {
  void checkUnusedScopes(process.argv[2] ?? process.cwd()).then((verdicts) => {
    for (const v of verdicts) console.error(`${v.scope}: ${v.problem ?? `justified by ${v.justifiedBy}`}`);
    // No verdict is no proof: a manifest that declares no scope (or was not read) fails too.
    if (verdicts.length === 0) console.error('No declared scope was checked: is manifest.yml readable?');
    if (verdicts.length === 0 || verdicts.some((v) => v.problem)) process.exitCode = 1;
  });
}
