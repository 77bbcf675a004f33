import { z } from 'zod';
import type { JiraClient } from '../../access/jira-client';
import { route } from '../../access/route';

/** The comment property that ties a comment to the transition execution and post-function that added it. */
export const EXECUTION_PROPERTY = 'workflow-guard';
export interface ExecutionMark {
  executionId: string;
  postFunctionId?: string;
}

const Comments = z.object({
  comments: z.array(
    z.object({
      id: z.string(),
      properties: z.array(z.object({ key: z.string(), value: z.unknown() })).optional(),
    }),
  ),
});

/**
 * The comment an earlier delivery of the same execution already added, if any: a retry after a lost answer or a
 * timeout must not comment twice. Only the newest comments are read: a retry comes minutes after the transition.
 */
export async function findEarlierComment(
  jira: JiraClient,
  issueKey: string,
  mark: ExecutionMark,
): Promise<string | undefined> {
  const page = Comments.parse(
    await jira.requestJira(
      route`/rest/api/3/issue/${issueKey}/comment?orderBy=-created&maxResults=50&expand=properties`,
      {
        permission: 'BROWSE_PROJECTS',
      },
    ),
  );
  return page.comments.find((comment) =>
    comment.properties?.some((property) => {
      const value = property.value as Partial<ExecutionMark> | undefined;
      return (
        property.key === EXECUTION_PROPERTY &&
        value?.executionId === mark.executionId &&
        value.postFunctionId === mark.postFunctionId
      );
    }),
  )?.id;
}
