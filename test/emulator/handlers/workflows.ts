import type { SiteState, StatusRecord, WorkflowRecord } from '../state';
import { errorReply } from '../types';
import { listParam } from '../views';
import { asRecord, can, type Ctx, type Handler } from './context';

const CATEGORY = { new: 'TODO', indeterminate: 'IN_PROGRESS', done: 'DONE' } as const;

function statusJson(s: StatusRecord): Record<string, unknown> {
  return {
    id: s.id,
    name: s.name,
    statusReference: s.id,
    statusCategory: CATEGORY[s.category],
    scope: { type: 'GLOBAL' },
    description: '',
  };
}

/**
 * WorkflowScope: "`GLOBAL` for company-managed projects and `PROJECT` for team-managed projects". A team-managed
 * project's workflow is its own, so a workflow used by one team-managed project alone is scoped to it. (The emulator
 * lets a seed share a workflow between project types, which Jira does not; such a workflow reports GLOBAL.)
 */
function scopeOf(site: SiteState, w: WorkflowRecord): Record<string, unknown> {
  const users = [...site.projects.values()].filter(
    (p) => p.workflow === w.name || [...p.issueTypeWorkflows.values()].includes(w.name),
  );
  const [only] = users;
  return users.length === 1 && only?.style === 'team-managed'
    ? { type: 'PROJECT', project: { id: only.id } }
    : { type: 'GLOBAL' };
}

/** JiraWorkflow: an INITIAL transition into the initial status, then the seeded ones with their rules. */
function workflowJson(site: SiteState, w: WorkflowRecord, withTransitions: boolean): Record<string, unknown> {
  const ref = (name: string) => site.requireStatus(name).id;
  const initial = {
    id: '1',
    name: 'Create',
    description: '',
    type: 'INITIAL',
    toStatusReference: ref(w.initialStatus),
    links: [],
    actions: [],
    validators: [],
    triggers: [],
    properties: {},
  };
  const transitions = w.transitions.map((t) => ({
    id: t.id,
    name: t.name,
    description: '',
    type: t.from.length === 0 ? 'GLOBAL' : 'DIRECTED',
    toStatusReference: ref(t.to),
    links: t.from.map((f) => ({ fromStatusReference: ref(f), fromPort: 0, toPort: 0 })),
    actions: t.postFunctions,
    validators: t.validators,
    conditions: { operation: 'ALL', conditions: t.conditions, conditionGroups: [] },
    triggers: [],
    properties: {},
  }));
  return {
    id: w.id,
    name: w.name,
    description: w.description,
    isEditable: true,
    scope: scopeOf(site, w),
    version: w.version,
    updated: w.updated,
    statuses: w.statuses.map((s) => ({ statusReference: ref(s), deprecated: false, properties: {} })),
    ...(withTransitions ? { transitions: [initial, ...transitions] } : {}),
  };
}

const statusesOf = (site: SiteState, ws: WorkflowRecord[]) =>
  [...new Set(ws.flatMap((w) => w.statuses))].map((n) => statusJson(site.requireStatus(n)));

/**
 * Reading workflows needs Administer Jira (the app bot has it by default). Refused with 401: both operations list
 * 401 "Returned if ... the caller doesn't have permissions to perform the operation" and no 403.
 */
const denied = (ctx: Ctx) =>
  can(ctx, 'ADMINISTER')
    ? undefined
    : errorReply(
        401,
        'You are not authorized to perform this action. Administrator privileges are required.',
      );

const readWorkflows: Handler = (ctx) => {
  const refused = denied(ctx);
  if (refused) return refused;
  const body = asRecord(ctx.body) ?? {};
  const names = Array.isArray(body.workflowNames) ? (body.workflowNames as string[]) : [];
  const ids = Array.isArray(body.workflowIds) ? (body.workflowIds as string[]) : [];
  const pairs = Array.isArray(body.projectAndIssueTypes)
    ? (body.projectAndIssueTypes as Array<{ projectId: string; issueTypeId: string }>)
    : [];
  // ProjectAndIssueTypePair "identifies a status mapping": the workflow that issue type uses in that project.
  const byProject = pairs.flatMap((p) => {
    const project = ctx.site.findProject(p.projectId);
    const type = [...ctx.site.issueTypes.values()].find((t) => t.id === p.issueTypeId);
    return project ? [ctx.site.workflowOf(project, type?.name).name] : [];
  });
  const all = [...ctx.site.workflows.values()];
  const filtered =
    names.length + ids.length + pairs.length === 0
      ? all
      : all.filter((w) => names.includes(w.name) || ids.includes(w.id) || byProject.includes(w.name));
  return {
    status: 200,
    body: {
      workflows: filtered.map((w) => workflowJson(ctx.site, w, true)),
      statuses: statusesOf(ctx.site, filtered),
    },
  };
};

const searchWorkflows: Handler = (ctx) => {
  const refused = denied(ctx);
  if (refused) return refused;
  const q = ctx.query;
  const needle = (q.get('queryString') ?? '').toLowerCase();
  const matching = [...ctx.site.workflows.values()].filter((w) => w.name.toLowerCase().includes(needle));
  const startAt = Number(q.get('startAt') ?? 0);
  const maxResults = Number(q.get('maxResults') ?? 50);
  const page = matching.slice(startAt, startAt + maxResults);
  const withTransitions = listParam(q, 'expand').includes('values.transitions');
  return {
    status: 200,
    body: {
      startAt,
      maxResults,
      total: matching.length,
      isLast: startAt + maxResults >= matching.length,
      self: `${ctx.site.baseUrl}/rest/api/3/workflows/search`,
      values: page.map((w) => workflowJson(ctx.site, w, withTransitions)),
      statuses: statusesOf(ctx.site, page),
    },
  };
};

/**
 * GET /rest/api/3/workflow/{workflowId}/projectUsages: "Returns a page of projects using a given workflow"
 * (WorkflowProjectUsageDTO: `projects.values[].id`); one page holds every project here (`maxResults` 1 to 200).
 */
const getProjectUsagesForWorkflow: Handler = (ctx) => {
  const refused = denied(ctx);
  if (refused) return refused;
  const workflowId = ctx.params.workflowId ?? '';
  const workflow = [...ctx.site.workflows.values()].find((w) => w.id === workflowId);
  if (!workflow) return errorReply(404, `The workflow with ID ${workflowId} was not found.`);
  const values = [...ctx.site.projects.values()]
    .filter((p) => p.workflow === workflow.name)
    .map((p) => ({ id: p.id }));
  return { status: 200, body: { workflowId, projects: { values } } };
};

export const workflowHandlers: Record<string, Handler> = {
  readWorkflows,
  searchWorkflows,
  getProjectUsagesForWorkflow,
};
