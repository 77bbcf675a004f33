import { permissions, type EgressSetPayload } from '@forge/bridge';
import type { EgressGroupView } from '@backend/shared/admin-page';

/**
 * Customer-managed egress through the Forge bridge, the only way to set or remove it
 * (https://developer.atlassian.com/platform/forge/apis-reference/customer-managed-egress-and-remotes-api/). `set`
 * and the deletes show an admin Atlassian's consent dialog and reject when they decline (or are not an admin).
 */
export const egressBridge = {
  /** Every approved egress group of this installation. */
  async approved(): Promise<EgressGroupView[]> {
    const { results } = await permissions.egress.get({});
    return results.map(({ key, description, configured }) => ({
      key,
      description,
      configured: configured.map(({ domain, type }) => ({ domain, type: [...type] })),
    }));
  },
  /** Asks the admin to approve these groups, exactly as the resolver planned them. */
  async request(groups: EgressGroupView[]): Promise<void> {
    await permissions.egress.set({ egresses: groups as EgressSetPayload['egresses'] });
  },
  /** Asks the admin to remove a group (the app keeps one host per group). */
  removeGroup: (key: string) => permissions.egress.deleteGroup({ key }),
};

/** What the bridge's rejection says, for the page to quote; undefined when it gave no reason. */
export function rejectionText(error: unknown): string | undefined {
  return error instanceof Error && error.message ? error.message : undefined;
}
