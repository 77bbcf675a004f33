import { errorReply } from '../types';
import { can, type Handler } from './context';

const getIssueLinkTypes: Handler = (ctx) => ({
  status: 200,
  body: {
    issueLinkTypes: [...ctx.site.linkTypes.values()].map((t) => ({
      ...t,
      self: `${ctx.site.baseUrl}/rest/api/3/issueLinkType/${t.id}`,
    })),
  },
});

/** GET /field: system fields plus every custom field seeded (addField or first use in addIssue). */
const getFields: Handler = (ctx) => ({
  status: 200,
  body: [...ctx.site.fieldDefs.values()].map((f) => ({
    id: f.id,
    key: f.id,
    name: f.name,
    custom: f.custom,
    orderable: true,
    navigable: true,
    searchable: true,
    clauseNames: f.custom ? [f.id.replace('customfield_', 'cf[') + ']', f.name] : [f.id],
    schema: {
      type: f.schemaType,
      ...(f.items !== undefined ? { items: f.items } : {}),
      ...(f.custom
        ? { custom: `emulator:${f.schemaType}`, customId: Number(f.id.replace('customfield_', '')) || 0 }
        : { system: f.id }),
    },
  })),
});

/** JiraStatus.statusCategory for the emulator's category keys. */
const STATUS_CATEGORY = { new: 'TODO', indeterminate: 'IN_PROGRESS', done: 'DONE' } as const;

/**
 * GET /rest/api/3/statuses (getStatusesById): the statuses named by `id` (1 to 50), each as JiraStatus; permission
 * "Administer projects" or "Administer Jira" (spec). Unknown ids are left out; statuses here are global
 * (`scope.type` GLOBAL).
 */
const getStatusesById: Handler = (ctx) => {
  const ids = ctx.query.getAll('id');
  if (ids.length < 1 || ids.length > 50) return errorReply(400, 'Provide between 1 and 50 status ids.');
  if (
    !can(ctx, 'ADMINISTER') &&
    ![...ctx.site.projects.keys()].some((p) => can(ctx, 'ADMINISTER_PROJECTS', p))
  )
    return errorReply(403, 'You need the Administer projects or Administer Jira permission.');
  const byId = new Map([...ctx.site.statuses.values()].map((s) => [s.id, s]));
  const body = ids.flatMap((id) => {
    const status = byId.get(id);
    if (!status) return [];
    const category = STATUS_CATEGORY[status.category];
    return [
      {
        id: status.id,
        name: status.name,
        description: '',
        statusCategory: category,
        scope: { type: 'GLOBAL' },
      },
    ];
  });
  return { status: 200, body };
};

/**
 * GET /rest/api/3/statuses/search (operation `search`): a page of statuses ("matches a search on name or project"),
 * `startAt`/`maxResults` (default 200), `searchString` on the name (ignoring case, as a search of names), and
 * `statusCategory`; permission "Administer projects" or "Administer Jira" (spec), refused with 401: the operation
 * lists 401 "... or the caller doesn't have permissions to perform the operation" and no 403. The emulator's statuses
 * are global, so `projectId` narrows nothing. Ordered by id.
 */
const search: Handler = (ctx) => {
  if (
    !can(ctx, 'ADMINISTER') &&
    ![...ctx.site.projects.keys()].some((p) => can(ctx, 'ADMINISTER_PROJECTS', p))
  )
    return errorReply(401, 'You need the Administer projects or Administer Jira permission.');
  const startAt = Math.max(0, Number(ctx.query.get('startAt') ?? 0));
  const maxResults = Math.max(1, Number(ctx.query.get('maxResults') ?? 200));
  const text = (ctx.query.get('searchString') ?? '').toLowerCase();
  const category = ctx.query.get('statusCategory');
  const all = [...ctx.site.statuses.values()]
    .map((status) => ({ status, category: STATUS_CATEGORY[status.category] }))
    .filter(({ status }) => status.name.toLowerCase().includes(text))
    .filter((s) => category === null || s.category === category)
    .sort((a, b) => Number(a.status.id) - Number(b.status.id));
  const page = all.slice(startAt, startAt + maxResults);
  const base = `${ctx.site.baseUrl}/rest/api/3/statuses/search`;
  const isLast = startAt + page.length >= all.length;
  return {
    status: 200,
    body: {
      self: `${base}?startAt=${startAt}&maxResults=${maxResults}`,
      ...(isLast ? {} : { nextPage: `${base}?startAt=${startAt + page.length}&maxResults=${maxResults}` }),
      startAt,
      maxResults,
      total: all.length,
      isLast,
      values: page.map(({ status, category: statusCategory }) => ({
        id: status.id,
        name: status.name,
        description: '',
        statusCategory,
        scope: { type: 'GLOBAL' },
      })),
    },
  };
};

export const metaHandlers: Record<string, Handler> = {
  getIssueLinkTypes,
  getFields,
  getStatusesById,
  search,
};
