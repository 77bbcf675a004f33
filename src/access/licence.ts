import { getAppContext } from '@forge/api';
import { z } from 'zod';

/**
 * The app's licence as the Forge runtime gives it to every invocation once the manifest sets
 * `app.licensing.enabled`: only production installations of a paid app carry one; development and staging
 * installations, and free listings, carry none (https://developer.atlassian.com/platform/marketplace/listing-forge-apps/,
 * "Building a paid app"). @forge/api 8.3.0 types the licence with both `isActive` and `active`
 * (out/api/runtime.d.ts); `isActive` is read first (test/emulator/FIDELITY.md, "Licence").
 */
const License = z.object({ isActive: z.boolean().optional(), active: z.boolean().optional() }).nullish();

/** `absent` (no licence to check: development, staging, free) is treated as active. */
export type LicenceState = 'active' | 'inactive' | 'absent';

export function licenceState(): LicenceState {
  const license = License.safeParse(getAppContext().license).data;
  const active = license?.isActive ?? license?.active;
  if (active === undefined) return 'absent';
  return active ? 'active' : 'inactive';
}

/**
 * What an unlicensed site still gets: rules the app decides at run time stop deciding (a validator lets the
 * transition through, a post-function does nothing), and each execution says so in the audit log.
 */
export const NOT_LICENSED = {
  validator: 'Not checked: licence inactive. The transition was allowed.',
  postFunction: 'Not run: licence inactive.',
} as const;
