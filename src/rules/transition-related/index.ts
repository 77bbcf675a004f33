import { z } from 'zod';
import { APP, type Actor } from '../../access/actor';
import { AccessFailure, invalidInput, missingPermission } from '../../access/failures';
import type { JiraClient } from '../../access/jira-client';
import { route } from '../../access/route';
import type { AccessSession } from '../../access/session';
import { postFunctionHandler, type PostFunctionEvent } from '../../execution/post-function-runner';
import { projectOfIssue } from '../../execution/validator-runner';
import { CASCADE_PROPERTY, madeByCascade, type CascadeMark } from './cascade-guard';
import { TransitionRelatedConfig } from './configuration';
import { describeTarget, RelatedFields, relatedIssues } from './related';

const OriginIssue = z.object({
  fields: RelatedFields.optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
});
const Transitions = z.object({
  transitions: z.array(z.object({ id: z.string(), name: z.string(), to: z.object({ id: z.string() }) })),
});
const Property = z.object({ value: z.unknown() });

interface Move {
  event: PostFunctionEvent;
  configuration: TransitionRelatedConfig;
  jira: JiraClient;
  actor: Actor;
  session: AccessSession;
}

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

/** Moves one related issue; answers how it went ('moved', 'already moved' or why it was skipped). */
async function moveOne(
  target: string,
  { event, configuration, jira, actor, session }: Move,
): Promise<string> {
  const projectKey = projectOfIssue(target);
  if (actor.kind !== 'app') {
    const held = await session.permissions(actor).holds(['TRANSITION_ISSUES'], { issueKey: target });
    if (!held.TRANSITION_ISSUES)
      throw missingPermission({ actor, permission: 'TRANSITION_ISSUES', projectKey });
  }
  const { transitions } = Transitions.parse(
    await jira.requestJira(route`/rest/api/3/issue/${target}/transitions`, {
      permission: 'TRANSITION_ISSUES',
      projectKey,
    }),
  );
  const wanted = configuration.transitionName.toLowerCase();
  const transition = transitions.find((candidate) => candidate.name.trim().toLowerCase() === wanted);
  if (!transition) {
    // A platform retry of this execution finds the issues it already moved in their new status.
    const mark = (await markOf(session, target)) as Partial<CascadeMark> | undefined;
    if (mark?.executionId === event.transition.executionId) return 'already moved';
    const why = `${target} has no "${configuration.transitionName}" transition from its current status`;
    if (configuration.whenUnavailable === 'fail')
      throw invalidInput(`${why}. Check the transition name, or choose to skip such issues.`);
    return `skipped (${why})`;
  }
  const mark: CascadeMark = {
    executionId: event.transition.executionId,
    originIssueKey: event.issue.key,
    toStatusId: transition.to.id,
    at: Date.now(),
  };
  // The mark is the app's own bookkeeping, so the app writes it, before the move that could cascade.
  await session.jira(APP).requestJira(route`/rest/api/3/issue/${target}/properties/${CASCADE_PROPERTY}`, {
    method: 'PUT',
    body: mark,
    permission: 'EDIT_ISSUES',
    projectKey,
  });
  await jira.requestJira(route`/rest/api/3/issue/${target}/transitions`, {
    method: 'POST',
    body: { transition: { id: transition.id } },
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
        route`/rest/api/3/issue/${key}?fields=parent,subtasks,issuelinks&properties=${CASCADE_PROPERTY}`,
        { permission: 'BROWSE_PROJECTS', projectKey: projectOfIssue(key) },
      ),
    );
    const cascade = madeByCascade(
      origin.properties?.[CASCADE_PROPERTY],
      { toStatusId: event.transition.to?.id },
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
    const results: string[] = [];
    let moved = false;
    for (const target of targets) {
      const outcome = await moveOne(target, context);
      moved ||= outcome !== 'skipped' && !outcome.startsWith('skipped');
      results.push(`${target} ${outcome}`);
    }
    const summary = `Through "${configuration.transitionName}": ${results.join(', ')}`;
    return moved ? summary : { skipped: summary };
  },
});
