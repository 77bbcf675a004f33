import { permissions } from '@forge/api';
import { z } from 'zod';
import { forgeStore } from './kv-store';
import { storageKeys } from './storage-keys';

/**
 * Customer-managed egress: the hosts a site admin approved for this installation at run time. Only the Forge
 * bridge can set, delete or read them (`permissions.egress.*` in @forge/bridge; "Setting egress … is only available
 * via the Forge bridge functions and must be explicitly approved by an admin",
 * https://developer.atlassian.com/platform/forge/customer-managed-egress-and-remotes/), and no backend API for
 * reading them is documented. So the admin page reports what `permissions.egress.get` answered and the app keeps
 * that record here, for the backend to check before it sends anything. Forge's own check at fetch time stays the
 * last word: a record that is out of date (a host deleted in Atlassian Administration › Connected apps) ends in
 * Forge's refusal, explained the same way (test/emulator/FIDELITY.md, "Customer-managed egress").
 */

/** Egress type strings of `configured[].type` (the `EgressType` enum of @forge/egress, listed on the page above). */
export const EGRESS_TYPES = [
  'FETCH_BACKEND_SIDE',
  'FETCH_CLIENT_SIDE',
  'FONTS',
  'FRAMES',
  'IMAGES',
  'MEDIA',
  'SCRIPTS',
  'STYLES',
] as const;
/** What `fetch` from @forge/api needs: backend fetch egress. */
export const BACKEND_FETCH = 'FETCH_BACKEND_SIDE' as const;

/** One egress group as `permissions.egress.get` answers it (`EgressResult` in @forge/bridge 7.2.0 types). */
export const EgressGroup = z.object({
  key: z.string().min(1).max(255),
  description: z.string().max(1000),
  configured: z
    .array(z.object({ domain: z.string().min(1).max(2000), type: z.array(z.enum(EGRESS_TYPES)).max(8) }))
    .max(100),
});
export type EgressGroup = z.infer<typeof EgressGroup>;

/** Limits of https://developer.atlassian.com/platform/forge/customer-managed-egress-and-remotes/#limitations-and-considerations */
export const MAX_EGRESS_GROUPS = 10;
export const MAX_DOMAINS_PER_GROUP = 10;

const StoredRecord = z.object({
  groups: z.array(EgressGroup).max(100),
  recordedAt: z.string(),
  recordedBy: z.string(),
});
export type EgressRecord = z.infer<typeof StoredRecord>;

/** `https://Hooks.Example.com:443/a?b` → `https://hooks.example.com`: the part of a URL egress is about. */
export function originOf(url: string): string | undefined {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

export async function readEgressRecord(): Promise<EgressRecord | undefined> {
  const parsed = StoredRecord.safeParse(await forgeStore.get(storageKeys.egressApprovals));
  return parsed.success ? parsed.data : undefined;
}

/** Keeps what the bridge reported; answers the origins that became approved and that stopped being approved. */
export async function recordEgress(
  groups: EgressGroup[],
  byAccountId: string,
): Promise<{ added: string[]; removed: string[] }> {
  const before = approvedOrigins((await readEgressRecord())?.groups ?? []);
  const after = approvedOrigins(groups);
  const added = [...after].filter((origin) => !before.has(origin)).sort();
  const removed = [...before].filter((origin) => !after.has(origin)).sort();
  if (added.length || removed.length) {
    await forgeStore.set(storageKeys.egressApprovals, {
      groups,
      recordedAt: new Date().toISOString(),
      recordedBy: byAccountId,
    } satisfies EgressRecord);
  }
  return { added, removed };
}

/** Origins approved for backend fetch. The app only ever asks for exact origins, so only those count here. */
export function approvedOrigins(groups: readonly EgressGroup[]): Set<string> {
  return new Set(
    groups.flatMap((group) =>
      group.configured
        .filter((entry) => entry.type.includes(BACKEND_FETCH))
        .map((entry) => originOf(entry.domain))
        .filter((origin): origin is string => origin !== undefined),
    ),
  );
}

/**
 * Whether the backend may send to `url`: its origin is in the approvals the admin page recorded, or the runtime
 * says the installation may fetch from it (static `permissions.external.fetch.backend`, via the permissions SDK,
 * https://developer.atlassian.com/platform/forge/rolling-releases/#permissions-sdk).
 */
export async function isEgressApproved(url: string): Promise<boolean> {
  const origin = originOf(url);
  if (!origin) return false;
  if (runtimeAllows(url)) return true;
  const record = await readEgressRecord();
  return approvedOrigins(record?.groups ?? []).has(origin);
}

function runtimeAllows(url: string): boolean {
  try {
    return permissions.canFetchFrom('backend', url);
  } catch {
    // ApiNotReadyError: the runtime reported no permissions; the recorded approvals decide alone.
    return false;
  }
}
