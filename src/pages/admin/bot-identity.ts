import { text } from '../../access/texts';
import { z } from 'zod';
import { APP, CURRENT_USER } from '../../access/actor';
import { route } from '../../access/route';
import type { AccessSession } from '../../access/session';
import {
  assessPermissions,
  BOT_GLOBAL_PERMISSIONS,
  BOT_PROJECT_PERMISSIONS,
  neededPermissions,
} from '../../permissions/bot-permissions';
import type { IdentityView } from '../../shared/admin-page';

/**
 * Who the app is on this site and what Jira lets it do: its bot user (`GET /myself` as the app), then its global
 * permissions and its project permissions in every project of one page (`GET /project/search`, listed as the
 * admin so projects hidden from the bot show up as gaps) in ONE `POST /rest/api/3/permissions/check` as the app:
 * three calls whatever the page size, where a `mypermissions` call per project cost one per project.
 */
export const ProjectPage = z.object({
  startAt: z.number().int().min(0).max(100_000).default(0),
  maxResults: z.number().int().min(1).max(25).default(10),
});
export type ProjectPage = z.infer<typeof ProjectPage>;

const Myself = z.object({
  accountId: z.string(),
  displayName: z.string().default('Workflow Guard'),
  accountType: z.string().default('app'),
  groups: z.object({ items: z.array(z.object({ name: z.string() })).default([]) }).optional(),
});
const Projects = z.object({
  startAt: z.number().default(0),
  total: z.number().optional(),
  isLast: z.boolean().optional(),
  values: z.array(z.object({ id: z.string(), key: z.string(), name: z.string() })),
});
/** BulkPermissionGrants: the global permissions held, and per project permission the project ids it holds in. */
const Grants = z.object({
  globalPermissions: z.array(z.string()),
  projectPermissions: z.array(
    z.object({ permission: z.string(), projects: z.array(z.number()), issues: z.array(z.number()) }),
  ),
});

/**
 * The bot's permissions, global and in each project: one bulk check with no accountId ("returns details for the
 * logged in user", here the app). A project the bot cannot see is not listed under any permission: it holds none.
 */
async function botPermissions(session: AccessSession, projectIds: readonly string[]) {
  const grants = Grants.parse(
    await session.jira(APP).requestJira(route`/rest/api/3/permissions/check`, {
      method: 'POST',
      body: {
        globalPermissions: [...BOT_GLOBAL_PERMISSIONS],
        ...(projectIds.length
          ? {
              projectPermissions: [
                { permissions: BOT_PROJECT_PERMISSIONS, projects: projectIds.map(Number) },
              ],
            }
          : {}),
      },
      readOnly: true,
    }),
  );
  const global = Object.fromEntries(
    BOT_GLOBAL_PERMISSIONS.map((key) => [key, grants.globalPermissions.includes(key)]),
  );
  const inProject = (projectId: string): Record<string, boolean> =>
    Object.fromEntries(
      BOT_PROJECT_PERMISSIONS.map((key) => [
        key,
        grants.projectPermissions.some(
          (grant) => grant.permission === key && grant.projects.includes(Number(projectId)),
        ),
      ]),
    );
  return { global, inProject };
}

export async function readIdentity(
  session: AccessSession,
  page: ProjectPage,
  rulesInUse: string[],
): Promise<IdentityView> {
  const me = Myself.parse(await session.jira(APP).requestJira(route`/rest/api/3/myself?expand=groups`));
  const groups = me.groups?.items.map((g) => g.name) ?? [];
  const grantee = groups[0]
    ? text('botAccess.granteeGroup', { group: groups[0] })
    : text('botAccess.granteeUser', { name: me.displayName });
  const needed = neededPermissions(rulesInUse);
  const projects = Projects.parse(
    await session
      .jira(CURRENT_USER)
      .requestJira(
        route`/rest/api/3/project/search?startAt=${page.startAt}&maxResults=${page.maxResults}&orderBy=key`,
      ),
  );
  const held = await botPermissions(
    session,
    projects.values.map((project) => project.id),
  );
  const rows = projects.values.map((project) => {
    const permissions = assessPermissions(BOT_PROJECT_PERMISSIONS, held.inProject(project.id), needed, {
      projectKey: project.key,
      grantee,
    });
    return {
      key: project.key,
      name: project.name,
      permissions,
      missingNeeded: permissions.filter((p) => p.fix).length,
    };
  });
  return {
    bot: { accountId: me.accountId, displayName: me.displayName, accountType: me.accountType, groups },
    global: assessPermissions(BOT_GLOBAL_PERMISSIONS, held.global, needed, { grantee }),
    projects: rows,
    projectPage: {
      startAt: projects.startAt,
      maxResults: page.maxResults,
      total: projects.total ?? projects.values.length,
      isLast: projects.isLast ?? true,
    },
    rulesInUse,
  };
}
