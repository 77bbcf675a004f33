import { route } from '../../access/route';
import { postFunctionHandler } from '../../execution/post-function-runner';
import { CommentConfig } from './configuration';
import { EXECUTION_PROPERTY, findEarlierComment, type ExecutionMark } from './earlier-comment';
import { onBehalfFooter, renderComment } from './template';

/** Comment post-function: adds a comment from a template, as the app or as the transitioning user. */
export const commentPostFunction = postFunctionHandler({
  name: 'comment',
  title: 'Comment',
  feature: 'rules/comment',
  configuration: CommentConfig,
  requiredPermissions: () => ['ADD_COMMENTS'],
  async apply({ event, configuration, jira, fallback, resumed }) {
    const mark: ExecutionMark = {
      executionId: event.transition.executionId,
      postFunctionId: event.postFunction?.id,
    };
    if (resumed) {
      const earlier = await findEarlierComment(jira, event.issue.key, mark);
      if (earlier) return `Comment ${earlier} had already been added by an earlier delivery`;
    }
    const body = renderComment(
      configuration.template,
      {
        issueKey: event.issue.key,
        transitionName: event.transition.name,
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
          // Marks the comment with its execution, so a retry finds the comment an earlier delivery added.
          properties: [{ key: EXECUTION_PROPERTY, value: mark }],
        },
        permission: 'ADD_COMMENTS',
      },
    );
    return `Comment ${created?.id ?? ''} added`.replace('  ', ' ');
  },
});
