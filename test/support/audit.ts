import type { AuditEntry } from '../../src/audit/entry';
import { readStoredEntry } from '../../src/audit/stored-entry';
import { storageKeys } from '../../src/access/storage-keys';
import type { MemoryKvs } from '../harness';

/** The audit log as stored, newest first (keys carry an inverted timestamp), read as the pages read it. */
export function auditEntries(kvs: MemoryKvs): AuditEntry[] {
  return Object.entries(kvs.snapshot().kvs)
    .filter(([key]) => key.startsWith(storageKeys.auditPrefix))
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([key, value]) => readStoredEntry(value, key) ?? []);
}

/** The entries of one index (a project's, the failed ones), newest first, pointer rows read through. */
export function auditEntriesUnder(kvs: MemoryKvs, prefix: string): AuditEntry[] {
  const stored = kvs.snapshot().kvs;
  const own = (key: string) => `${storageKeys.auditPrefix}${key.split(':').slice(-2).join(':')}`;
  return Object.entries(stored)
    .filter(([key]) => key.startsWith(prefix))
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(
      ([key, value]) =>
        (typeof value === 'number'
          ? readStoredEntry(stored[own(key)], own(key))
          : readStoredEntry(value, key)) ?? [],
    );
}

/**
 * Keys a request left in storage besides the record of what the platform sent, which every module kind writes once
 * per runtime instance whatever its input (src/execution/platform-shape.ts): "saved nothing" means this is empty.
 */
export const keysBesidesPlatformShape = (kvs: MemoryKvs): string[] =>
  Object.keys(kvs.snapshot().kvs).filter((key) => !key.startsWith(storageKeys.platformShapePrefix));
