import { z } from 'zod';
import { forgeStore, KVS_MAX_BATCH } from '../access/kv-store';
import { storageKeys } from '../access/storage-keys';
import type { HealthProblemView, HealthRunView } from '../shared/health';

/** One workflow as the last run saw it: its version, and the names the checks need from every workflow. */
const KnownWorkflow = z.object({
  version: z.string(),
  name: z.string(),
  transitions: z.array(z.string()),
  statuses: z.array(z.string()),
  hasRules: z.boolean(),
});
export type KnownWorkflow = z.infer<typeof KnownWorkflow>;

/** The health check's state, version 1: the last run, the problems it found, and the workflows it has read. */
const HealthState = z.object({
  schemaVersion: z.literal(1),
  /** When every workflow was last read in full, whatever its version said. */
  fullReadAt: z.string().optional(),
  workflows: z.record(z.string(), KnownWorkflow),
  lastRun: z.custom<HealthRunView>((v) => typeof v === 'object' && v !== null).optional(),
  problems: z.array(z.custom<HealthProblemView>((v) => typeof v === 'object' && v !== null)),
});
export type HealthState = z.infer<typeof HealthState>;

/** Problems kept per run: beyond this the page says how many more there are (the KVS value limit is 240 KiB). */
export const MAX_STORED_PROBLEMS = 200;

export const EMPTY_STATE: HealthState = { schemaVersion: 1, workflows: {}, problems: [] };

/** A state this version cannot read (a newer version's) starts afresh: the next run reads every workflow. */
export async function readHealthState(): Promise<HealthState> {
  const parsed = HealthState.safeParse(await forgeStore.get(storageKeys.healthState));
  return parsed.success ? parsed.data : EMPTY_STATE;
}

export async function writeHealthState(state: HealthState): Promise<void> {
  await forgeStore.set(storageKeys.healthState, state);
}

/** The app's rules in one workflow, as stored between runs (`config` is the string Jira keeps). */
const StoredRule = z.object({
  transitionId: z.string(),
  transitionName: z.string(),
  rule: z.string(),
  config: z.string().optional(),
  disabled: z.boolean(),
});
export type StoredRule = z.infer<typeof StoredRule>;
const StoredRules = z.object({ schemaVersion: z.literal(1), rules: z.array(StoredRule) });

export async function readStoredRules(workflowIds: readonly string[]): Promise<Map<string, StoredRule[]>> {
  const found = new Map<string, StoredRule[]>();
  for (let start = 0; start < workflowIds.length; start += KVS_MAX_BATCH) {
    const ids = workflowIds.slice(start, start + KVS_MAX_BATCH);
    const docs = await forgeStore.getMany(ids.map(storageKeys.healthRules));
    for (const id of ids) {
      const parsed = StoredRules.safeParse(docs.get(storageKeys.healthRules(id)));
      if (parsed.success) found.set(id, parsed.data.rules);
    }
  }
  return found;
}

/** Stays far below the KVS value limit (240 KiB); a larger workflow is read again on every run instead. */
const MAX_RULES_DOCUMENT = 200_000;

export async function writeStoredRules(workflowId: string, rules: StoredRule[]): Promise<boolean> {
  const value = { schemaVersion: 1 as const, rules };
  if (JSON.stringify(value).length > MAX_RULES_DOCUMENT) return false;
  await forgeStore.set(storageKeys.healthRules(workflowId), value);
  return true;
}

export async function deleteStoredRules(workflowIds: readonly string[]): Promise<void> {
  for (let start = 0; start < workflowIds.length; start += KVS_MAX_BATCH)
    await forgeStore.deleteMany(workflowIds.slice(start, start + KVS_MAX_BATCH).map(storageKeys.healthRules));
}
