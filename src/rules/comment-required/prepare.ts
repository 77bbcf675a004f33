import { z } from 'zod';
import { ValidatorMessage } from '../expression-builders/message';
import { parseConfiguration, type Prepared } from '../validator-config/prepare';

const CommentRequiredConfig = z.strictObject({ message: ValidatorMessage });

/**
 * In a validator, `issue` includes what the transition screen changed and `originalIssue` is the issue before
 * those changes (https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-workflow-validator/#context-variables);
 * `comments` is the list of comments (https://developer.atlassian.com/cloud/jira/platform/jira-expressions-type-reference/#issue).
 * A comment written on the transition screen is therefore one more comment in `issue` than in `originalIssue`.
 */
export const COMMENT_ADDED = 'issue.comments.length > originalIssue.comments.length';

export function prepareCommentRequired(raw: unknown): Prepared {
  const config = parseConfiguration(CommentRequiredConfig, raw);
  const description = 'Requires a comment on the transition.';
  return {
    saved: { message: config.message || 'Add a comment to make this transition.', expression: COMMENT_ADDED },
    description,
    expression: { text: COMMENT_ADDED, what: 'the generated expression' },
  };
}
