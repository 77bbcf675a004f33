import { z } from 'zod';
import { CURRENT_USER } from '../../access/actor';
import { route } from '../../access/route';
import type { AccessSession } from '../../access/session';
import type { ProjectOption, RoleOption } from '../../shared/post-function-config';
import type { FieldOption, LinkTypeOption, StatusOption } from '../../shared/validator-config';
import type { TransitionCatalog, WorkflowTransitions } from '../transition-related/resolve';

/**
 * What a configuration screen may offer, read from Jira as the admin configuring the rule (never as the app), so
 * Jira shows them exactly what they can see and the app gains no reach of its own.
 */
const Fields = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    custom: z.boolean().default(false),
    schema: z
      .object({ type: z.string().optional(), items: z.string().optional(), custom: z.string().optional() })
      .optional(),
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

/** JiraWorkflow as `GET /rest/api/3/workflows/search?expand=values.transitions` returns it (what the screen uses). */
const WorkflowPage = z.object({
  isLast: z.boolean().optional(),
  total: z.number().optional(),
  values: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      statuses: z.array(z.object({ statusReference: z.string() })).default([]),
      transitions: z
        .array(
          z.object({
            id: z.string(),
            name: z.string(),
            type: z.enum(['INITIAL', 'GLOBAL', 'DIRECTED']).optional(),
            toStatusReference: z.string(),
            links: z.array(z.object({ fromStatusReference: z.string().nullish() })).default([]),
          }),
        )
        .default([]),
    }),
  ),
  statuses: z.array(z.object({ id: z.string(), name: z.string(), statusReference: z.string() })).default([]),
});

/** Workflows read for a picker: 20 pages of 50. A site with more is not resolved (TransitionCatalog.complete). */
const WORKFLOW_PAGE = 50;
const MAX_WORKFLOW_PAGES = 20;

/**
 * Every workflow's transitions, as the admin configuring the rule (searchWorkflows needs Administer Jira, or
 * project admin rights for a team-managed project's own workflow): one call per 50 workflows. Statuses are
 * referenced by `statusReference` inside a workflow; the page's `statuses` give their ids.
 */
export async function readWorkflowTransitions(session: AccessSession): Promise<TransitionCatalog> {
  const workflows: WorkflowTransitions[] = [];
  const statuses = new Map<string, { id: string; name: string }>();
  for (let page = 0; page < MAX_WORKFLOW_PAGES; page += 1) {
    const body = WorkflowPage.parse(
      await session.jira(CURRENT_USER).requestJira(
        route`/rest/api/3/workflows/search?expand=values.transitions&startAt=${page * WORKFLOW_PAGE}&maxResults=${WORKFLOW_PAGE}`,
        // Its 401 means "the caller doesn't have permissions" (the spec): name the permission the read needs.
        { permission: 'ADMINISTER' },
      ),
    );
    for (const status of body.statuses)
      statuses.set(status.statusReference, { id: status.id, name: status.name });
    const idOf = (reference: string) => statuses.get(reference)?.id ?? reference;
    for (const workflow of body.values)
      workflows.push({
        id: workflow.id,
        name: workflow.name,
        statusIds: workflow.statuses.map((s) => idOf(s.statusReference)),
        transitions: workflow.transitions
          .filter((t) => t.type !== 'INITIAL')
          .map((t) => {
            const from = t.links.flatMap((link) =>
              link.fromStatusReference ? [idOf(link.fromStatusReference)] : [],
            );
            return {
              id: t.id,
              name: t.name,
              toStatusId: idOf(t.toStatusReference),
              fromStatusIds: t.type === 'GLOBAL' || from.length === 0 ? ('any' as const) : from,
            };
          }),
      });
    const last = body.isLast ?? body.values.length < WORKFLOW_PAGE;
    if (last)
      return {
        workflows,
        statuses: [...new Map([...statuses.values()].map((s) => [s.id, s])).values()],
        complete: true,
      };
  }
  return {
    workflows,
    statuses: [...new Map([...statuses.values()].map((s) => [s.id, s])).values()],
    complete: false,
  };
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

const StatusPage = z.object({
  isLast: z.boolean().optional(),
  values: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        scope: z.object({ project: z.object({ id: z.string() }).optional() }).optional(),
      }),
    )
    .default([]),
});
/** Statuses read for a picker: ten pages of 200 (the operation's default page). */
const STATUS_PAGE = 200;
const STATUS_PAGES = 10;

/**
 * Jira's statuses, global and project-scoped (a team-managed project's own), by name: GET /rest/api/3/statuses/search
 * as the admin configuring the rule (it needs Administer projects or Administer Jira, which editing a workflow does).
 */
export async function readStatuses(session: AccessSession): Promise<StatusOption[]> {
  const statuses: StatusOption[] = [];
  for (let page = 0; page < STATUS_PAGES; page += 1) {
    const body = StatusPage.parse(
      await session
        .jira(CURRENT_USER)
        .requestJira(
          route`/rest/api/3/statuses/search?startAt=${page * STATUS_PAGE}&maxResults=${STATUS_PAGE}`,
          {
            permission: 'ADMINISTER',
          },
        ),
    );
    statuses.push(
      ...body.values.map(({ id, name, scope }) => ({
        id,
        name,
        ...(scope?.project ? { projectId: scope.project.id } : {}),
      })),
    );
    if ((body.isLast ?? body.values.length < STATUS_PAGE) || body.values.length === 0) break;
  }
  return statuses.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}
