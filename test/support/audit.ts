import type { AuditEntry } from '../../src/audit/entry';
import { storageKeys } from '../../src/access/storage-keys';
import type { MemoryKvs } from '../harness';

/** The audit log as stored, newest first (keys carry an inverted timestamp). */
export function auditEntries(kvs: MemoryKvs): AuditEntry[] {
  return Object.entries(kvs.snapshot().kvs)
    .filter(([key]) => key.startsWith(storageKeys.auditPrefix))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, value]) => value as AuditEntry);
}
