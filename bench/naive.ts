/**
 * The naive baseline: rules written the way Atlassian's sample validator and post-function are
 * (https://developer.atlassian.com/platform/forge/check-jira-issues-assigned-using-workflow-validator/ and the
 * jira-workflow-post-function module page): read the whole issue, then write; no retry, no field selection,
 * no idempotency. Used only by the benchmarks, side by side with the app's own handlers.
 */
import api, { route } from '@forge/api';

export async function naiveFieldsValidator(payload: { issue: { key: string } }) {
  const response = await api.asApp().requestJira(route`/rest/api/3/issue/${payload.issue.key}`);
  const issue = (await response.json()) as { fields?: { description?: unknown } };
  const filled = Boolean(issue.fields?.description);
  return filled ? { result: true } : { result: false, errorMessage: 'Description is required' };
}

export async function naiveCommentPostFunction(event: { issue: { key: string } }) {
  const response = await api.asApp().requestJira(route`/rest/api/3/issue/${event.issue.key}`);
  const issue = (await response.json()) as { key: string };
  await api.asApp().requestJira(route`/rest/api/3/issue/${event.issue.key}/comment`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      body: {
        type: 'doc',
        version: 1,
        content: [{ type: 'paragraph', content: [{ type: 'text', text: `${issue.key} moved` }] }],
      },
    }),
  });
}
