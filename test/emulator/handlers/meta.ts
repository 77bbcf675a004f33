import { type Handler } from './context';

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

export const metaHandlers: Record<string, Handler> = { getIssueLinkTypes, getFields };
