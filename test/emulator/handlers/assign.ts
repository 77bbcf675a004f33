import { changeItem } from '../changelog';
import type { ProjectRecord } from '../state';
import { errorReply } from '../types';
import { userDetailsJson, userJson } from '../views';
import { applyEdits, historyValues, recordHistory } from './edit';
import { asRecord, browseIssue, browseProject, can, isReply, type Ctx, type Handler } from './context';

/**
 * Assignment: PUT /rest/api/3/issue/{issueIdOrKey}/assignee, the assignable user search, project roles and an
 * issue's changelog (where an earlier assignee is found).
 */

/**
 * assignIssue: Browse projects and Assign issues (403 without), 404 for an issue the caller cannot see, 400 for an
 * unknown user or a body naming none. The assignee must hold Assignable user, checked as an edit of the field checks
 * it (FIDELITY.md, "Assign"). `accountId: null` (unassign, in the text) breaks the body's schema and is refused.
 */
const assignIssue: Handler = (ctx) => {
  const issue = browseIssue(ctx, ctx.params.issueIdOrKey ?? '');
  if (isReply(issue)) return issue;
  if (!can(ctx, 'ASSIGN_ISSUES', issue.projectKey))
    return errorReply(403, 'You do not have permission to assign issues.');
  const body = asRecord(ctx.body);
  if (!body || !('accountId' in body)) return errorReply(400, 'accountId is missing.');
  if (body.accountId === '-1') return errorReply(400, 'The emulator has no default assignee.');
  const before = historyValues(issue);
  const failed = applyEdits(ctx, issue, { fields: { assignee: { accountId: body.accountId } } }, true);
  if (failed) return failed;
  recordHistory(ctx, issue, before);
  return { status: 204 };
};

/**
 * findAssignableUsers: by `accountId` (exact) or `query` (prefix of the display name), for an issue or a project;
 * only users holding Assignable user there. Needs Browse users and groups or Assign issues. A deactivated account is
 * left out: "The user is returned in the response if they can be assigned to the issue" (the spec), and an account
 * without product access cannot be ("User cannot be assigned issues",
 * https://confluence.atlassian.com/jirakb/user-cannot-be-assigned-issues-1141972083.html); the user searches answer
 * active users only (https://jira.atlassian.com/browse/JRACLOUD-72130). FIDELITY.md, "Assign".
 */
const findAssignableUsers: Handler = (ctx) => {
  const q = ctx.query;
  const accountId = q.get('accountId');
  const query = q.get('query');
  if ((accountId === null) === (query === null)) return errorReply(400, 'Provide either accountId or query.');
  let project: ProjectRecord | undefined;
  const issueRef = q.get('issueKey') ?? q.get('issueId');
  if (issueRef !== null) {
    const issue = browseIssue(ctx, issueRef);
    if (isReply(issue)) return issue;
    project = ctx.site.requireProject(issue.projectKey);
  } else if (q.get('project') !== null) {
    const found = browseProject(ctx, q.get('project') ?? '');
    if (isReply(found)) return found;
    project = found;
  } else return errorReply(400, 'Provide issueKey, issueId or project.');
  if (!can(ctx, 'USER_PICKER') && !can(ctx, 'ASSIGN_ISSUES', project.key)) return { status: 200, body: [] };
  const key = project.key;
  const users = [...ctx.site.users.values()].filter(
    (u) =>
      u.accountType === 'atlassian' &&
      u.active &&
      (accountId !== null
        ? u.accountId === accountId
        : u.displayName.toLowerCase().startsWith((query ?? '').toLowerCase())) &&
      ctx.site.can(u.accountId, 'ASSIGNABLE_USER', key),
  );
  return { status: 200, body: users.map((u) => userJson(ctx.site, u, [])) };
};

const mayAdministerRoles = (ctx: Ctx, projectKey?: string) =>
  can(ctx, 'ADMINISTER') || (projectKey !== undefined && can(ctx, 'ADMINISTER_PROJECTS', projectKey));

/**
 * GET /rest/api/3/project/{projectIdOrKey}/role/{id}: the role's actors in the project, "sorted by display name";
 * Administer projects or Administer Jira, else 404 (the operation lists no 403). `excludeInactiveUsers=true`
 * ("Exclude inactive users", the spec) leaves deactivated accounts out.
 */
const getProjectRole: Handler = (ctx) => {
  const project = ctx.site.findProject(ctx.params.projectIdOrKey ?? '');
  if (!project || !mayAdministerRoles(ctx, project.key))
    return errorReply(404, `No project could be found with key '${ctx.params.projectIdOrKey ?? ''}'.`);
  const name = [...ctx.site.roles].find((r) => String(ctx.site.roleIdOf(r)) === ctx.params.id);
  if (name === undefined) return errorReply(404, `No project role with id ${ctx.params.id ?? ''}.`);
  const activeOnly = ctx.query.get('excludeInactiveUsers') === 'true';
  const members = [...(project.roles.get(name) ?? [])]
    .map((id) => ctx.site.requireUser(id))
    .filter((u) => !activeOnly || u.active)
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
  const id = ctx.site.roleIdOf(name);
  return {
    status: 200,
    body: {
      self: `${ctx.site.baseUrl}/rest/api/3/project/${project.id}/role/${id}`,
      name,
      id,
      description: '',
      actors: members.map((u, index) => ({
        id: index + 1,
        displayName: u.displayName,
        type: 'atlassian-user-role-actor',
        actorUser: { accountId: u.accountId },
      })),
    },
  };
};

/**
 * getChangeLogs: the issue's history oldest first ("sorted by date, starting from the oldest", the spec), a page of
 * `maxResults` (default 100) from `startAt`; each change's items as changelog.ts shapes them.
 */
const getChangeLogs: Handler = (ctx) => {
  const issue = browseIssue(ctx, ctx.params.issueIdOrKey ?? '');
  if (isReply(issue)) return issue;
  const startAt = Math.max(0, Number(ctx.query.get('startAt') ?? 0));
  const maxResults = Math.min(Math.max(1, Number(ctx.query.get('maxResults') ?? 100)), 100);
  const all = issue.history;
  const page = all.slice(startAt, startAt + maxResults);
  return {
    status: 200,
    body: {
      self: `${ctx.site.baseUrl}/rest/api/3/issue/${issue.key}/changelog?startAt=${startAt}&maxResults=${maxResults}`,
      maxResults,
      startAt,
      total: all.length,
      isLast: startAt + page.length >= all.length,
      values: page.map((change, index) => {
        const author = ctx.site.users.get(change.author);
        return {
          id: String(10000 + startAt + index),
          ...(author ? { author: userDetailsJson(ctx.site, author) } : {}),
          created: change.at,
          items: change.items.map((item) => changeItem(ctx.site, item)),
        };
      }),
    },
  };
};

export const assignHandlers: Record<string, Handler> = {
  assignIssue,
  findAssignableUsers,
  getProjectRole,
  getChangeLogs,
};
