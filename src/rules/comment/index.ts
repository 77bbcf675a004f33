import { z } from 'zod';
import { APP } from '../../access/actor';
import type { JiraClient } from '../../access/jira-client';
import { displayNames } from '../../access/people';
import { route } from '../../access/route';
import { postFunctionHandler, type PostFunctionEvent } from '../../execution/post-function-runner';
import { fieldText, requireResolved } from '../field-templates/values';
import { CommentConfig } from './configuration';
import { EXECUTION_PROPERTY, findEarlierComment, type ExecutionMark } from './earlier-comment';
import { onBehalfFooter, renderComment, usesPlaceholder } from './template';

const Statuses = z.array(z.object({ id: z.string(), name: z.string() }).passthrough());

/**
 * Names of the transition's statuses for {{transition.from}} / {{transition.to}}: the event's own names when it gives
 * them (flat-names shape), else one `GET /rest/api/3/statuses` for both ids, as the app (manage:jira-configuration,
 * held). A status Jira does not name keeps its id, so the comment still says something true.
 */
async function statusNames(
  jira: JiraClient,
  transition: PostFunctionEvent['transition'],
): Promise<{ from?: string; to?: string }> {
  const { from, to } = transition;
  const missing = [from, to].flatMap((s) => (s && !s.name && s.id ? [s.id] : []));
  const named = new Map<string, string>();
  if (missing.length) {
    const [first = '', second = first] = missing;
    const found = Statuses.safeParse(
      await jira.requestJira(route`/rest/api/3/statuses?id=${first}&id=${second}`).catch(() => undefined),
    );
    if (found.success) for (const status of found.data) named.set(status.id, status.name);
  }
  const nameOf = (s: { id?: string; name?: string } | undefined) =>
    s?.name ?? (s?.id ? (named.get(s.id) ?? s.id) : undefined);
  return { from: nameOf(from), to: nameOf(to) };
}

/** Comment post-function: adds a comment from a template, as the app, the transitioning user or the user in a field. */
export const commentPostFunction = postFunctionHandler({
  name: 'comment',
  title: 'Comment',
  feature: 'rules/comment',
  configuration: CommentConfig,
  requiredPermissions: () => ['ADD_COMMENTS'],
  templateFields: (configuration) => configuration.templateFields ?? [],
  wantsActorName: (configuration) => usesPlaceholder(configuration.template, 'user'),
  async apply({
    event,
    configuration,
    jira,
    fallback,
    forUser,
    resumed,
    session,
    fieldValues,
    actor,
    actorName,
  }) {
    const fields = configuration.templateFields ?? [];
    requireResolved([{ what: 'The comment text', text: configuration.template }], fields);
    const mark: ExecutionMark = {
      executionId: event.transition.executionId,
      postFunctionId: event.postFunction?.id,
    };
    if (resumed) {
      const earlier = await findEarlierComment(jira, event.issue.key, mark);
      if (earlier) return `Comment ${earlier} had already been added by an earlier delivery`;
    }
    const template = configuration.template;
    // The footer names the user the app acted for (the transitioning user, or the user in the chosen field).
    const footer = fallback ? forUser : undefined;
    // Acting as the transitioning user, the evaluation made before the effect may already have said their name.
    const named =
      actor.kind === 'impersonated' && actor.accountId === event.atlassianId ? actorName : undefined;
    const mentioned =
      named === undefined && usesPlaceholder(template, 'user') ? event.atlassianId : undefined;
    // Lookups only for what the comment shows, each once per execution, as the app (its scopes suffice).
    const people = [footer, mentioned].filter((id): id is string => id !== undefined);
    const names =
      people.length > 0 ? await displayNames(session.jira(APP), people) : new Map<string, string>();
    const userName = named ?? (event.atlassianId ? names.get(event.atlassianId) : undefined);
    const statuses =
      usesPlaceholder(template, 'transition.from') || usesPlaceholder(template, 'transition.to')
        ? await statusNames(session.jira(APP), event.transition)
        : {};
    const body = renderComment(
      template,
      {
        issueKey: event.issue.key,
        transitionName: event.transition.name,
        fromStatus: statuses.from,
        toStatus: statuses.to,
        userAccountId: event.atlassianId,
        userName,
        field: (name) => fieldText(name, fields, fieldValues),
      },
      footer ? onBehalfFooter(footer, names.get(footer)) : undefined,
    );
    const created = await jira.requestJira<{ id?: string } | undefined>(
      route`/rest/api/3/issue/${event.issue.key}/comment`,
      {
        method: 'POST',
        body: {
          body,
          // Marks the comment with its execution, so a retry finds the comment an earlier delivery added.
          properties: [{ key: EXECUTION_PROPERTY, value: mark }],
        },
        permission: 'ADD_COMMENTS',
      },
    );
    return `Comment ${created?.id ?? ''} added`.replace('  ', ' ');
  },
});
