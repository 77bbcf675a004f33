import { z } from 'zod';
import type { Actor } from '../../access/actor';
import { AccessFailure } from '../../access/failures';
import { route } from '../../access/route';
import { postFunctionHandler } from '../../execution/post-function-runner';
import { projectOfIssue } from '../../execution/validator-runner';
import { CASCADE_PROPERTY, madeByCascade } from './cascade-guard';
import { dispositions, type Disposition } from './other-projects';
import { TransitionRelatedConfig } from './configuration';
import { INLINE_LIMIT, moveInBackground } from './background';
import { findCandidates, moveOne, type Candidate } from './moves';
import { describeTarget, RelatedFields, relatedIds, relatedIssues } from './related';

const OriginIssue = z.object({
  fields: RelatedFields.extend({ status: z.object({ id: z.string() }).partial().optional() }).optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
});
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
    const candidates = new Map<string, Candidate>();
    for (const group of byActor.values()) {
      const jiraOf = group.actor === context.actor ? jira : context.session.jira(group.actor);
      for (const candidate of await findCandidates(jiraOf, group.targets, ids, originProjectKey))
        candidates.set(candidate.key, candidate);
    }
    const results: string[] = [];
    let moved = false;
    for (const target of targets) {
      const disposition = dispositionOf(target);
      // findCandidates returned every target of an acting identity, or threw.
      const candidate = candidates.get(target);
      if (disposition.kind !== 'act' || !candidate) {
        results.push(settled.get(target) ?? `${target} skipped`);
        continue;
      }
      const actor = disposition.actor;
      const outcome = await moveOne(candidate, {
        ...context,
        executionId: event.transition.executionId,
        originIssueKey: key,
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
