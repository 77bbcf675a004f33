import { z } from 'zod';
import type { KeyValueStore } from '../access/kv-store';
import { storageKeys } from '../access/storage-keys';
import type { SuccessDetail } from '../audit/stored-entry';

/**
 * What a Jira admin decides for the whole installation, version 1: how much of a successful execution the audit
 * log keeps (`full`, or a one-line `summary` without its calls). Failures are always kept in full. A rule
 * execution reads it with its project settings, in the same batch read.
 */
export const InstallationSettings = z.object({
  schemaVersion: z.literal(1),
  successDetail: z.enum(['full', 'summary']),
});
export type InstallationSettings = z.infer<typeof InstallationSettings>;

export const DEFAULT_SUCCESS_DETAIL: SuccessDetail = 'full';

/** The setting as stored, or the default when never set or unreadable (a newer version's shape). */
export const successDetailOf = (raw: unknown): SuccessDetail => {
  const parsed = InstallationSettings.safeParse(raw);
  return parsed.success ? parsed.data.successDetail : DEFAULT_SUCCESS_DETAIL;
};

export async function readSuccessDetail(store: KeyValueStore): Promise<SuccessDetail> {
  return successDetailOf(await store.get(storageKeys.installationSettings));
}

export async function saveSuccessDetail(store: KeyValueStore, detail: SuccessDetail): Promise<void> {
  const value: InstallationSettings = { schemaVersion: 1, successDetail: detail };
  await store.set(storageKeys.installationSettings, value);
}
