import type { PostFunctionEvent } from '../../execution/post-function-runner';

/** What the issue looks like to the actor when the message is built (GET issue, a few fields). */
export interface IssueView {
  key: string;
  id?: string;
  summary?: string;
  status?: string;
  issueType?: string;
  projectKey?: string;
}

/**
 * The JSON a service receives. Only facts about the issue and the transition: no configuration, no secret.
 * `deliveryId` is also the Idempotency-Key header, the same on every retry of one post-function execution.
 */
export function notificationBody(event: PostFunctionEvent, issue: IssueView, deliveryId: string) {
  const transition = event.transition;
  return {
    type: 'workflow-guard.issue-transitioned',
    deliveryId,
    issue,
    transition: {
      id: transition.id,
      name: transition.name,
      fromStatusId: transition.from?.id,
      toStatusId: transition.to?.id,
      executionId: transition.executionId,
    },
    workflow: event.workflow?.name,
    user: event.atlassianId ? { accountId: event.atlassianId } : undefined,
  };
}
