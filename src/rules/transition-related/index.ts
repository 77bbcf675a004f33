import { z } from 'zod';
import { impersonate, type Actor } from '../../access/actor';
import { AccessFailure, missingPermission } from '../../access/failures';
import { route } from '../../access/route';
import { postFunctionHandler } from '../../execution/post-function-runner';
import { projectOfIssue } from '../../execution/validator-runner';
import { CASCADE_PROPERTY, madeByCascade } from './cascade-guard';
import { decideForProject, dispositions, type Disposition, type ReachPolicy } from '../other-projects';
import { TransitionRelatedConfig } from './configuration';
import { INLINE_LIMIT, moveInBackground } from './background';
import { findCandidates, listedOption, moveOne, resolvedOption, type MoveTarget } from './moves';
import { describeTarget, RelatedFields, relatedIds, relatedIssues, relatedStatuses } from './related';

const OriginIssue = z.object({
  fields: RelatedFields.extend({ status: z.object({ id: z.string() }).partial().optional() }).optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
});
/** What moving an issue of another project needs there. */
const MOVES: ReachPolicy = {
  rule: 'transition-related',
  title: 'Transition related issues',
  permission: 'TRANSITION_ISSUES',
  action: 'transition issues',
};

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
      policy: MOVES,
      session: context.session,
      originProjectKey,
      originActor: context.actor,
      targets,
      configured: configuration,
      forUser: context.forUser,
    });
    for (const projectKey of plan.byProject.keys())
      if (projectKey !== originProjectKey) context.reachedProject(projectKey);
    const dispositionOf = (target: string): Disposition =>
      plan.byProject.get(projectOfIssue(target)) ?? { kind: 'refuse', reason: 'no decision was made' };
    // The identities that act, each with its issues (background batches are per identity).
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
    // What the projects settled without a move: skipped (rule off there) or refused (with the reason).
    const settled = new Map<string, string>();
    const refused: string[] = [];
    for (const target of targets) {
      const disposition = dispositionOf(target);
      if (disposition.kind === 'act') continue;
      settled.set(
        target,
        `${target} ${disposition.kind === 'refuse' ? 'refused' : 'skipped'} (${disposition.reason})`,
      );
      if (disposition.kind === 'refuse') refused.push(`${target} (${disposition.reason})`);
    }
    const acting = targets.length - settled.size;
    if (acting > INLINE_LIMIT) {
      // Too many for one invocation: batches go to the consumer, which writes the result in its own entries.
      const queued = await moveInBackground({
        executionId: event.transition.executionId,
        postFunctionId: event.postFunction?.id ?? 'transition-related',
        originIssueKey: key,
        configuration,
        groups: [...byActor.values()].map((group) => ({
          actor: group.actor,
          targets: group.targets.map((target) => ({ key: target, id: ids.get(target) })),
        })),
        otherProjectKeys: [...plan.byProject.keys()].filter((project) => project !== originProjectKey),
        triggeredBy: event.atlassianId,
      });
      context.progress(`${queued.total} related issues handed to background moves`);
      if (refused.length > 0) throw refusedByProjects(refused, [...settled.values()], plan.notes);
      return [
        `Through "${configuration.transitionName}": ${queued.total} related issues are being moved in the background, in ${queued.batches} batches; their result follows in its own entry`,
        ...settled.values(),
        ...plan.notes,
      ].join('; ');
    }
    // Each related issue's option from its status: resolved when the rule was saved, else (a configuration saved
    // by name, or a status the workflows disagree on) from one search per acting identity for all such issues.
    const statuses = relatedStatuses(origin.fields ?? {}, configuration);
    const listed = new Map<string, Map<string, MoveTarget>>();
    const jiraOf = (actor: Actor) => (actor === context.actor ? jira : context.session.jira(actor));
    const unresolved = (actor: Actor) =>
      targets.filter((target) => {
        const disposition = dispositionOf(target);
        return (
          disposition.kind === 'act' &&
          JSON.stringify(disposition.actor) === JSON.stringify(actor) &&
          resolvedOption(configuration, statuses.get(target)) === undefined
        );
      });
    const moveTarget = async (actor: Actor, target: string): Promise<MoveTarget> => {
      const option = resolvedOption(configuration, statuses.get(target));
      if (option) return { key: target, statusId: statuses.get(target), option };
      const who = JSON.stringify(actor);
      let found = listed.get(who);
      if (!found?.has(target)) {
        const keys = [...new Set([target, ...unresolved(actor)])].filter((key) => !found?.has(key));
        found ??= new Map();
        for (const candidate of await findCandidates(jiraOf(actor), keys, ids, originProjectKey))
          found.set(candidate.key, listedOption(candidate, configuration.transitionName));
        listed.set(who, found);
      }
      const hit = found.get(target);
      if (!hit) throw new Error(`findCandidates returned no ${target}`);
      return hit;
    };
    const move = async (actor: Actor, target: string) =>
      moveOne(await moveTarget(actor, target), {
        ...context,
        executionId: event.transition.executionId,
        originIssueKey: key,
        actor,
        jira: jiraOf(actor),
      });
    /**
     * Jira refused the user in a project: that project's issues are moved as its settings allow for a user who may
     * not (decideForProject), decided once per project; the origin project's settings are the runner's.
     */
    const afterRefusal = (projectKey: string): Disposition => {
      const disposition = decideForProject({
        policy: MOVES,
        projectKey,
        settings:
          projectKey === originProjectKey
            ? context.projectSettings
            : (plan.settingsOf.get(projectKey) ?? context.projectSettings),
        configured: configuration,
        user: context.forUser ? impersonate(context.forUser) : undefined,
        userHolds: false,
      });
      plan.byProject.set(projectKey, disposition);
      if (disposition.kind === 'act')
        context.fellBack(
          `acted ${disposition.note ?? `as the app in project ${projectKey}`}`,
          projectKey === originProjectKey ? disposition.actor : undefined,
        );
      return disposition;
    };
    const results: string[] = [];
    let moved = false;
    for (const target of targets) {
      let disposition = dispositionOf(target);
      if (disposition.kind !== 'act') {
        results.push(settled.get(target) ?? `${target} skipped`);
        continue;
      }
      let outcome = await move(disposition.actor, target);
      if (typeof outcome !== 'string' && disposition.actor.kind !== 'app') {
        disposition = afterRefusal(projectOfIssue(target));
        outcome =
          disposition.kind === 'act'
            ? await move(disposition.actor, target)
            : { refused: disposition.reason };
      }
      if (typeof outcome !== 'string') {
        // In the origin project, as the runner's own fallback policy says: the rule fails naming the permission.
        if (projectOfIssue(target) === originProjectKey && context.forUser)
          throw missingPermission({
            actor: impersonate(context.forUser),
            permission: 'TRANSITION_ISSUES',
            projectKey: originProjectKey,
          });
        refused.push(`${target} (${outcome.refused})`);
        results.push(`${target} refused (${outcome.refused})`);
        continue;
      }
      if (outcome === 'moved') context.progress(`${target} moved`);
      moved ||= outcome !== 'skipped' && !outcome.startsWith('skipped');
      const note = disposition.kind === 'act' ? disposition.note : undefined;
      results.push(`${target} ${outcome}${note ? ` ${note}` : ''}`);
    }
    if (refused.length > 0) throw refusedByProjects(refused, results, plan.notes);
    const summary = [`Through "${configuration.transitionName}": ${results.join(', ')}`, ...plan.notes].join(
      '; ',
    );
    return moved ? summary : { skipped: summary };
  },
});
