import { errorReply } from '../types';
import { asRecord, can, type Handler } from './context';

/**
 * POST /rest/api/3/issueLink (linkIssues): "Browse project" for both issues and "Link issues" on the project of the
 * outward issue, else 404 (the spec lists no 403: 404 covers an issue the caller cannot view, a missing Link issues
 * permission, an unknown issue and an unknown link type). "If the link request duplicates a link, the response
 * indicates that the issue link was created": 201 again, and no second link. The comment is not supported.
 */
const linkIssues: Handler = (ctx) => {
  const body = asRecord(ctx.body) ?? {};
  const ref = (value: unknown) => {
    const r = asRecord(value) ?? {};
    const idOrKey = typeof r.key === 'string' ? r.key : typeof r.id === 'string' ? r.id : '';
    const issue = ctx.site.findIssue(idOrKey);
    return issue && can(ctx, 'BROWSE_PROJECTS', issue.projectKey) ? issue : undefined;
  };
  const outward = ref(body.outwardIssue);
  const inward = ref(body.inwardIssue);
  const typeRef = asRecord(body.type) ?? {};
  const type = [...ctx.site.linkTypes.values()].find((t) =>
    typeof typeRef.id === 'string' ? t.id === typeRef.id : t.name === typeRef.name,
  );
  if (!outward || !inward)
    return errorReply(404, 'Issue does not exist or you do not have permission to see it.');
  if (!can(ctx, 'LINK_ISSUES', outward.projectKey))
    return errorReply(404, 'You do not have the permission to link issues.');
  if (!type) return errorReply(404, 'No issue link type with name or id found.');
  if (body.comment !== undefined) return errorReply(400, 'The emulator does not add comments with links.');
  const duplicate = ctx.site.links.some(
    (l) => l.type === type.name && l.outwardKey === outward.key && l.inwardKey === inward.key,
  );
  if (!duplicate) ctx.site.linkIssues(outward.key, inward.key, type.name);
  return { status: 201 };
};

export const linkHandlers: Record<string, Handler> = { linkIssues };
