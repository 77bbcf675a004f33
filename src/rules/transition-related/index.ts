import { z } from 'zod';
import { APP, describeActor, type Actor } from '../../access/actor';
import { AccessFailure, invalidInput, missingPermission } from '../../access/failures';
import type { JiraClient } from '../../access/jira-client';
import { route } from '../../access/route';
import type { AccessSession } from '../../access/session';
import { postFunctionHandler, type PostFunctionEvent } from '../../execution/post-function-runner';
import { projectOfIssue } from '../../execution/validator-runner';
import { jqlString } from '../related-issues/query';
import { CASCADE_PROPERTY, madeByCascade, type CascadeMark } from './cascade-guard';
import { dispositions, type Disposition } from './other-projects';
import { TransitionRelatedConfig } from './configuration';
import { describeTarget, RelatedFields, relatedIds, relatedIssues } from './related';

const OriginIssue = z.object({
  fields: RelatedFields.extend({ status: z.object({ id: z.string() }).partial().optional() }).optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
});
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
type Candidate = z.infer<typeof Candidate>;
const SearchPage = z.object({
  issues: z.array(Candidate).default([]),
  nextPageToken: z.string().nullish(),
});
const Property = z.object({ value: z.unknown() });

/**
 * Related issues per search: Jira reconciles at most 50 issue ids per request (`reconcileIssues`), and 50 is also
 * the default page size. Larger sets take one search per 50; a page Jira cuts short is followed by its token.
 */
const SEARCH_BATCH = 50;

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
async function findCandidates(
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

/**
 * Related issues another project refused: the execution fails after moving the rest, so that the admins of both
 * projects see it. People read only that other projects refused (the comment on the issue may be read by people who
 * cannot see those issues); the audit entry names each issue and why.
 */
function refusedByProjects(refused: string[], results: string[], notes: string[]): AccessFailure {
  return new AccessFailure(
    'MISSING_PERMISSION',
    'Some related issues in other projects were not moved: the settings of those projects, or your permissions there, do not allow it. Ask their project admins.',
    [
      `Not moved, refused by their projects: ${refused.join(', ')}. Fix: grant "Transition issues" to the user in those projects, or let their project admins allow the app to act for people who lack a permission (Project settings › Workflow Guard).`,
      `All related issues: ${results.join(', ')}`,
      ...notes,
    ].join(' '),
  );
}

interface Move {
  event: PostFunctionEvent;
  configuration: TransitionRelatedConfig;
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
async function movedBy(event: PostFunctionEvent, session: AccessSession, target: string): Promise<boolean> {
  const mark = (await markOf(session, target)) as Partial<CascadeMark> | undefined;
  return mark?.executionId === event.transition.executionId;
}

/** Moves one related issue; answers how it went ('moved', 'already moved' or why it was skipped). */
async function moveOne(
  candidate: Candidate,
  { event, configuration, jira, actor, session }: Move,
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
    if (await movedBy(event, session, target)) return 'already moved';
    const why = `${target} has no "${configuration.transitionName}" transition from its current status`;
    if (configuration.whenUnavailable === 'fail')
      throw invalidInput(`${why}. Check the transition name, or choose to skip such issues.`);
    return `skipped (${why})`;
  }
  if (candidate.fields?.status?.id === transition.to.id) {
    // Already where the transition leads, and the transition is still open there (a self-loop, or a global
    // transition): moving it would run the transition again. A retry finds its own earlier move this way when
    // that move's answer was lost.
    if (await movedBy(event, session, target)) return 'already moved';
    return `skipped (${target} is already in "${transition.to.name ?? transition.to.id}")`;
  }
  const mark: CascadeMark = {
    executionId: event.transition.executionId,
    originIssueKey: event.issue.key,
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

/** Transition related issues: the parent, sub-tasks or linked issues through a named transition, one step deep. */
export const transitionRelatedPostFunction = postFunctionHandler({
  name: 'transition-related',
  title: 'Transition related issues',
  feature: 'rules/transition-related',
  configuration: TransitionRelatedConfig,
  requiredPermissions: () => ['TRANSITION_ISSUES'],
  async apply(context) {
    const { event, configuration, jira } = context;
    const key = event.issue.key;
    const origin = OriginIssue.parse(
      await jira.requestJira(
        route`/rest/api/3/issue/${key}?fields=parent,subtasks,issuelinks,status&properties=${CASCADE_PROPERTY}`,
        { permission: 'BROWSE_PROJECTS', projectKey: projectOfIssue(key) },
      ),
    );
    const cascade = madeByCascade(
      origin.properties?.[CASCADE_PROPERTY],
      { currentStatusId: origin.fields?.status?.id, eventToStatusId: event.transition.to?.id },
      Date.now(),
    );
    if (cascade) {
      return {
        skipped: `${key} was moved by Workflow Guard from ${cascade.originIssueKey}; related issues are moved one step only, so nothing more was moved`,
      };
    }
    const targets = relatedIssues(key, origin.fields ?? {}, configuration);
    if (targets.length === 0)
      return { skipped: `${key} has no ${describeTarget(configuration)}: nothing to move` };
    const originProjectKey = projectOfIssue(key);
    const plan = await dispositions({
      session: context.session,
      originProjectKey,
      originActor: context.actor,
      targets,
      configured: configuration,
      atlassianId: event.atlassianId,
    });
    for (const projectKey of plan.byProject.keys())
      if (projectKey !== originProjectKey) context.reachedProject(projectKey);
    const dispositionOf = (target: string): Disposition =>
      plan.byProject.get(projectOfIssue(target)) ?? { kind: 'refuse', reason: 'no decision was made' };
    // One search per identity that acts: the transitions Jira lists are those that identity may make.
    const ids = relatedIds(origin.fields ?? {}, configuration);
    const byActor = new Map<string, { actor: Actor; targets: string[] }>();
    for (const target of targets) {
      const disposition = dispositionOf(target);
      if (disposition.kind !== 'act') continue;
      const who = JSON.stringify(disposition.actor);
      const group = byActor.get(who) ?? { actor: disposition.actor, targets: [] };
      group.targets.push(target);
      byActor.set(who, group);
    }
    const candidates = new Map<string, Candidate>();
    for (const group of byActor.values()) {
      const jiraOf = group.actor === context.actor ? jira : context.session.jira(group.actor);
      for (const candidate of await findCandidates(jiraOf, group.targets, ids, originProjectKey))
        candidates.set(candidate.key, candidate);
    }
    const results: string[] = [];
    const refused: string[] = [];
    let moved = false;
    for (const target of targets) {
      const disposition = dispositionOf(target);
      const candidate = candidates.get(target);
      if (disposition.kind !== 'act' || !candidate) {
        const reason = disposition.kind === 'act' ? 'not found' : disposition.reason;
        if (disposition.kind === 'refuse') refused.push(`${target} (${reason})`);
        results.push(`${target} ${disposition.kind === 'refuse' ? 'refused' : 'skipped'} (${reason})`);
        continue;
      }
      const actor = disposition.actor;
      const outcome = await moveOne(candidate, {
        ...context,
        actor,
        jira: actor === context.actor ? jira : context.session.jira(actor),
      });
      if (outcome === 'moved') context.progress(`${target} moved`);
      moved ||= outcome !== 'skipped' && !outcome.startsWith('skipped');
      results.push(`${target} ${outcome}${disposition.note ? ` ${disposition.note}` : ''}`);
    }
    if (refused.length > 0) throw refusedByProjects(refused, results, plan.notes);
    const summary = [`Through "${configuration.transitionName}": ${results.join(', ')}`, ...plan.notes].join(
      '; ',
    );
    return moved ? summary : { skipped: summary };
  },
});
