import { z } from 'zod';
import { APP, describeActor, type Actor } from '../../access/actor';
import { AccessFailure, invalidInput, missingPermission } from '../../access/failures';
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
  transitions: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      to: z.object({ id: z.string(), name: z.string().optional() }),
    }),
  ),
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
 * Each related issue with its current status and the transitions the actor may make from there: one enhanced
 * search (POST /rest/api/3/search/jql, `expand=transitions`) per 50 issues, as the actor, in the order of
 * `targets`. The search is eventually consistent, so it reconciles the issues by id: a retry sees the moves an
 * earlier delivery made. A target it does not return fails the execution (NOT_FOUND) before anything is moved.
 */
export async function findCandidates(
  jira: JiraClient,
  targets: string[],
  ids: ReadonlyMap<string, string>,
  projectKey: string,
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
            expand: 'transitions',
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

/** Moves one related issue; answers how it went ('moved', 'already moved' or why it was skipped). */
export async function moveOne(
  candidate: Candidate,
  { executionId, originIssueKey, configuration, jira, actor, session }: Move,
): Promise<string> {
  const target = candidate.key;
  const projectKey = projectOfIssue(target);
  if (actor.kind !== 'app') {
    // Without Transition issues Jira lists no transitions: say that, rather than "no such transition".
    const held = await session.permissions(actor).holds(['TRANSITION_ISSUES'], { issueKey: target });
    if (!held.TRANSITION_ISSUES)
      throw missingPermission({ actor, permission: 'TRANSITION_ISSUES', projectKey });
  }
  const wanted = configuration.transitionName.toLowerCase();
  const transition = candidate.transitions.find((option) => option.name.trim().toLowerCase() === wanted);
  if (!transition) {
    // A platform retry of this execution finds the issues it already moved in their new status.
    if (await movedBy(executionId, session, target)) return 'already moved';
    const why = `${target} has no "${configuration.transitionName}" transition from its current status`;
    if (configuration.whenUnavailable === 'fail')
      throw invalidInput(`${why}. Check the transition name, or choose to skip such issues.`);
    return `skipped (${why})`;
  }
  if (candidate.fields?.status?.id === transition.to.id) {
    // Already where the transition leads, and the transition is still open there (a self-loop, or a global
    // transition): moving it would run the transition again. A retry finds its own earlier move this way when
    // that move's answer was lost.
    if (await movedBy(executionId, session, target)) return 'already moved';
    return `skipped (${target} is already in "${transition.to.name ?? transition.to.id}")`;
  }
  const mark: CascadeMark = {
    executionId,
    originIssueKey,
    toStatusId: transition.to.id,
    at: Date.now(),
  };
  // The mark travels with the move (IssueUpdateDetails.properties): Jira sets it in the same request, so there is
  // never a mark without the move, nor a move the moved issue's own post-function would not recognise.
  await jira.requestJira(route`/rest/api/3/issue/${target}/transitions`, {
    method: 'POST',
    body: { transition: { id: transition.id }, properties: [{ key: CASCADE_PROPERTY, value: mark }] },
    permission: 'TRANSITION_ISSUES',
    projectKey,
  });
  return 'moved';
}
