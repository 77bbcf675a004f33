import type { FieldRecord, IssueRecord, IssueTypeRecord, ProjectRecord } from '../state';
import { errorReply, type Reply } from '../types';
import { issueTypeJson } from '../views';
import { applyEdits } from './edit';
import { entityProperties } from './issues';
import { asRecord, can, isReply, type Ctx, type Handler } from './context';

/**
 * Issue creation and its metadata: POST /rest/api/3/issue (createIssue) and the two non-deprecated createmeta
 * operations, GET /rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes[/{issueTypeId}].
 */

/** "Parameter 'maxResults' must not exceed the limit '200'" (the createmeta operations' 400 example). */
const MAX_META_RESULTS = 200;

function page(ctx: Ctx): { startAt: number; maxResults: number } | Reply {
  const startAt = Math.max(0, Number(ctx.query.get('startAt') ?? 0));
  const maxResults = Number(ctx.query.get('maxResults') ?? 50);
  if (maxResults > MAX_META_RESULTS)
    return errorReply(400, `Parameter 'maxResults' must not exceed the limit '${MAX_META_RESULTS}'`);
  return { startAt, maxResults: Math.max(1, maxResults) };
}

/**
 * The project the caller may create issues in ("Create issues project permission in the requested projects").
 * The createmeta operations list no 403 or 404: an unknown project, or one the caller may not create in, is
 * answered 400 (an assumption, FIDELITY.md "Create issue").
 */
function creatableProject(ctx: Ctx, idOrKey: string): ProjectRecord | Reply {
  const project = ctx.site.findProject(idOrKey);
  if (!project || !can(ctx, 'BROWSE_PROJECTS', project.key) || !can(ctx, 'CREATE_ISSUES', project.key))
    return errorReply(400, `You cannot create issues in project '${idOrKey}', or it does not exist.`);
  return project;
}

const issueTypeById = (ctx: Ctx, id: string): IssueTypeRecord | undefined =>
  [...ctx.site.issueTypes.values()].find((t) => t.id === id);

/** Fields on the create screen of every project: the system fields an issue is created with, and every custom field. */
const CREATE_SYSTEM_FIELDS = [
  'summary',
  'issuetype',
  'project',
  'reporter',
  'parent',
  'description',
  'labels',
  'priority',
  'duedate',
  'assignee',
];

function requiredFields(ctx: Ctx, project: ProjectRecord, type: IssueTypeRecord): Set<string> {
  return new Set([
    'summary',
    'issuetype',
    'project',
    ...(type.subtask ? ['parent'] : []),
    ...(ctx.site.requiredOnCreate.get(`${project.key}/${type.name}`) ?? []),
  ]);
}

function fieldMeta(field: FieldRecord, required: boolean): Record<string, unknown> {
  return {
    fieldId: field.id,
    key: field.id,
    name: field.name,
    required,
    // The reporter defaults to the user who creates the issue.
    hasDefaultValue: field.id === 'reporter',
    operations: field.id === 'labels' ? ['add', 'set', 'remove'] : ['set'],
    schema: {
      type: field.schemaType,
      ...(field.items !== undefined ? { items: field.items } : {}),
      ...(field.custom
        ? {
            custom: `emulator:${field.schemaType}`,
            customId: Number(field.id.replace('customfield_', '')) || 0,
          }
        : { system: field.id }),
    },
  };
}

const getCreateIssueMetaIssueTypes: Handler = (ctx) => {
  const project = creatableProject(ctx, ctx.params.projectIdOrKey ?? '');
  if (isReply(project)) return project;
  const paging = page(ctx);
  if (isReply(paging)) return paging;
  const all = [...ctx.site.issueTypes.values()];
  return {
    status: 200,
    body: {
      issueTypes: all
        .slice(paging.startAt, paging.startAt + paging.maxResults)
        .map((t) => issueTypeJson(ctx.site, t)),
      maxResults: paging.maxResults,
      startAt: paging.startAt,
      total: all.length,
    },
  };
};

const getCreateIssueMetaIssueTypeId: Handler = (ctx) => {
  const project = creatableProject(ctx, ctx.params.projectIdOrKey ?? '');
  if (isReply(project)) return project;
  const type = issueTypeById(ctx, ctx.params.issueTypeId ?? '');
  if (!type) return errorReply(400, `The issue type '${ctx.params.issueTypeId ?? ''}' does not exist.`);
  const paging = page(ctx);
  if (isReply(paging)) return paging;
  const required = requiredFields(ctx, project, type);
  const fields = [...ctx.site.fieldDefs.values()].filter(
    (f) =>
      f.custom || (CREATE_SYSTEM_FIELDS.includes(f.id) && (f.id !== 'parent' || type.hierarchyLevel < 1)),
  );
  return {
    status: 200,
    body: {
      fields: fields
        .slice(paging.startAt, paging.startAt + paging.maxResults)
        .map((f) => fieldMeta(f, required.has(f.id))),
      maxResults: paging.maxResults,
      startAt: paging.startAt,
      total: fields.length,
    },
  };
};

const refOf = (value: unknown): { id?: string; key?: string; name?: string } => {
  const r = asRecord(value) ?? {};
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { id: text(r.id), key: text(r.key), name: text(r.name) };
};

const isEmpty = (value: unknown): boolean =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/**
 * POST /rest/api/3/issue: Browse projects and Create issues in the target project (else 403, "the user does not
 * have the necessary permission"); missing required fields, invalid values and a sub-task without a parent in its
 * project are 400 with the field named in `errors`; `properties` (EntityProperty[]) are set on the new issue.
 */
const createIssue: Handler = (ctx) => {
  const body = asRecord(ctx.body);
  const fields = asRecord(body?.fields);
  if (!body || !fields) return errorReply(400, 'The issue fields are missing.');
  const projectRef = refOf(fields.project);
  const project = ctx.site.findProject(projectRef.id ?? projectRef.key ?? '');
  if (!project)
    return { status: 400, body: { errorMessages: [], errors: { project: 'valid project is required' } } };
  if (!can(ctx, 'BROWSE_PROJECTS', project.key) || !can(ctx, 'CREATE_ISSUES', project.key))
    return errorReply(403, 'You do not have permission to create issues in this project.');
  const typeRef = refOf(fields.issuetype);
  const type =
    (typeRef.id !== undefined ? issueTypeById(ctx, typeRef.id) : undefined) ??
    (typeRef.name !== undefined ? ctx.site.issueTypes.get(typeRef.name) : undefined);
  if (!type)
    return { status: 400, body: { errorMessages: [], errors: { issuetype: 'Specify a valid issue type' } } };
  const missing = [...requiredFields(ctx, project, type)].filter(
    (id) => !['project', 'issuetype'].includes(id) && isEmpty(fields[id]),
  );
  if (missing.length > 0) {
    const nameOf = (id: string) => ctx.site.fieldDefs.get(id)?.name ?? id;
    return {
      status: 400,
      body: {
        errorMessages: [],
        errors: Object.fromEntries(missing.map((id) => [id, `${nameOf(id)} is required.`])),
      },
    };
  }
  const properties = entityProperties(body.properties);
  if (isReply(properties)) return properties;
  const draft: IssueRecord = {
    id: '',
    key: `${project.key}-0`,
    projectKey: project.key,
    issueType: type.name,
    status: ctx.site.workflowOf(project).initialStatus,
    summary: '',
    fields: {},
    comments: [],
    properties: new Map(),
    history: [],
    created: '',
    updated: '',
  };
  const settable = Object.fromEntries(
    Object.entries(fields).filter(([field]) => field !== 'project' && field !== 'issuetype'),
  );
  const failed = applyEdits(ctx, draft, { fields: settable, update: body.update }, true);
  if (failed) return failed;
  const issue = ctx.site.addIssue({
    projectKey: project.key,
    issueType: type.name,
    summary: draft.summary,
    fields: draft.fields,
    parentKey: draft.parentKey,
    assignee: draft.assignee,
    reporter: ctx.caller.accountId,
  });
  for (const [key, value] of properties) issue.properties.set(key, value);
  return {
    status: 201,
    body: { id: issue.id, key: issue.key, self: `${ctx.site.baseUrl}/rest/api/3/issue/${issue.id}` },
  };
};

/**
 * GET /rest/api/3/issuetype: every issue type to a Jira admin, else those of the projects the caller may browse. Issue
 * types here are the site's, shared by every project, so anyone who may browse a project sees them all.
 */
const getIssueAllTypes: Handler = (ctx) => {
  const sees =
    can(ctx, 'ADMINISTER') || [...ctx.site.projects.keys()].some((key) => can(ctx, 'BROWSE_PROJECTS', key));
  return {
    status: 200,
    body: sees ? [...ctx.site.issueTypes.values()].map((t) => issueTypeJson(ctx.site, t)) : [],
  };
};

export const createHandlers: Record<string, Handler> = {
  getIssueAllTypes,
  createIssue,
  getCreateIssueMetaIssueTypes,
  getCreateIssueMetaIssueTypeId,
};
