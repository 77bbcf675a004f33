import { errorReply } from '../types';
import { issueTypeJson, projectRefJson, userJson } from '../views';
import { browseProject, can, isReply, type Handler } from './context';

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
          `${site.baseUrl}/rest/api/3/project/${project.id}/role/${site.roleIdOf(r)}`,
        ]),
      ),
      properties: {},
    },
  };
};

/** What each `action` of GET /project/search asks of the caller in a project (the spec's parameter table). */
const ACTION_PERMISSIONS: Readonly<Record<string, readonly string[]>> = {
  view: ['BROWSE_PROJECTS', 'ADMINISTER_PROJECTS', 'ADMINISTER'],
  browse: ['BROWSE_PROJECTS'],
  edit: ['ADMINISTER_PROJECTS', 'ADMINISTER'],
  create: ['CREATE_ISSUES'],
};

/** GET /project/search: a page of the projects the caller may see (orderBy key/name, keys, query). */
const searchProjects: Handler = (ctx) => {
  const q = ctx.query;
  const action = q.get('action') ?? 'view';
  const needs = ACTION_PERMISSIONS[action];
  if (!needs) return errorReply(400, `Invalid action: ${action}`);
  const startAt = Math.max(0, Number(q.get('startAt') ?? 0));
  const requested = Number(q.get('maxResults') ?? 50);
  const maxResults = requested > 100 ? 100 : Math.max(0, requested);
  const keys = q.getAll('keys');
  const ids = q.getAll('id');
  const needle = (q.get('query') ?? '').toLowerCase();
  const orderBy = (q.get('orderBy') ?? 'key').replace(/^\+/, '');
  const field = orderBy.replace(/^-/, '') === 'name' ? 'name' : 'key';
  const visible = [...ctx.site.projects.values()]
    .filter((p) => needs.some((permission) => can(ctx, permission, p.key)))
    .filter((p) => keys.length === 0 || keys.includes(p.key))
    .filter((p) => ids.length === 0 || ids.includes(p.id))
    .filter((p) => !needle || p.key.toLowerCase().includes(needle) || p.name.toLowerCase().includes(needle))
    .sort((a, b) => a[field].localeCompare(b[field]) * (orderBy.startsWith('-') ? -1 : 1));
  const page = visible.slice(startAt, startAt + maxResults);
  const isLast = startAt + page.length >= visible.length;
  const base = `${ctx.site.baseUrl}/rest/api/3/project/search`;
  return {
    status: 200,
    body: {
      self: `${base}?startAt=${startAt}&maxResults=${maxResults}`,
      ...(isLast ? {} : { nextPage: `${base}?startAt=${startAt + maxResults}&maxResults=${maxResults}` }),
      maxResults,
      startAt,
      total: visible.length,
      isLast,
      values: page.map((p) => ({
        ...projectRefJson(ctx.site, p),
        style: p.style === 'team-managed' ? 'next-gen' : 'classic',
        isPrivate: false,
        properties: {},
      })),
    },
  };
};

/**
 * GET /rest/api/3/role (getAllProjectRoles): every project role of the site, "Administer Jira" (spec; 403
 * otherwise). Role ids are the site's (roleIdOf), the ones Get project role takes.
 */
const getAllProjectRoles: Handler = (ctx) => {
  if (!can(ctx, 'ADMINISTER'))
    return errorReply(403, 'You must have global administrator rights to access this resource.');
  return {
    status: 200,
    body: [...ctx.site.roles].map((name) => {
      const id = ctx.site.roleIdOf(name);
      return { id, name, description: '', self: `${ctx.site.baseUrl}/rest/api/3/role/${id}` };
    }),
  };
};

export const projectHandlers: Record<string, Handler> = { getProject, searchProjects, getAllProjectRoles };
