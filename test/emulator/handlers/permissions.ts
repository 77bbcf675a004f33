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

const MAX_BULK_IDS = 1000;

/** Non-null entries of a list the request may hold nulls in ("Null values … are ignored"). */
const present = <T>(list: unknown): T[] =>
  Array.isArray(list) ? (list as Array<T | null>).filter((x): x is T => x !== null) : [];

/**
 * POST /rest/api/3/permissions/check (getBulkPermissions), as its description in the spec says: no accountId means
 * the caller ("returns details for the logged in user"); another user's needs Administer Jira (403); invalid
 * project and issue ids are ignored; null values, and empty strings among a project entry's permissions, are
 * ignored; 400 for a project entry left with no permission, a global permission that is not a global one, a project
 * permission that is not a project one, more than 1000 valid project or issue ids, or an unknown account id. Each
 * asked project permission comes back with the asked projects and issues the user holds it in. **Assumption**
 * (FIDELITY.md "Bulk permission check"): an entry naming neither projects nor issues is answered for every project.
 */
const getBulkPermissions: Handler = (ctx) => {
  const body = asRecord(ctx.body) ?? {};
  const site = ctx.site;
  const accountId = typeof body.accountId === 'string' ? body.accountId : ctx.caller.accountId;
  if (!site.users.has(accountId)) return errorReply(400, `The account ID '${accountId}' is invalid.`);
  if (accountId !== ctx.caller.accountId && !can(ctx, 'ADMINISTER')) {
    return errorReply(403, 'You must be a Jira administrator to check the permissions of other users.');
  }
  const globals = present<string>(body.globalPermissions);
  const badGlobal = globals.find((k) => permissionDef(k)?.type !== 'GLOBAL');
  if (badGlobal !== undefined) return errorReply(400, `Invalid global permission: ${badGlobal}`);
  const entries = present<Record<string, unknown>>(body.projectPermissions).map((entry) => ({
    permissions: present<string>(entry.permissions).filter((k) => k !== ''),
    projects: present<number>(entry.projects).filter((id) => site.findProject(String(id)) !== undefined),
    issues: present<number>(entry.issues).filter((id) => site.findIssue(String(id)) !== undefined),
    named: present<number>(entry.projects).length + present<number>(entry.issues).length > 0,
  }));
  if (entries.some((entry) => entry.permissions.length === 0))
    return errorReply(400, 'Provide at least one project permission in each projectPermissions entry.');
  const badProject = entries.flatMap((e) => e.permissions).find((k) => permissionDef(k)?.type !== 'PROJECT');
  if (badProject !== undefined) return errorReply(400, `Invalid project permission: ${badProject}`);
  const projectIds = new Set(entries.flatMap((e) => e.projects));
  const issueIds = new Set(entries.flatMap((e) => e.issues));
  if (projectIds.size > MAX_BULK_IDS || issueIds.size > MAX_BULK_IDS)
    return errorReply(400, `At most ${MAX_BULK_IDS} projects and ${MAX_BULK_IDS} issues can be checked.`);
  const projectPermissions = entries.flatMap((entry) =>
    entry.permissions.map((permission) => {
      const candidates = entry.named ? entry.projects : [...site.projects.values()].map((p) => Number(p.id));
      const projects = candidates.filter((id) => {
        const p = site.findProject(String(id));
        return p !== undefined && site.can(accountId, permission, p.key);
      });
      const issues = entry.issues.filter((id) => {
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
