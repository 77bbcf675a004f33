import type { IssueRecord, ProjectRecord, SiteState, UserRecord } from '../state';
import { errorReply, type Reply } from '../types';
import type { Viewer } from '../views';

export interface Ctx {
  site: SiteState;
  caller: UserRecord; // the app bot for asApp()
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
}

export type Handler = (ctx: Ctx) => Reply;

export const can = (ctx: Ctx, permission: string, projectKey?: string): boolean =>
  ctx.site.can(ctx.caller.accountId, permission, projectKey);

export function viewerOf(ctx: Ctx): Viewer {
  return {
    canBrowse: (issue) => can(ctx, 'BROWSE_PROJECTS', issue.projectKey),
    canSeeComment: (issue, c) => {
      if (!c.visibility) return true;
      if (c.visibility.type === 'group') return ctx.caller.groups.has(c.visibility.value);
      return (
        ctx.site.projects.get(issue.projectKey)?.roles.get(c.visibility.value)?.has(ctx.caller.accountId) ===
        true
      );
    },
  };
}

/** The issue, or the 404 Jira gives both for a missing issue and for one the caller cannot browse. */
export function browseIssue(ctx: Ctx, idOrKey: string): IssueRecord | Reply {
  const issue = ctx.site.findIssue(idOrKey);
  if (!issue || !can(ctx, 'BROWSE_PROJECTS', issue.projectKey)) {
    return errorReply(404, 'Issue does not exist or you do not have permission to see it.');
  }
  return issue;
}

export function browseProject(ctx: Ctx, idOrKey: string): ProjectRecord | Reply {
  const project = ctx.site.findProject(idOrKey);
  const visible =
    project && (can(ctx, 'BROWSE_PROJECTS', project.key) || can(ctx, 'ADMINISTER_PROJECTS', project.key));
  if (!project || !visible) return errorReply(404, `No project could be found with key '${idOrKey}'.`);
  return project;
}

export const isReply = (v: object): v is Reply => 'status' in v && typeof (v as Reply).status === 'number';

export const asRecord = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
