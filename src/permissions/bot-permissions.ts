import { permissionName, permissionText } from '../access/jira-permissions';
import { inEnglish, text, type Text } from '../access/texts';
import { ruleCatalog, ruleTitleKey } from '../rules/catalog';
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

/** Rule titles (catalogue texts) needing each permission, among the rules configured on some workflow of the site. */
export function neededPermissions(rulesInUse: readonly string[]): Map<string, Text[]> {
  const needed = new Map<string, Text[]>();
  for (const rule of ruleCatalog.filter((entry) => rulesInUse.includes(entry.key))) {
    for (const permission of rule.botPermissions) {
      needed.set(permission, [...(needed.get(permission) ?? []), text(ruleTitleKey(rule.key))]);
    }
  }
  return needed;
}

export function assessPermissions(
  keys: readonly string[],
  held: Readonly<Record<string, boolean>>,
  needed: ReadonlyMap<string, Text[]>,
  where: { projectKey?: string; grantee: Text },
): PermissionView[] {
  return keys.map((key) => {
    const neededBy = needed.get(key) ?? [];
    const isHeld = held[key] === true;
    const name = permissionName(key);
    const fix =
      !isHeld && neededBy.length
        ? where.projectKey
          ? text('botAccess.grantInProject', {
              project: where.projectKey,
              permission: permissionText(key),
              grantee: where.grantee,
            })
          : text('botAccess.grantGlobally', { permission: permissionText(key), grantee: where.grantee })
        : undefined;
    // In English as before; `said` for the page to word in its reader's language.
    return {
      key,
      name,
      held: isHeld,
      neededBy: neededBy.map(inEnglish),
      ...(fix ? { fix: inEnglish(fix) } : {}),
      said: { name: permissionText(key), neededBy, ...(fix ? { fix } : {}) },
    };
  });
}
