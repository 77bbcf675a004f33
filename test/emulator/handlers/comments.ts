import { isAdfDoc } from '../adf';
import { errorReply } from '../types';
import { commentJson, listParam } from '../views';
import { asRecord, browseIssue, can, isReply, viewerOf, type Handler } from './context';

const getComments: Handler = (ctx) => {
  const issue = browseIssue(ctx, ctx.params.issueIdOrKey ?? '');
  if (isReply(issue)) return issue;
  const viewer = viewerOf(ctx);
  const visible = issue.comments.filter((c) => viewer.canSeeComment(issue, c));
  if (ctx.query.get('orderBy') === '-created') visible.reverse();
  const startAt = Number(ctx.query.get('startAt') ?? 0);
  const maxResults = Math.min(Number(ctx.query.get('maxResults') ?? 100), 5000);
  const withProps = listParam(ctx.query, 'expand').includes('properties');
  return {
    status: 200,
    body: {
      comments: visible
        .slice(startAt, startAt + maxResults)
        .map((c) => commentJson(ctx.site, issue, c, withProps)),
      maxResults,
      total: visible.length,
      startAt,
    },
  };
};

/** POST comment: the author is the calling identity (the app bot for asApp()); v3 bodies must be ADF. */
const addComment: Handler = (ctx) => {
  const issue = browseIssue(ctx, ctx.params.issueIdOrKey ?? '');
  if (isReply(issue)) return issue;
  if (!can(ctx, 'ADD_COMMENTS', issue.projectKey)) {
    return errorReply(403, 'You do not have the permission to comment on this issue.');
  }
  const body = asRecord(ctx.body) ?? {};
  if (body.body === undefined || body.body === null || body.body === '') {
    return {
      status: 400,
      body: { errorMessages: [], errors: { comment: 'Comment body can not be empty!' } },
    };
  }
  if (!isAdfDoc(body.body)) {
    return errorReply(400, 'Comment body is not valid: it must be an Atlassian Document Format document.');
  }
  const visibility = asRecord(body.visibility);
  const properties = Array.isArray(body.properties)
    ? Object.fromEntries(
        (body.properties as Array<{ key?: unknown; value?: unknown }>).map((p) => [String(p.key), p.value]),
      )
    : {};
  const comment = ctx.site.addComment(issue.key, {
    body: body.body,
    author: ctx.caller.accountId,
    visibility:
      visibility &&
      (visibility.type === 'group' || visibility.type === 'role') &&
      typeof visibility.value === 'string'
        ? { type: visibility.type, value: visibility.value }
        : undefined,
    properties,
  });
  return { status: 201, body: commentJson(ctx.site, issue, comment, false) };
};

export const commentHandlers: Record<string, Handler> = { getComments, addComment };
