import { forgeStore } from '../access/kv-store';
import { redact } from '../access/redaction';
import { createAuditLog, type RecordOptions } from '../audit/audit-log';
import type { NewAuditEntry } from '../audit/entry';

const auditLog = createAuditLog(forgeStore);

/**
 * Writes an execution's audit entry. A storage failure must not change what the rule decided or did, so it is
 * reported to the function log (redacted) instead of being thrown.
 */
export async function recordExecution(entry: NewAuditEntry, options?: RecordOptions): Promise<void> {
  try {
    await auditLog.record(entry, options);
  } catch (error) {
    console.error(
      `Workflow Guard could not write an audit entry for ${entry.rule}: ${redact(String(error))}`,
    );
  }
}
