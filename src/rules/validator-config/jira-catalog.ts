import { z } from 'zod';
import { CURRENT_USER } from '../../access/actor';
import { route } from '../../access/route';
import type { AccessSession } from '../../access/session';
import type { ProjectOption, RoleOption } from '../../shared/post-function-config';
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
    schema: z.object({ type: z.string() }).passthrough().optional(),
  }),
);
const LinkTypes = z.object({
  issueLinkTypes: z.array(z.object({ name: z.string(), inward: z.string(), outward: z.string() })),
});

export async function readFields(session: AccessSession): Promise<FieldOption[]> {
  const body = await session.jira(CURRENT_USER).requestJira(route`/rest/api/3/field`, { method: 'GET' });
  return Fields.parse(body)
    .map(({ id, name, custom }) => ({ id, name, custom }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function readLinkTypes(session: AccessSession): Promise<LinkTypeOption[]> {
  const body = await session
    .jira(CURRENT_USER)
    .requestJira(route`/rest/api/3/issueLinkType`, { method: 'GET' });
  return LinkTypes.parse(body).issueLinkTypes.sort((a, b) => a.name.localeCompare(b.name));
}

const ProjectsPage = z.object({
  values: z.array(z.object({ id: z.string(), key: z.string(), name: z.string() })).default([]),
  isLast: z.boolean().default(true),
});
/** Projects offered in a picker: a page of 100 is Jira's most, ten pages list the first thousand. */
const PROJECT_PAGES = 10;

/** The projects the admin may create issues in (GET /rest/api/3/project/search, action `create`), by name. */
export async function readCreatableProjects(session: AccessSession): Promise<ProjectOption[]> {
  const projects: ProjectOption[] = [];
  for (let page = 0; page < PROJECT_PAGES; page++) {
    const startAt = page * 100;
    const answer = ProjectsPage.parse(
      await session
        .jira(CURRENT_USER)
        .requestJira(
          route`/rest/api/3/project/search?action=create&orderBy=name&startAt=${startAt}&maxResults=100`,
        ),
    );
    projects.push(...answer.values.map(({ id, key, name }) => ({ id, key, name })));
    if (answer.isLast || answer.values.length === 0) break;
  }
  return projects;
}

/** Fields holding one user (schema type `user`): the assignee, reporter and user picker custom fields. */
export async function readUserFields(session: AccessSession): Promise<FieldOption[]> {
  const body = await session.jira(CURRENT_USER).requestJira(route`/rest/api/3/field`, { method: 'GET' });
  return Fields.parse(body)
    .filter((field) => field.schema?.type === 'user')
    .map(({ id, name, custom }) => ({ id, name, custom }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

const Roles = z.array(z.object({ id: z.number().int(), name: z.string() }));

/** Jira's project roles, shared by every project (GET /rest/api/3/role; Administer Jira, as workflow editing is). */
export async function readRoles(session: AccessSession): Promise<RoleOption[]> {
  const body = await session.jira(CURRENT_USER).requestJira(route`/rest/api/3/role`, { method: 'GET' });
  return Roles.parse(body)
    .map(({ id, name }) => ({ id: String(id), name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
