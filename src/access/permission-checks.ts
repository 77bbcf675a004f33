import { route } from './route';
import { z } from 'zod';
import { missingPermission } from './failures';
import type { JiraClient } from './jira-client';

/** Where a permission is checked: globally, in a project, or on one issue (issue security applies). */
export type PermissionScope = { global: true } | { projectKey: string } | { issueKey: string };

export interface PermissionChecker {
  /** Whether the client's actor holds each permission; one Jira call for all that are not cached yet. */
  holds(permissions: readonly string[], where: PermissionScope): Promise<Record<string, boolean>>;
  /** Throws a MISSING_PERMISSION failure naming the first permission the actor lacks. */
  require(permissions: readonly string[], where: PermissionScope): Promise<void>;
}

const MyPermissions = z.object({
  permissions: z.record(z.string(), z.object({ havePermission: z.boolean() })),
});

const scopeKey = (where: PermissionScope): string =>
  'global' in where
    ? 'global'
    : 'projectKey' in where
      ? `project:${where.projectKey}`
      : `issue:${where.issueKey}`;

/**
 * Permission pre-checks through `GET /rest/api/3/mypermissions` as the client's own actor, cached for the
 * invocation: Atlassian's shared-responsibility model asks apps to verify permissions before acting on a user's
 * behalf (https://developer.atlassian.com/platform/forge/app-context-security/), and the endpoint is costly in
 * rate-limit points, so each answer is asked for once.
 */
export function createPermissionChecker(jira: JiraClient): PermissionChecker {
  const cache = new Map<string, boolean>();

  async function fetchPermissions(keys: string, where: PermissionScope): Promise<Record<string, boolean>> {
    const body =
      'global' in where
        ? await jira.requestJira(route`/rest/api/3/mypermissions?permissions=${keys}`)
        : 'projectKey' in where
          ? await jira.requestJira(
              route`/rest/api/3/mypermissions?permissions=${keys}&projectKey=${where.projectKey}`,
            )
          : await jira.requestJira(
              route`/rest/api/3/mypermissions?permissions=${keys}&issueKey=${where.issueKey}`,
            );
    const parsed = MyPermissions.parse(body);
    return Object.fromEntries(
      Object.entries(parsed.permissions).map(([key, value]) => [key, value.havePermission]),
    );
  }

  async function holds(
    permissions: readonly string[],
    where: PermissionScope,
  ): Promise<Record<string, boolean>> {
    const prefix = scopeKey(where);
    const missing = permissions.filter((p) => !cache.has(`${prefix}|${p}`));
    if (missing.length) {
      const answers = await fetchPermissions([...new Set(missing)].join(','), where);
      for (const permission of missing) cache.set(`${prefix}|${permission}`, answers[permission] ?? false);
    }
    return Object.fromEntries(permissions.map((p) => [p, cache.get(`${prefix}|${p}`) ?? false]));
  }

  async function require(permissions: readonly string[], where: PermissionScope): Promise<void> {
    const answers = await holds(permissions, where);
    const lacking = permissions.find((p) => !answers[p]);
    if (lacking) {
      throw missingPermission({
        actor: jira.actor,
        permission: lacking,
        ...('projectKey' in where ? { projectKey: where.projectKey } : {}),
      });
    }
  }

  return { holds, require };
}
