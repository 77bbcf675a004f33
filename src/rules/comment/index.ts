import { route } from '../../access/route';
import { postFunctionHandler } from '../../execution/post-function-runner';
import { CommentConfig } from './configuration';
import { onBehalfFooter, renderComment } from './template';

/** Comment post-function: adds a comment from a template, as the app or as the transitioning user. */
export const commentPostFunction = postFunctionHandler({
  name: 'comment',
  feature: 'rules/comment',
  configuration: CommentConfig,
  requiredPermissions: () => ['ADD_COMMENTS'],
  async apply({ event, configuration, jira, fallback }) {
    const body = renderComment(
      configuration.template,
      {
        issueKey: event.issue.key,
        transitionName: event.transition.transitionName,
        fromStatusId: event.transition.from?.id,
        toStatusId: event.transition.to?.id,
        userAccountId: event.atlassianId,
      },
      fallback && event.atlassianId ? onBehalfFooter(event.atlassianId) : undefined,
    );
    const created = await jira.requestJira<{ id?: string } | undefined>(
      route`/rest/api/3/issue/${event.issue.key}/comment`,
      {
        method: 'POST',
        body: {
          body,
          // Marks the comment with its execution, so a re-delivery can be traced to the comment it produced.
          properties: [{ key: 'workflow-guard', value: { executionId: event.transition.executionId } }],
        },
        permission: 'ADD_COMMENTS',
      },
    );
    return `Comment ${created?.id ?? ''} added`.replace('  ', ' ');
  },
});
