import { issueTypeJson, projectRefJson, userJson } from '../views';
import { browseProject, isReply, type Handler } from './context';

/** GET /project/{key}: visible with BROWSE_PROJECTS or ADMINISTER_PROJECTS, else 404 like Jira. */
const getProject: Handler = (ctx) => {
  const project = browseProject(ctx, ctx.params.projectIdOrKey ?? '');
  if (isReply(project)) return project;
  const site = ctx.site;
  const lead = project.leadAccountId !== undefined ? site.users.get(project.leadAccountId) : undefined;
  return {
    status: 200,
    body: {
      expand: 'description,lead,issueTypes,url,projectKeys,permissions,insight',
      ...projectRefJson(site, project),
      description: '',
      ...(lead ? { lead: userJson(site, lead, []) } : {}),
      style: project.style === 'team-managed' ? 'next-gen' : 'classic',
      isPrivate: false,
      assigneeType: 'UNASSIGNED',
      components: [],
      versions: [],
      issueTypes: [...site.issueTypes.values()].map((t) => issueTypeJson(site, t)),
      roles: Object.fromEntries(
        [...site.roles].map((r) => [
          r,
          `${site.baseUrl}/rest/api/3/project/${project.id}/role/${encodeURIComponent(r)}`,
        ]),
      ),
      properties: {},
    },
  };
};

export const projectHandlers: Record<string, Handler> = { getProject };
