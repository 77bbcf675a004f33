import { permissionDef } from '../permissions';
import { errorReply, type Reply } from '../types';
import { listParam } from '../views';
import { asRecord, browseIssue, browseProject, can, isReply, type Ctx, type Handler } from './context';

/** Project context from projectKey/projectId/issueKey/issueId; 404 when missing or not browsable. */
function projectContext(ctx: Ctx): string | undefined | Reply {
  const q = ctx.query;
  const issueRef = q.get('issueKey') ?? q.get('issueId');
  if (issueRef) {
    const issue = browseIssue(ctx, issueRef);
    return isReply(issue) ? issue : issue.projectKey;
  }
  const projectRef = q.get('projectKey') ?? q.get('projectId');
  if (projectRef) {
    const project = browseProject(ctx, projectRef);
    return isReply(project) ? project : project.key;
  }
  return undefined;
}

const getMyPermissions: Handler = (ctx) => {
  const keys = listParam(ctx.query, 'permissions');
  if (keys.length === 0) return errorReply(400, "The 'permissions' query parameter is required.");
  const unknown = keys.find((k) => !permissionDef(k));
  if (unknown !== undefined) return errorReply(400, `Permission key '${unknown}' is invalid.`);
  const projectKey = projectContext(ctx);
  if (typeof projectKey === 'object') return projectKey;
  const permissions = Object.fromEntries(
    keys.map((k) => {
      const d = permissionDef(k);
      if (!d) throw new Error('unreachable: validated above');
      return [k, { ...d, havePermission: can(ctx, k, projectKey) }];
    }),
  );
  return { status: 200, body: { permissions } };
};

/** POST /permissions/check: checking another accountId needs Administer Jira (apps act with their own rights). */
const getBulkPermissions: Handler = (ctx) => {
  const body = asRecord(ctx.body) ?? {};
  const accountId = typeof body.accountId === 'string' ? body.accountId : ctx.caller.accountId;
  if (accountId !== ctx.caller.accountId && !can(ctx, 'ADMINISTER')) {
    return errorReply(403, 'You must be a Jira administrator to check the permissions of other users.');
  }
  const globals = Array.isArray(body.globalPermissions) ? (body.globalPermissions as string[]) : [];
  const projectEntries = Array.isArray(body.projectPermissions)
    ? (body.projectPermissions as Array<{ permissions: string[]; projects?: number[]; issues?: number[] }>)
    : [];
  const bad = [...globals, ...projectEntries.flatMap((e) => e.permissions)].find((k) => !permissionDef(k));
  if (bad !== undefined) return errorReply(400, `Invalid permission: ${bad}`);
  const site = ctx.site;
  const projectPermissions = projectEntries.flatMap((entry) =>
    entry.permissions.map((permission) => {
      const askedProjects = entry.projects ?? [];
      const askedIssues = entry.issues ?? [];
      const candidates =
        askedProjects.length + askedIssues.length === 0
          ? [...site.projects.values()].map((p) => Number(p.id))
          : askedProjects;
      const projects = candidates.filter((id) => {
        const p = site.findProject(String(id));
        return p !== undefined && site.can(accountId, permission, p.key);
      });
      const issues = askedIssues.filter((id) => {
        const i = site.findIssue(String(id));
        return i !== undefined && site.can(accountId, permission, i.projectKey);
      });
      return { permission, projects, issues };
    }),
  );
  return {
    status: 200,
    body: { globalPermissions: globals.filter((k) => site.can(accountId, k)), projectPermissions },
  };
};

export const permissionHandlers: Record<string, Handler> = { getMyPermissions, getBulkPermissions };
