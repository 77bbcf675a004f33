import { JqlError, parseJql } from '../jql';
import { errorReply, type Reply } from '../types';
import { fieldSelector, issueJson, listParam } from '../views';
import { asRecord, can, viewerOf, type Ctx, type Handler } from './context';

interface SearchRequest {
  jql: string;
  nextPageToken?: string;
  maxResults?: number;
  fields?: string[];
  expand: string[];
  properties: string[];
}

/**
 * Enhanced search (the /search/jql pair): only issues the caller can browse; `fields` defaults to `id`;
 * pages with an opaque nextPageToken that is absent on the last page.
 */
function search(ctx: Ctx, req: SearchRequest): Reply {
  if (req.jql.trim() === '' || /^\s*order\s+by/i.test(req.jql)) {
    return errorReply(
      400,
      'Unbounded JQL queries are not allowed here. Please add a search restriction to your query.',
    );
  }
  const viewer = viewerOf(ctx);
  let query;
  try {
    query = parseJql(req.jql, {
      site: ctx.site,
      callerId: ctx.caller.accountId,
      canBrowse: viewer.canBrowse,
    });
  } catch (e) {
    if (e instanceof JqlError) return errorReply(400, e.message);
    throw e;
  }
  const hits = [...ctx.site.issues.values()]
    .filter((i) => viewer.canBrowse(i) && query.matches(i))
    .sort(query.compare);
  const start = req.nextPageToken ? Number(Buffer.from(req.nextPageToken, 'base64url').toString()) : 0;
  const size = Math.min(Math.max(req.maxResults ?? 50, 1), 5000);
  const page = hits.slice(start, start + size);
  const select = fieldSelector(req.fields, 'id');
  const more = start + size < hits.length;
  return {
    status: 200,
    body: {
      issues: page.map((i) =>
        issueJson(ctx.site, i, viewer, {
          select,
          expand: req.expand,
          properties: req.properties,
          transitions: can(ctx, 'TRANSITION_ISSUES', i.projectKey) ? ctx.site.transitionsFor(i) : [],
        }),
      ),
      isLast: !more,
      ...(more ? { nextPageToken: Buffer.from(String(start + size)).toString('base64url') } : {}),
    },
  };
}

const searchAndReconsileIssuesUsingJql: Handler = (ctx) => {
  const q = ctx.query;
  const max = q.get('maxResults');
  return search(ctx, {
    jql: q.get('jql') ?? '',
    nextPageToken: q.get('nextPageToken') ?? undefined,
    maxResults: max === null ? undefined : Number(max),
    fields: listParam(q, 'fields'),
    expand: listParam(q, 'expand'),
    properties: listParam(q, 'properties'),
  });
};

const searchAndReconsileIssuesUsingJqlPost: Handler = (ctx) => {
  const b = asRecord(ctx.body) ?? {};
  return search(ctx, {
    jql: typeof b.jql === 'string' ? b.jql : '',
    nextPageToken: typeof b.nextPageToken === 'string' ? b.nextPageToken : undefined,
    maxResults: typeof b.maxResults === 'number' ? b.maxResults : undefined,
    fields: Array.isArray(b.fields) ? (b.fields as string[]) : undefined,
    expand: typeof b.expand === 'string' ? b.expand.split(',') : [],
    properties: Array.isArray(b.properties) ? (b.properties as string[]) : [],
  });
};

export const searchHandlers: Record<string, Handler> = {
  searchAndReconsileIssuesUsingJql,
  searchAndReconsileIssuesUsingJqlPost,
};
