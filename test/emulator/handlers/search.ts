import { JqlError, parseJql } from '../jql';
import { transitionsAllowed } from '../expression-condition';
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
  /** Issue ids to read consistently; the emulator is always consistent, so only the spec's limit applies. */
  reconcileIssues: number[];
}

/** "Accepts max 50 ids" (the spec, on reconcileIssues). */
const MAX_RECONCILE_ISSUES = 50;

/**
 * Enhanced search (the /search/jql pair): only issues the caller can browse; `fields` defaults to `id`;
 * pages with an opaque nextPageToken that is absent on the last page. `expand=transitions` gives each issue the
 * transitions the caller could make from its status (none without Transition issues, as GET transitions).
 */
function search(ctx: Ctx, req: SearchRequest): Reply {
  if (req.reconcileIssues.length > MAX_RECONCILE_ISSUES) {
    return errorReply(400, `reconcileIssues accepts at most ${MAX_RECONCILE_ISSUES} issue ids.`);
  }
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
  const size = Math.min(Math.max(req.maxResults ?? 50, 1), 5000, ctx.site.searchPageCap ?? Infinity);
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
          transitions: can(ctx, 'TRANSITION_ISSUES', i.projectKey)
            ? transitionsAllowed(ctx.site, i, ctx.caller.accountId)
            : [],
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
    reconcileIssues: listParam(q, 'reconcileIssues').map(Number),
  });
};

const searchAndReconsileIssuesUsingJqlPost: Handler = (ctx) => {
  const b = asRecord(ctx.body) ?? {};
  return search(ctx, {
    jql: typeof b.jql === 'string' ? b.jql : '',
    nextPageToken: typeof b.nextPageToken === 'string' ? b.nextPageToken : undefined,
    maxResults: typeof b.maxResults === 'number' ? b.maxResults : undefined,
    fields: Array.isArray(b.fields) ? (b.fields as string[]) : undefined,
    // "expand is defined as a comma-delimited string of values" in the body too.
    expand:
      typeof b.expand === 'string'
        ? b.expand
            .split(',')
            .map((value) => value.trim())
            .filter(Boolean)
        : [],
    properties: Array.isArray(b.properties) ? (b.properties as string[]) : [],
    reconcileIssues: Array.isArray(b.reconcileIssues) ? (b.reconcileIssues as number[]) : [],
  });
};

export const searchHandlers: Record<string, Handler> = {
  searchAndReconsileIssuesUsingJql,
  searchAndReconsileIssuesUsingJqlPost,
};
