import { isAdfDoc } from '../adf';
import { errorReply } from '../types';
import { commentJson, listParam } from '../views';
import { asRecord, browseIssue, can, isReply, viewerOf, type Handler } from './context';

/** GET an issue's comments: `expand` documents `renderedBody` only, so the emulator never adds properties here. */
const getComments: Handler = (ctx) => {
  const issue = browseIssue(ctx, ctx.params.issueIdOrKey ?? '');
  if (isReply(issue)) return issue;
  const viewer = viewerOf(ctx);
  const visible = issue.comments.filter((c) => viewer.canSeeComment(issue, c));
  if (ctx.query.get('orderBy') === '-created') visible.reverse();
  const startAt = Number(ctx.query.get('startAt') ?? 0);
  const maxResults = Math.min(Number(ctx.query.get('maxResults') ?? 100), 5000);
  return {
    status: 200,
    body: {
      comments: visible
        .slice(startAt, startAt + maxResults)
        .map((c) => commentJson(ctx.site, issue, c, false)),
      maxResults,
      total: visible.length,
      startAt,
    },
  };
};

const MAX_COMMENT_IDS = 1000; // IssueCommentListRequestBean.ids: "A maximum of 1000 IDs can be specified."

/**
 * POST /comment/list: the comments with the given ids that the caller may see (Browse projects on the issue and
 * the comment's visibility, as the operation's description says), `expand=properties` adding each comment's
 * properties. 400 "if the request contains more than 1000 IDs or is empty". One page holding every match, in the
 * order the ids were given (**assumption**, FIDELITY.md: the spec defines no paging input for it).
 */
const getCommentsByIds: Handler = (ctx) => {
  const ids = (asRecord(ctx.body)?.ids as number[] | undefined) ?? [];
  if (ids.length === 0 || ids.length > MAX_COMMENT_IDS) {
    return errorReply(400, `Provide between 1 and ${MAX_COMMENT_IDS} comment IDs.`);
  }
  const viewer = viewerOf(ctx);
  const withProps = listParam(ctx.query, 'expand').includes('properties');
  const values = ids.flatMap((id) => {
    const found = ctx.site.findComment(String(id));
    if (!found || !viewer.canBrowse(found.issue) || !viewer.canSeeComment(found.issue, found.comment))
      return [];
    return [commentJson(ctx.site, found.issue, found.comment, withProps)];
  });
  return {
    status: 200,
    body: { isLast: true, maxResults: MAX_COMMENT_IDS, startAt: 0, total: values.length, values },
  };
};

/**
 * POST comment: the author is the calling identity (the app bot for asApp()); v3 bodies must be ADF.
 * A caller who may browse the issue but lacks Add comments gets 400: addComment lists no 403, its description
 * requires "Browse projects and Add comments", and 400 is "Returned if the request is invalid" (FIDELITY.md).
 */
const addComment: Handler = (ctx) => {
  const issue = browseIssue(ctx, ctx.params.issueIdOrKey ?? '');
  if (isReply(issue)) return issue;
  if (!can(ctx, 'ADD_COMMENTS', issue.projectKey)) {
    return errorReply(400, 'You do not have the permission to comment on this issue.');
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

export const commentHandlers: Record<string, Handler> = { getComments, getCommentsByIds, addComment };
