import { existsSync } from 'node:fs';
import { MANIFEST_PATH, readManifest } from '../harness/manifest';

export interface IndexedProperty {
  propertyKey: string;
  path: string;
  type: string;
}

/**
 * The issue property paths the installed app asks Jira to index: its `jira:entityProperty` modules with
 * `entityType: issue` (the default). Jira makes exactly those queryable in JQL as `issue.property['<key>'].<path>`
 * (https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-entity-property/).
 */
export function manifestIndexedIssueProperties(file: string = MANIFEST_PATH): IndexedProperty[] {
  if (!existsSync(file)) return [];
  const doc = readManifest(file) as {
    modules?: { 'jira:entityProperty'?: unknown };
  } | null;
  const modules = doc?.modules?.['jira:entityProperty'];
  if (!Array.isArray(modules)) return [];
  return modules.flatMap((raw) => {
    const m = raw as { entityType?: string; propertyKey?: string; values?: unknown };
    if ((m.entityType ?? 'issue') !== 'issue' || typeof m.propertyKey !== 'string') return [];
    const values = Array.isArray(m.values) ? (m.values as Array<{ path?: unknown; type?: unknown }>) : [];
    const propertyKey = m.propertyKey;
    return values.flatMap((v) =>
      typeof v.path === 'string' && typeof v.type === 'string'
        ? [{ propertyKey, path: v.path, type: v.type }]
        : [],
    );
  });
}
