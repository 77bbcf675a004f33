import { z } from 'zod';
import type { Actor } from '../../access/actor';
import type { JiraClient } from '../../access/jira-client';
import { route } from '../../access/route';

/** The comment property that ties a comment to the transition execution and post-function that added it. */
export const EXECUTION_PROPERTY = 'workflow-guard';
export interface ExecutionMark {
  executionId: string;
  postFunctionId?: string;
}

/** Only the newest comments are read: a retry comes minutes after the transition. */
const NEWEST_COMMENTS = 50;

const Author = z.object({ accountId: z.string().optional(), accountType: z.string().optional() });
const CommentIds = z.object({
  comments: z.array(z.object({ id: z.string(), author: Author.optional() })),
});

/**
 * Whether the client's actor may have written a comment by `author` (UserDetails: accountType is 'app' for an
 * application user). Anything Jira leaves out counts as a maybe: a comment wrongly skipped would be added twice.
 */
function mayBeBy(actor: Actor, author: z.infer<typeof Author> | undefined): boolean {
  if (actor.kind === 'app') return author?.accountType === undefined || author.accountType === 'app';
  if (actor.kind === 'impersonated')
    return author?.accountId === undefined || author.accountId === actor.accountId;
  return true;
}

const CommentsWithProperties = z.object({
  values: z.array(
    z.object({
      id: z.string(),
      properties: z.array(z.object({ key: z.string(), value: z.unknown() })).optional(),
    }),
  ),
});

/**
 * The comment an earlier delivery of the same execution already added, if any: a retry after a lost answer or a
 * timeout must not comment twice. At most two reads, on the retry path only: the issue's newest comments (Get
 * comments documents `expand=renderedBody` only, so it cannot return properties), then those the actor may have
 * written with their properties, from Get comments by IDs, whose `expand` documents `properties`.
 */
export async function findEarlierComment(
  jira: JiraClient,
  issueKey: string,
  mark: ExecutionMark,
): Promise<string | undefined> {
  const newest = CommentIds.parse(
    await jira.requestJira(
      route`/rest/api/3/issue/${issueKey}/comment?orderBy=-created&maxResults=${NEWEST_COMMENTS}`,
      { permission: 'BROWSE_PROJECTS' },
    ),
  );
  // IssueCommentListRequestBean.ids are int64; Jira's comment ids are their decimal strings.
  const ids = newest.comments
    .filter((c) => mayBeBy(jira.actor, c.author) && /^\d+$/.test(c.id))
    .map((c) => Number(c.id))
    .filter(Number.isSafeInteger);
  if (ids.length === 0) return undefined;
  const page = CommentsWithProperties.parse(
    await jira.requestJira(route`/rest/api/3/comment/list?expand=properties`, {
      method: 'POST',
      body: { ids },
      readOnly: true,
      permission: 'BROWSE_PROJECTS',
    }),
  );
  return page.values.find((comment) =>
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
