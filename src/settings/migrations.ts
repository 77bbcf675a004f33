/**
 * Stored settings carry the schema version they were written with. A later change to the settings shape adds a
 * step here that upgrades a document from version n to n + 1; documents are upgraded when read (rule executions
 * never write) and stored in the current version by the next save.
 */
export const CURRENT_SCHEMA_VERSION = 1;

export type StoredRecord = Record<string, unknown>;
export type MigrationStep = (document: StoredRecord) => StoredRecord;

/** `migrationSteps[n]` upgrades version n to n + 1. Version 1 is the first: nothing to upgrade yet. */
export const migrationSteps: Readonly<Record<number, MigrationStep>> = {};

export type Migrated = { ok: true; document: StoredRecord } | { ok: false; reason: string };

export function migrate(
  raw: unknown,
  steps: Readonly<Record<number, MigrationStep>> = migrationSteps,
  target: number = CURRENT_SCHEMA_VERSION,
): Migrated {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    return { ok: false, reason: 'the stored settings are not an object' };
  let document = raw as StoredRecord;
  const version = document.schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    return { ok: false, reason: 'the stored settings have no schema version' };
  if (version > target)
    return {
      ok: false,
      reason: `the stored settings were written by a newer Workflow Guard (schema ${version}, this version reads up to ${target})`,
    };
  for (let from = version; from < target; from += 1) {
    const step = steps[from];
    if (!step) return { ok: false, reason: `no upgrade from settings schema ${from} to ${from + 1}` };
    document = { ...step(document), schemaVersion: from + 1 };
  }
  return { ok: true, document };
}
