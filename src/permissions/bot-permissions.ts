import { permissionName } from '../access/jira-permissions';
import { ruleCatalog } from '../rules/catalog';
import type { PermissionView } from '../shared/admin-page';

/**
 * Which Jira permissions the app's bot user holds, compared with what the rules in use need. Pure: the admin
 * page's resolver asks Jira (one bulk `permissions/check` as the app) and hands the answers here.
 */

/** Global permissions worth showing: what the bot can do site-wide. */
export const BOT_GLOBAL_PERMISSIONS = ['ADMINISTER', 'USER_PICKER'] as const;

/** Project permissions asked in each project: every one a shipped rule needs, plus the usual write ones. */
export const BOT_PROJECT_PERMISSIONS: readonly string[] = [
  ...new Set([
    'BROWSE_PROJECTS',
    ...ruleCatalog.flatMap((rule) => rule.botPermissions),
    'EDIT_ISSUES',
    'TRANSITION_ISSUES',
  ]),
];

/** Rule titles needing each permission, among the rules configured on some workflow of the site. */
export function neededPermissions(rulesInUse: readonly string[]): Map<string, string[]> {
  const needed = new Map<string, string[]>();
  for (const rule of ruleCatalog.filter((entry) => rulesInUse.includes(entry.key))) {
    for (const permission of rule.botPermissions) {
      needed.set(permission, [...(needed.get(permission) ?? []), rule.title]);
    }
  }
  return needed;
}

export function assessPermissions(
  keys: readonly string[],
  held: Readonly<Record<string, boolean>>,
  needed: ReadonlyMap<string, string[]>,
  where: { projectKey?: string; grantee: string },
): PermissionView[] {
  return keys.map((key) => {
    const neededBy = needed.get(key) ?? [];
    const isHeld = held[key] === true;
    const name = permissionName(key);
    const fix =
      !isHeld && neededBy.length
        ? where.projectKey
          ? `In the permission scheme of project ${where.projectKey}, grant "${name}" to ${where.grantee}.`
          : `In Jira settings › System › Global permissions, grant "${name}" to ${where.grantee}.`
        : undefined;
    return { key, name, held: isHeld, neededBy, ...(fix ? { fix } : {}) };
  });
}
