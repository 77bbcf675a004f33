import { z } from 'zod';
import { APP, CURRENT_USER } from '../../access/actor';
import { AccessFailure } from '../../access/failures';
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
 * Who the app is on this site and what Jira lets it do: its bot user (`GET /myself` as the app), its global
 * permissions, and its project permissions one `mypermissions` call per project, over one page of projects
 * (`GET /project/search`, listed as the admin so projects hidden from the bot show up as gaps).
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
  values: z.array(z.object({ key: z.string(), name: z.string() })),
});

/** Jira answers 404 for a project the asker cannot see: then the bot holds none of its permissions. */
async function projectPermissions(session: AccessSession, projectKey: string) {
  try {
    return await session.permissions(APP).holds(BOT_PROJECT_PERMISSIONS, { projectKey });
  } catch (error) {
    if (error instanceof AccessFailure && error.code === 'NOT_FOUND') return {};
    throw error;
  }
}

export async function readIdentity(
  session: AccessSession,
  page: ProjectPage,
  rulesInUse: string[],
): Promise<IdentityView> {
  const me = Myself.parse(await session.jira(APP).requestJira(route`/rest/api/3/myself?expand=groups`));
  const groups = me.groups?.items.map((g) => g.name) ?? [];
  const grantee = groups.length
    ? `the app's group "${groups[0]}" (or a project role it holds)`
    : `the app's user "${me.displayName}"`;
  const needed = neededPermissions(rulesInUse);
  const globalHeld = await session.permissions(APP).holds(BOT_GLOBAL_PERMISSIONS, { global: true });
  const projects = Projects.parse(
    await session
      .jira(CURRENT_USER)
      .requestJira(
        route`/rest/api/3/project/search?startAt=${page.startAt}&maxResults=${page.maxResults}&orderBy=key`,
      ),
  );
  const rows = [];
  // One call per project, one after the other: mypermissions is costly in rate-limit points.
  for (const project of projects.values) {
    const held = await projectPermissions(session, project.key);
    const permissions = assessPermissions(BOT_PROJECT_PERMISSIONS, held, needed, {
      projectKey: project.key,
      grantee,
    });
    rows.push({
      key: project.key,
      name: project.name,
      permissions,
      missingNeeded: permissions.filter((p) => p.fix).length,
    });
  }
  return {
    bot: { accountId: me.accountId, displayName: me.displayName, accountType: me.accountType, groups },
    global: assessPermissions(BOT_GLOBAL_PERMISSIONS, globalHeld, needed, { grantee }),
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
