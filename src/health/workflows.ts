import { z } from 'zod';
import { readAppIdentity } from '../access/app-permissions';
import { route } from '../access/route';
import { ownRule, parameter, WorkflowTransition } from '../pages/admin/rule-usage';
import type { CheckEnvironment } from './model';
import {
  deleteStoredRules,
  readStoredRules,
  writeStoredRules,
  type HealthState,
  type KnownWorkflow,
  type StoredRule,
} from './store';

/**
 * The workflows that carry this app's rules, read at the floor of Jira calls. One `GET /rest/api/3/workflows/search`
 * page of 50 lists every workflow with its `version` ({id, versionNumber}) and `updated` time, without transitions
 * (the JiraWorkflow schema, Jira OpenAPI description). Only workflows whose version changed since the last run are
 * read again with their transitions and rules (`POST /rest/api/3/workflows` by id); the others come from what the last
 * run stored. Jira's workflow update takes the current version and refuses a stale one (`updateWorkflows`, same
 * description), so an edit makes a new version. Every workflow is read in full once a week anyway, in case a change
 * kept its version (test/emulator/FIDELITY.md, "Health check").
 */
const PAGE_SIZE = 50;
const MAX_PAGES = 20;
const READ_BATCH = 25;
export const FULL_READ_EVERY_MS = 7 * 24 * 3_600_000;

const Version = z.object({ id: z.string().optional(), versionNumber: z.number().optional() }).nullish();
const Summary = z.object({
  id: z.string(),
  name: z.string(),
  version: Version,
  updated: z.string().nullish(),
});
const Status = z.object({
  statusReference: z.string().optional(),
  id: z.string().optional(),
  name: z.string(),
});
const SearchPage = z.object({
  isLast: z.boolean().optional(),
  total: z.number().optional(),
  values: z.array(Summary),
});
const ReadResponse = z.object({
  workflows: z.array(Summary.extend({ transitions: z.array(WorkflowTransition).optional() })),
  statuses: z.array(Status).optional(),
});

/** What identifies a workflow's current edit; empty when Jira gave nothing to compare (always read again). */
const versionOf = (summary: z.infer<typeof Summary>): string =>
  summary.version?.id || summary.version?.versionNumber !== undefined || summary.updated
    ? `${summary.version?.id ?? ''}#${summary.version?.versionNumber ?? ''}#${summary.updated ?? ''}`
    : '';

export interface WorkflowRules {
  id: string;
  name: string;
  rules: StoredRule[];
}

export interface ScanResult {
  workflows: Record<string, KnownWorkflow>;
  withRules: WorkflowRules[];
  reread: number;
  fullRead: boolean;
  /** True when the site has more workflows than one run lists. */
  truncated: boolean;
}

async function listWorkflows(env: CheckEnvironment) {
  const all: z.infer<typeof Summary>[] = [];
  let startAt = 0;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const body = SearchPage.parse(
      await env.session
        .jira(env.reader)
        .requestJira(route`/rest/api/3/workflows/search?startAt=${startAt}&maxResults=${PAGE_SIZE}`, {
          permission: 'ADMINISTER',
        }),
    );
    all.push(...body.values);
    startAt += body.values.length;
    if ((body.isLast ?? startAt >= (body.total ?? 0)) || body.values.length === 0)
      return { all, truncated: false };
  }
  return { all, truncated: true };
}

/** Reads workflows with their transitions, 25 ids per request. */
async function readWorkflows(env: CheckEnvironment, ids: readonly string[]) {
  const workflows: z.infer<typeof ReadResponse>['workflows'] = [];
  const statusName = new Map<string, string>();
  for (let start = 0; start < ids.length; start += READ_BATCH) {
    const body = ReadResponse.parse(
      await env.session.jira(env.reader).requestJira(route`/rest/api/3/workflows`, {
        method: 'POST',
        body: { workflowIds: ids.slice(start, start + READ_BATCH) },
        permission: 'ADMINISTER',
        readOnly: true,
      }),
    );
    workflows.push(...body.workflows);
    for (const status of body.statuses ?? [])
      statusName.set(status.statusReference ?? status.id ?? status.name, status.name);
  }
  return { workflows, statusName };
}

export async function scanWorkflows(
  env: CheckEnvironment,
  previous: HealthState,
  now: number,
): Promise<ScanResult> {
  const app = readAppIdentity();
  const listed = await listWorkflows(env);
  const fullRead = !previous.fullReadAt || now - Date.parse(previous.fullReadAt) >= FULL_READ_EVERY_MS;
  const changed = listed.all.filter((summary) => {
    const known = previous.workflows[summary.id];
    const version = versionOf(summary);
    return fullRead || !known || !version || known.version !== version;
  });
  const { workflows: read, statusName } = await readWorkflows(
    env,
    changed.map((summary) => summary.id),
  );
  const workflows: Record<string, KnownWorkflow> = {};
  const rulesOf = new Map<string, StoredRule[]>();
  for (const workflow of read) {
    const rules: StoredRule[] = [];
    const statuses = new Set<string>();
    for (const transition of workflow.transitions ?? []) {
      const name = statusName.get(transition.toStatusReference ?? '');
      if (name) statuses.add(name);
      const listedRules = [...(transition.validators ?? []), ...(transition.actions ?? [])];
      for (const rule of listedRules) {
        const entry = ownRule(rule, app);
        if (!entry) continue;
        const config = parameter(rule, 'config');
        rules.push({
          transitionId: transition.id,
          transitionName: transition.name,
          rule: entry.key,
          ...(config !== undefined ? { config } : {}),
          disabled: [true, 'true'].includes(rule.parameters?.disabled as boolean | string),
        });
      }
    }
    const stored = rules.length ? await writeStoredRules(workflow.id, rules) : true;
    workflows[workflow.id] = {
      // A workflow whose rules could not be stored is read again next time.
      version: stored ? versionOf(workflow) : '',
      name: workflow.name,
      transitions: (workflow.transitions ?? []).map((t) => t.name),
      statuses: [...statuses],
      hasRules: rules.length > 0,
    };
    rulesOf.set(workflow.id, rules);
  }
  const unchanged = listed.all.filter((summary) => !workflows[summary.id] && previous.workflows[summary.id]);
  for (const summary of unchanged) {
    const known = previous.workflows[summary.id];
    if (known) workflows[summary.id] = { ...known, name: summary.name };
  }
  const kept = await readStoredRules(unchanged.filter((s) => workflows[s.id]?.hasRules).map((s) => s.id));
  for (const [id, rules] of kept) rulesOf.set(id, rules);
  // Rules of workflows deleted, or that no longer carry any, are dropped.
  const gone = Object.keys(previous.workflows).filter(
    (id) => previous.workflows[id]?.hasRules && !workflows[id]?.hasRules,
  );
  if (gone.length) await deleteStoredRules(gone);
  return {
    workflows,
    withRules: Object.entries(workflows)
      .filter(([, known]) => known.hasRules)
      .map(([id, known]) => ({ id, name: known.name, rules: rulesOf.get(id) ?? [] })),
    reread: read.length,
    fullRead,
    truncated: listed.truncated,
  };
}
