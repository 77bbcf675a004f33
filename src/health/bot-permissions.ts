import { z } from 'zod';
import { APP } from '../access/actor';
import { route } from '../access/route';
import { permissionText } from '../access/jira-permissions';
import { ruleCatalog } from '../rules/catalog';
import { fixAt } from './links';
import { ruleAndTransition, said, type CheckEnvironment, type Finding, type RuleUse } from './model';

const MAX_USAGE_PAGES = 5;
const Usages = z.object({
  projects: z
    .object({
      values: z.array(z.object({ id: z.string() })).default([]),
      nextPageToken: z.string().nullish(),
    })
    .optional(),
});
const Bulk = z.object({
  projectPermissions: z
    .array(z.object({ permission: z.string(), projects: z.array(z.number()).default([]) }))
    .default([]),
});
const Projects = z.object({ values: z.array(z.object({ id: z.string(), key: z.string() })) });

/** Projects using a workflow: where its rules run (`GET /rest/api/3/workflow/{workflowId}/projectUsages`). */
export async function projectsUsing(env: CheckEnvironment, workflowId: string): Promise<{ id: string }[]> {
  const projects: { id: string }[] = [];
  let token: string | undefined;
  for (let page = 0; page < MAX_USAGE_PAGES; page += 1) {
    const jira = env.session.jira(env.reader);
    const body = Usages.parse(
      token
        ? await jira.requestJira(
            route`/rest/api/3/workflow/${workflowId}/projectUsages?maxResults=200&nextPageToken=${token}`,
            { permission: 'ADMINISTER' },
          )
        : await jira.requestJira(route`/rest/api/3/workflow/${workflowId}/projectUsages?maxResults=200`, {
            permission: 'ADMINISTER',
          }),
    );
    projects.push(...(body.projects?.values ?? []));
    token = body.projects?.nextPageToken ?? undefined;
    if (!token) break;
  }
  return projects;
}

/** Project keys for the projects a finding names, 10 ids per `GET /rest/api/3/project/search` (only when needed). */
async function projectKeys(env: CheckEnvironment, ids: readonly string[]): Promise<Map<string, string>> {
  const keys = new Map<string, string>();
  for (let start = 0; start < ids.length; start += 10) {
    const chunk = ids.slice(start, start + 10);
    const at = (n: number): string => chunk[n] ?? chunk[0] ?? '';
    const body = Projects.parse(
      await env.session
        .jira(env.reader)
        .requestJira(
          route`/rest/api/3/project/search?maxResults=10&id=${at(0)}&id=${at(1)}&id=${at(2)}&id=${at(3)}&id=${at(4)}&id=${at(5)}&id=${at(6)}&id=${at(7)}&id=${at(8)}&id=${at(9)}`,
        ),
    );
    for (const project of body.values) keys.set(project.id, project.key);
  }
  return keys;
}

/**
 * Whether the app's bot holds, in every project where a rule runs, what that rule needs when it acts as the app
 * (`botPermissions` of src/rules/catalog.ts): one bulk check, as the app itself (`POST /rest/api/3/permissions/check`
 * without an accountId checks the caller), for every project and permission at once.
 */
export async function checkBotPermissions(
  env: CheckEnvironment,
  uses: readonly RuleUse[],
): Promise<Finding[]> {
  const needed = uses.flatMap((use) => {
    const permissions = ruleCatalog.find((r) => r.key === use.rule.key)?.botPermissions ?? [];
    return permissions.length && use.projects.length ? [{ use, permissions }] : [];
  });
  if (!needed.length) return [];
  const permissions = [...new Set(needed.flatMap((n) => n.permissions))].sort();
  const projects = [...new Set(needed.flatMap((n) => n.use.projects.map((p) => p.id)))];
  const body = Bulk.parse(
    await env.session.jira(APP).requestJira(route`/rest/api/3/permissions/check`, {
      method: 'POST',
      body: { projectPermissions: [{ permissions, projects: projects.map(Number) }] },
      readOnly: true,
    }),
  );
  const held = new Set(
    body.projectPermissions.flatMap((p) => p.projects.map((id) => `${p.permission}:${id}`)),
  );
  const lacking = needed.flatMap(({ use, permissions: wanted }) =>
    use.projects.flatMap((project) =>
      wanted
        .filter((p) => !held.has(`${p}:${project.id}`))
        .map((permission) => ({ use, project, permission })),
    ),
  );
  if (!lacking.length) return [];
  const keys = await projectKeys(env, [...new Set(lacking.map((l) => l.project.id))]);
  return lacking.map(({ use, project, permission }) => {
    const key = keys.get(project.id);
    const named = key ?? said('botPermission.projectWithId', { id: project.id });
    return {
      kind: 'bot-permission',
      subject: `${permission}:${project.id}`,
      use,
      projects: [{ id: project.id, ...(key ? { key } : {}) }],
      problem: said('botPermission.problem', {
        permission: permissionText(permission),
        project: named,
        rule: ruleAndTransition(use).rule,
      }),
      fix: said('botPermission.fix', { permission: permissionText(permission), project: named }),
      fixAt: fixAt.projectPermissions(key ?? project.id),
    };
  });
}
