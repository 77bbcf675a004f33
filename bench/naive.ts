/**
 * The naive baseline: rules written the way Atlassian's sample validator and post-function are
 * (https://developer.atlassian.com/platform/forge/check-jira-issues-assigned-using-workflow-validator/ and the
 * jira-workflow-post-function module page): read the whole issue, then write; no retry, no field selection,
 * no idempotency, no permission pre-check. Each handler does what its scenario configures for Workflow Guard,
 * hard-coded as a developer writing it for their own workflow would. Used only by the benchmarks, side by side
 * with the app's own handlers.
 */
import api, { fetch, route } from '@forge/api';

type Jira = ReturnType<typeof api.asApp>;

interface IssueRef {
  key: string;
}
interface WholeIssue {
  key: string;
  fields: Record<string, unknown> & {
    summary?: string;
    description?: unknown;
    status?: { name?: string; statusCategory?: { key?: string } };
    parent?: IssueRef;
    subtasks?: IssueRef[];
    issuelinks?: Array<{ type: { name: string }; inwardIssue?: IssueRef; outwardIssue?: IssueRef }>;
  };
}

const JSON_HEADERS = { 'Content-Type': 'application/json' };

/** GET /rest/api/3/issue/{key} with no `fields=`: every field, as the samples read it. */
async function readWholeIssue(jira: Jira, key: string): Promise<WholeIssue> {
  const response = await jira.requestJira(route`/rest/api/3/issue/${key}`);
  return (await response.json()) as WholeIssue;
}

const paragraph = (text: string) => ({
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

const isDone = (issue: WholeIssue) => issue.fields.status?.statusCategory?.key === 'done';

/** Fields requirement, the sample validator's way: read the whole issue, look at one field. */
export async function naiveFieldsValidator(payload: { issue: { key: string } }) {
  const issue = await readWholeIssue(api.asApp(), payload.issue.key);
  const filled = Boolean(issue.fields.description);
  return filled ? { result: true } : { result: false, errorMessage: 'Description is required' };
}

/**
 * Related issues, the sample validator's way: read the issue with every field, then read each related issue
 * (parent, sub-tasks, issues that block it) one by one and look at its status.
 */
export async function naiveRelatedIssuesValidator(payload: { issue: { key: string } }) {
  const jira = api.asApp();
  const issue = await readWholeIssue(jira, payload.issue.key);
  const related = [
    ...(issue.fields.parent ? [issue.fields.parent.key] : []),
    ...(issue.fields.subtasks ?? []).map((subtask) => subtask.key),
    ...(issue.fields.issuelinks ?? []).flatMap((link) =>
      link.type.name === 'Blocks' && link.inwardIssue ? [link.inwardIssue.key] : [],
    ),
  ];
  const notDone: string[] = [];
  for (const key of related) {
    if (!isDone(await readWholeIssue(jira, key))) notDone.push(key);
  }
  return notDone.length
    ? { result: false, errorMessage: `These issues are not done yet: ${notDone.join(', ')}` }
    : { result: true };
}

/** Adds a comment, the sample post-function's way: read the whole issue, then post. */
async function commentOn(jira: Jira, key: string) {
  const issue = await readWholeIssue(jira, key);
  await jira.requestJira(route`/rest/api/3/issue/${key}/comment`, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify({ body: paragraph(`${issue.key} moved`) }),
  });
}

export async function naiveCommentPostFunction(event: { issue: { key: string } }) {
  await commentOn(api.asApp(), event.issue.key);
}

/** The same as the transitioning user (offline impersonation, `asUser(accountId)`), with no permission check. */
export async function naiveCommentAsUserPostFunction(event: {
  issue: { key: string };
  atlassianId?: string;
}) {
  await commentOn(api.asUser(event.atlassianId), event.issue.key);
}

/** Set fields, the sample post-function's way: read the whole issue, then one edit (PUT) built from it. */
export async function naiveSetFieldsPostFunction(event: { issue: { key: string } }) {
  const jira = api.asApp();
  const issue = await readWholeIssue(jira, event.issue.key);
  await jira.requestJira(route`/rest/api/3/issue/${event.issue.key}`, {
    method: 'PUT',
    headers: JSON_HEADERS,
    body: JSON.stringify({
      fields: {
        labels: ['released', 'audited'],
        priority: { name: 'High' },
        duedate: issue.fields.customfield_10010 ?? null,
        customfield_10020: null,
      },
    }),
  });
}

/**
 * Transition sub-tasks, the sample post-function's way: read the whole issue, then for each sub-task read it
 * (to skip one already done), read its transitions and post the one named "Done".
 */
export async function naiveTransitionSubtasksPostFunction(event: { issue: { key: string } }) {
  const jira = api.asApp();
  const issue = await readWholeIssue(jira, event.issue.key);
  for (const { key } of issue.fields.subtasks ?? []) {
    if (isDone(await readWholeIssue(jira, key))) continue;
    const response = await jira.requestJira(route`/rest/api/3/issue/${key}/transitions`);
    const { transitions } = (await response.json()) as { transitions: Array<{ id: string; name: string }> };
    const done = transitions.find((transition) => transition.name === 'Done');
    if (!done) continue;
    await jira.requestJira(route`/rest/api/3/issue/${key}/transitions`, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ transition: { id: done.id } }),
    });
  }
}

/**
 * Notify, the sample post-function's way: read the whole issue, then post it to a web hook whose address and
 * token are Forge environment variables (`forge variables set --encrypt NOTIFY_TOKEN ...`).
 */
export async function naiveNotifyPostFunction(event: {
  issue: { key: string };
  transition: unknown;
  atlassianId?: string;
}) {
  const issue = await readWholeIssue(api.asApp(), event.issue.key);
  await fetch(process.env.NOTIFY_URL ?? '', {
    method: 'POST',
    headers: { ...JSON_HEADERS, Authorization: `Bearer ${process.env.NOTIFY_TOKEN ?? ''}` },
    body: JSON.stringify({
      issue: { key: issue.key, summary: issue.fields.summary, status: issue.fields.status?.name },
      transition: event.transition,
      user: event.atlassianId,
    }),
  });
}
