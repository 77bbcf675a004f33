import { z } from 'zod';
import { APP, describeActor, type Actor } from '../../access/actor';
import { AccessFailure, invalidInput } from '../../access/failures';
import type { JiraClient } from '../../access/jira-client';
import { route } from '../../access/route';
import type { AccessSession } from '../../access/session';
import { projectOfIssue } from '../../execution/validator-runner';
import { jqlString } from '../related-issues/query';
import { CASCADE_PROPERTY, type CascadeMark } from './cascade-guard';
import type { TransitionRelatedConfig } from './configuration';

/** One related issue as the search answers it: its status and the transitions the actor may make from there. */
const Candidate = z.object({
  key: z.string(),
  fields: z
    .object({ status: z.object({ id: z.string() }).partial().optional() })
    .partial()
    .optional(),
  /** Only when the search expanded them (`findCandidates` with `transitions`). */
  transitions: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        to: z.object({ id: z.string(), name: z.string().optional() }),
      }),
    )
    .default([]),
});
export type Candidate = z.infer<typeof Candidate>;
const SearchPage = z.object({
  issues: z.array(Candidate).default([]),
  nextPageToken: z.string().nullish(),
});
const Property = z.object({ value: z.unknown() });

/**
 * Related issues per search: Jira reconciles at most 50 issue ids per request (`reconcileIssues`), and 50 is also
 * the default page size. Larger sets take one search per 50; a page Jira cuts short is followed by its token.
 */
export const SEARCH_BATCH = 50;

/** Jira's answer when JQL names an issue that is gone or hidden: "An issue with key 'X' does not exist ...". */
const DOES_NOT_EXIST = /does not exist/i;

/** A related issue the search did not return: deleted since the origin issue was read, or hidden from the actor. */
function notFoundTargets(keys: string[], actor: Actor): AccessFailure {
  const list = keys.join(', ');
  const projectKey = projectOfIssue(keys[0] ?? '');
  return new AccessFailure(
    'NOT_FOUND',
    `Jira did not find ${list}, or it is hidden from ${describeActor(actor)}: no related issue was moved in this run.`,
    `The search for the issues to move did not return ${list}: deleted, or hidden from ${describeActor(actor)} (Jira hides issues without Browse projects permission, or under issue security). No related issue was moved in this run. Fix: check ${list} and the Browse projects permission in project ${projectKey}.`,
    { actor, permission: 'BROWSE_PROJECTS', projectKey },
  );
}

/**
 * Each related issue with its current status and (unless `transitions` is false: the status alone, when ids were
 * resolved at save) the transitions the actor may make from there: one enhanced search (POST
 * /rest/api/3/search/jql, `expand=transitions`) per 50 issues, as the actor, in the order of `targets`. The search
 * is eventually consistent, so it reconciles the issues by id: a retry sees the moves an earlier delivery made. A
 * target it does not return fails the execution (NOT_FOUND) before anything is moved.
 */
export async function findCandidates(
  jira: JiraClient,
  targets: string[],
  ids: ReadonlyMap<string, string>,
  projectKey: string,
  { transitions = true }: { transitions?: boolean } = {},
): Promise<Candidate[]> {
  const found = new Map<string, Candidate>();
  for (let start = 0; start < targets.length; start += SEARCH_BATCH) {
    const batch = targets.slice(start, start + SEARCH_BATCH);
    const reconcileIssues = batch.flatMap((key) => {
      const id = Number(ids.get(key));
      return Number.isSafeInteger(id) ? [id] : [];
    });
    let nextPageToken: string | undefined;
    do {
      let answer: unknown;
      try {
        answer = await jira.requestJira(route`/rest/api/3/search/jql`, {
          method: 'POST',
          body: {
            jql: `key in (${batch.map(jqlString).join(', ')})`,
            fields: ['status'],
            ...(transitions ? { expand: 'transitions' } : {}),
            maxResults: SEARCH_BATCH,
            ...(reconcileIssues.length > 0 ? { reconcileIssues } : {}),
            ...(nextPageToken === undefined ? {} : { nextPageToken }),
          },
          readOnly: true,
          permission: 'BROWSE_PROJECTS',
          projectKey,
        });
      } catch (error) {
        if (
          error instanceof AccessFailure &&
          error.code === 'INVALID_INPUT' &&
          DOES_NOT_EXIST.test(error.message)
        ) {
          const named = batch.filter((key) => error.message.includes(`'${key}'`));
          throw notFoundTargets(named.length > 0 ? named : batch, jira.actor);
        }
        throw error;
      }
      const page = SearchPage.parse(answer);
      for (const issue of page.issues) found.set(issue.key, issue);
      // A page without issues ends the batch even if it carries a token: it could not make progress.
      nextPageToken = page.issues.length > 0 ? (page.nextPageToken ?? undefined) : undefined;
    } while (nextPageToken !== undefined);
  }
  const missing = targets.filter((target) => !found.has(target));
  if (missing.length > 0) throw notFoundTargets(missing, jira.actor);
  return targets.flatMap((target) => found.get(target) ?? []);
}

/** One execution's move of related issues: whose transition it follows, and who moves. */
export interface Move {
  /** The transition that set the moves off (the mark names it) and the issue it moved. */
  executionId: string;
  originIssueKey: string;
  configuration: Pick<TransitionRelatedConfig, 'transitionName' | 'whenUnavailable'>;
  jira: JiraClient;
  actor: Actor;
  session: AccessSession;
}

/** The move a related issue may make from its status: a transition (id and destination), or none by that name. */
export type MoveOption =
  | { kind: 'transition'; id: string; toId: string; toName?: string; resolvedAtSave: boolean }
  | { kind: 'none' };

/** A related issue about to move: its key, its current status (when known) and its option from there. */
export interface MoveTarget {
  key: string;
  statusId?: string;
  option: MoveOption;
}

/**
 * The option the configuration resolved for the status when the rule was saved (resolve.ts), or undefined when
 * Jira must be asked by name (no status known, or the status was not resolved).
 */
export function resolvedOption(
  configuration: Pick<TransitionRelatedConfig, 'transitionsByStatus'>,
  statusId: string | undefined,
): MoveOption | undefined {
  const map = configuration.transitionsByStatus;
  if (statusId === undefined || map === undefined || !Object.hasOwn(map, statusId)) return undefined;
  const entry = map[statusId];
  return entry
    ? { kind: 'transition', id: entry.id, toId: entry.to, resolvedAtSave: true }
    : { kind: 'none' };
}

/** The option among the transitions the search listed for the actor, by name (letter case aside). */
export function listedOption(candidate: Candidate, transitionName: string): MoveTarget {
  const wanted = transitionName.trim().toLowerCase();
  const transition = candidate.transitions.find((option) => option.name.trim().toLowerCase() === wanted);
  return {
    key: candidate.key,
    statusId: candidate.fields?.status?.id,
    option: transition
      ? {
          kind: 'transition',
          id: transition.id,
          toId: transition.to.id,
          toName: transition.to.name,
          resolvedAtSave: false,
        }
      : { kind: 'none' },
  };
}

/** The cascade mark on an issue, read as the app: only on recovery paths, to recognise this execution's moves. */
async function markOf(session: AccessSession, issueKey: string): Promise<unknown> {
  try {
    const property = await session
      .jira(APP)
      .requestJira(route`/rest/api/3/issue/${issueKey}/properties/${CASCADE_PROPERTY}`);
    return Property.parse(property).value;
  } catch (error) {
    if (error instanceof AccessFailure && error.code === 'NOT_FOUND') return undefined;
    throw error;
  }
}

/** Whether this execution (an earlier delivery of it) already moved `target`: its mark is on the issue. */
async function movedBy(executionId: string, session: AccessSession, target: string): Promise<boolean> {
  const mark = (await markOf(session, target)) as Partial<CascadeMark> | undefined;
  return mark?.executionId === executionId;
}

/**
 * Whether the actor may transition issues in the project: the app is assumed to (the admin page lists what the bot
 * lacks); a user is asked once per project (the session caches the answer), and only after Jira refused them or
 * listed them no transition, never before a move that succeeds. 404: they cannot even see the project.
 */
async function mayTransition(session: AccessSession, actor: Actor, projectKey: string): Promise<boolean> {
  if (actor.kind === 'app') return true;
  try {
    const held = await session.permissions(actor).holds(['TRANSITION_ISSUES'], { projectKey });
    return held.TRANSITION_ISSUES === true;
  } catch (error) {
    if (error instanceof AccessFailure && error.code === 'NOT_FOUND') return false;
    throw error;
  }
}

/** Said by moveOne when the user acting may not transition issues in the target's project: the caller decides. */
export interface Refused {
  refused: string;
}

const refusedBy = (actor: Actor, projectKey: string): Refused => ({
  refused: `${describeActor(actor)} may not transition issues in project ${projectKey} ("Transition issues")`,
});

/** Jira refused a move it was asked for: the write failed before anything changed (400/403/404 as the actor). */
const refusal = (error: unknown, actor: Actor): error is AccessFailure =>
  error instanceof AccessFailure &&
  JSON.stringify(error.details.actor) === JSON.stringify(actor) &&
  (error.code === 'NOT_FOUND' ||
    error.code === 'MISSING_PERMISSION' ||
    (error.code === 'INVALID_INPUT' && error.details.status === 400));

/**
 * Moves one related issue; answers how it went ('moved', 'already moved' or why it was skipped), or Refused when
 * the user acting lacks Transition issues in its project (Jira lists them no transition, and refuses the move).
 */
export async function moveOne(
  target: MoveTarget,
  { executionId, originIssueKey, configuration, jira, actor, session }: Move,
): Promise<string | Refused> {
  const { key, option } = target;
  const projectKey = projectOfIssue(key);
  const unavailable = async (why: string): Promise<string | Refused> => {
    // Without Transition issues Jira lists no transitions and refuses every move: say that, not "no such one".
    if (!(await mayTransition(session, actor, projectKey))) return refusedBy(actor, projectKey);
    // A platform retry of this execution finds the issues it already moved in their new status.
    if (await movedBy(executionId, session, key)) return 'already moved';
    if (configuration.whenUnavailable === 'fail')
      throw invalidInput(`${why}. Check the transition name, or choose to skip such issues.`);
    return `skipped (${why})`;
  };
  if (option.kind === 'none')
    return unavailable(`${key} has no "${configuration.transitionName}" transition from its current status`);
  if (target.statusId === option.toId) {
    // Already where the transition leads, and the transition is still open there (a self-loop, or a global
    // transition): moving it would run the transition again. A retry finds its own earlier move this way when
    // that move's answer was lost.
    if (await movedBy(executionId, session, key)) return 'already moved';
    return `skipped (${key} is already in "${option.toName ?? option.toId}")`;
  }
  const mark: CascadeMark = { executionId, originIssueKey, toStatusId: option.toId, at: Date.now() };
  try {
    // The mark travels with the move (IssueUpdateDetails.properties): Jira sets it in the same request, so there is
    // never a mark without the move, nor a move the moved issue's own post-function would not recognise.
    await jira.requestJira(route`/rest/api/3/issue/${key}/transitions`, {
      method: 'POST',
      body: { transition: { id: option.id }, properties: [{ key: CASCADE_PROPERTY, value: mark }] },
      permission: 'TRANSITION_ISSUES',
      projectKey,
    });
  } catch (error) {
    // Jira checks before it changes anything: a refused move moved nothing, so another identity may make it.
    if (!refusal(error, actor)) throw error;
    if (!(await mayTransition(session, actor, projectKey))) return refusedBy(actor, projectKey);
    // The id resolved when the rule was saved is not open to this issue now (a condition, or the workflow changed
    // since): as unavailable, with Jira's words.
    if (option.resolvedAtSave && error.code === 'INVALID_INPUT')
      return unavailable(
        `Jira refused "${configuration.transitionName}" (transition ${option.id}) for ${key}: ${error.userMessage}`,
      );
    throw error;
  }
  return 'moved';
}
