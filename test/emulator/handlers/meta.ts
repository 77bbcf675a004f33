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
    const category = { new: 'TODO', indeterminate: 'IN_PROGRESS', done: 'DONE' }[status.category];
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

export const metaHandlers: Record<string, Handler> = { getIssueLinkTypes, getFields, getStatusesById };
