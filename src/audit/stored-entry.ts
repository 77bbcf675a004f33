import type { AuditEntry } from './entry';

/**
 * Audit entries as stored. Version 1 (before project ids) had no `schemaVersion`; version 2 adds it and the
 * project id. Both are read. An entry written by a newer version than this one is skipped rather than shown
 * half-understood; the fields every version wrote are checked, the rest are taken as they are.
 */
export const STORED_ENTRY_VERSION = 2;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

export function readStoredEntry(raw: unknown): AuditEntry | undefined {
  if (!isRecord(raw)) return undefined;
  const version = raw.schemaVersion ?? 1;
  if (typeof version !== 'number' || version > STORED_ENTRY_VERSION) return undefined;
  const entry = { ...raw };
  delete entry.schemaVersion;
  const required = ['id', 'at', 'module', 'rule', 'outcome', 'summary'] as const;
  if (required.some((field) => typeof entry[field] !== 'string') || !isRecord(entry.actor)) return undefined;
  return {
    ...(entry as unknown as AuditEntry),
    calls: Array.isArray(entry.calls) ? (entry.calls as AuditEntry['calls']) : [],
    scopesUsed: Array.isArray(entry.scopesUsed) ? (entry.scopesUsed as string[]) : [],
  };
}
