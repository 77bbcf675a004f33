import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export interface ManifestPermissions {
  scopes: string[];
  impersonationScopes: string[];
  external: Record<string, unknown>;
}

export const MANIFEST_PATH = path.resolve(__dirname, '..', '..', 'manifest.yml');

/** Parsed manifests by text: a test that edits a copy of the manifest gets its new text parsed. */
const parsed = new Map<string, unknown>();

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * A manifest.yml as parsed YAML, frozen. Every invocation and every emulated site reads the manifest, and a YAML
 * parse costs more than most test cases: each text is parsed once per test file.
 */
export function readManifest(file: string = MANIFEST_PATH): unknown {
  const text = readFileSync(file, 'utf8');
  if (!parsed.has(text)) parsed.set(text, deepFreeze(parse(text) as unknown));
  return parsed.get(text);
}

/**
 * permissions.scopes in either form (manifest-reference/permissions): a list, or a map whose values may carry
 * `allowImpersonation: true` (forge-facts.md §5; the @forge/manifest 13.7.0 schema calls the map form
 * "not yet supported", so the list form is the safe one). Only map entries with allowImpersonation count for
 * asUser(accountId).
 */
export function readManifestPermissions(file: string = MANIFEST_PATH): ManifestPermissions {
  if (!existsSync(file)) {
    throw new Error(`${file} not found: pass scopes/impersonationScopes to startInvocation explicitly`);
  }
  const doc = readManifest(file) as {
    permissions?: { scopes?: unknown; external?: unknown };
  } | null;
  const raw = doc?.permissions?.scopes ?? [];
  const external = structuredClone((doc?.permissions?.external ?? {}) as Record<string, unknown>);
  if (Array.isArray(raw)) return { scopes: raw.map(String), impersonationScopes: [], external };
  const entries = Object.entries(raw as Record<string, { allowImpersonation?: boolean } | null>);
  return {
    scopes: entries.map(([s]) => s),
    impersonationScopes: entries.filter(([, v]) => v?.allowImpersonation === true).map(([s]) => s),
    external,
  };
}
