import { z } from 'zod';
import { CURRENT_USER } from '../../access/actor';
import { route } from '../../access/route';
import type { AccessSession } from '../../access/session';
import type { FieldOption, LinkTypeOption } from '../../shared/validator-config';

/**
 * What a configuration screen may offer, read from Jira as the admin configuring the rule (never as the app), so
 * Jira shows them exactly what they can see and the app gains no reach of its own.
 */
const Fields = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    custom: z.boolean().default(false),
    schema: z.object({ type: z.string().optional(), items: z.string().optional() }).optional(),
  }),
);
const LinkTypes = z.object({
  issueLinkTypes: z.array(z.object({ name: z.string(), inward: z.string(), outward: z.string() })),
});

export async function readFields(session: AccessSession): Promise<FieldOption[]> {
  const body = await session.jira(CURRENT_USER).requestJira(route`/rest/api/3/field`, { method: 'GET' });
  return Fields.parse(body)
    .map(({ id, name, custom, schema }) => ({ id, name, custom, ...(schema ? { schema } : {}) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function readLinkTypes(session: AccessSession): Promise<LinkTypeOption[]> {
  const body = await session
    .jira(CURRENT_USER)
    .requestJira(route`/rest/api/3/issueLinkType`, { method: 'GET' });
  return LinkTypes.parse(body).issueLinkTypes.sort((a, b) => a.name.localeCompare(b.name));
}
