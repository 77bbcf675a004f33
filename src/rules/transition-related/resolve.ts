import { z } from 'zod';

/**
 * Transition ids resolved when the rule is saved, so that moving a related issue needs no lookup at run time.
 * Pure (zod only): the configuration screen (static/app) resolves with it from the workflows the resolver read.
 *
 * Transition ids belong to a workflow: "Done" may be 21 in a parent's workflow and 31 in its sub-tasks' one, where
 * 21 may be another transition altogether. At run time the app knows a related issue's status (the origin issue's
 * read carries it), not its workflow. So an id is kept for a status only when it is right in EVERY workflow having
 * that status: each has exactly one transition with the name available from that status, all with the same id and
 * destination. A status where no workflow offers the name is kept as unavailable (null). Any other status (the
 * workflows disagree, or a status no workflow had when the rule was saved) is left out: for it the app asks Jira
 * for the transitions by name, as every configuration saved before this did.
 */

/** One workflow as the screen needs it: its statuses and its transitions, statuses by id. */
export interface WorkflowTransitions {
  id: string;
  name: string;
  statusIds: string[];
  transitions: Array<{ id: string; name: string; toStatusId: string; fromStatusIds: string[] | 'any' }>;
}

export interface TransitionCatalog {
  workflows: WorkflowTransitions[];
  statuses: Array<{ id: string; name: string }>;
  /** False when the site has more workflows than were read: then nothing is resolved (an unread one may disagree). */
  complete: boolean;
}

/** The most statuses a saved configuration resolves: far below the 32 KB Jira's workflow editor keeps. */
export const MAX_RESOLVED_STATUSES = 500;

const StatusId = z.string().regex(/^\d{1,18}$/);
export const ResolvedMove = z.object({ id: StatusId, to: StatusId }).nullable();
export const TransitionsByStatus = z
  .record(StatusId, ResolvedMove)
  .refine((map) => Object.keys(map).length <= MAX_RESOLVED_STATUSES, {
    message: `at most ${MAX_RESOLVED_STATUSES} statuses`,
  });
export type TransitionsByStatus = z.infer<typeof TransitionsByStatus>;

const same = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The transitions named `name` that an issue in status `statusId` may take in the workflow (Jira's rule). */
function offered(workflow: WorkflowTransitions, name: string, statusId: string) {
  return workflow.transitions.filter(
    (t) =>
      same(t.name, name) &&
      (t.fromStatusIds === 'any' ? t.toStatusId !== statusId : t.fromStatusIds.includes(statusId)),
  );
}

export function resolveByStatus(name: string, catalog: TransitionCatalog): TransitionsByStatus | undefined {
  if (!catalog.complete || name.trim() === '') return undefined;
  const statusIds = [...new Set(catalog.workflows.flatMap((w) => w.statusIds))].sort();
  const resolved: TransitionsByStatus = {};
  for (const statusId of statusIds) {
    const options = catalog.workflows
      .filter((w) => w.statusIds.includes(statusId))
      .map((w) => offered(w, name, statusId));
    if (options.every((o) => o.length === 0)) resolved[statusId] = null;
    else if (options.every((o) => o.length === 1)) {
      const moves = options.flat();
      const [first] = moves;
      if (first && moves.every((m) => m.id === first.id && m.toStatusId === first.toStatusId))
        resolved[statusId] = { id: first.id, to: first.toStatusId };
    }
    if (Object.keys(resolved).length >= MAX_RESOLVED_STATUSES) break;
  }
  return resolved;
}

/** The transition names people can pick, each with the workflows that have it (case differences merged). */
export function transitionChoices(catalog: TransitionCatalog): Array<{ name: string; workflows: string[] }> {
  const byName = new Map<string, { name: string; workflows: Set<string> }>();
  for (const workflow of catalog.workflows)
    for (const transition of workflow.transitions) {
      const key = transition.name.trim().toLowerCase();
      const entry = byName.get(key) ?? { name: transition.name.trim(), workflows: new Set<string>() };
      entry.workflows.add(workflow.name);
      byName.set(key, entry);
    }
  return [...byName.values()]
    .map((entry) => ({ name: entry.name, workflows: [...entry.workflows].sort() }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
