/**
 * The fair baseline: each rule written as a competent developer following Atlassian's samples would write it for
 * their own workflow (the sample validator of
 * https://developer.atlassian.com/platform/forge/check-jira-issues-assigned-using-workflow-validator/ reads the
 * issue with `GET /rest/api/3/issue/{key}` and no `fields=`; the post-function module page's sample acts with
 * `api.asApp()`). What the samples do is kept: the whole issue is read, there is no retry, no idempotency, no
 * permission check, no audit log. What a competent developer would not do is left out: no read of an issue for
 * a key the event already carries, no read of a related issue whose status the first read already holds.
 * Each handler does what its scenario configures for Workflow Guard, hard-coded. Used only by the benchmarks.
 */
import api, { fetch, route } from '@forge/api';

type Jira = ReturnType<typeof api.asApp>;

interface IssueRef {
  key: string;
  fields?: { status?: { name?: string; statusCategory?: { key?: string } } };
}
interface WholeIssue {
  key: string;
  fields: Record<string, unknown> & {
    summary?: string;
    description?: unknown;
    status?: { name?: string };
    parent?: IssueRef;
    subtasks?: IssueRef[];
    issuelinks?: Array<{ type: { name: string }; inwardIssue?: IssueRef; outwardIssue?: IssueRef }>;
  };
}

const JSON_HEADERS = { 'Content-Type': 'application/json' };

/** GET /rest/api/3/issue/{key} with no `fields=`: every field, as the sample reads it. */
async function readWholeIssue(jira: Jira, key: string): Promise<WholeIssue> {
  const response = await jira.requestJira(route`/rest/api/3/issue/${key}`);
  return (await response.json()) as WholeIssue;
}

/** Jira's issue references (parent, sub-tasks, linked issues) carry the related issue's status. */
const isDone = (issue: IssueRef) => issue.fields?.status?.statusCategory?.key === 'done';

/** Fields requirement, the sample validator's way: read the issue, look at one field. */
export async function naiveFieldsValidator(payload: { issue: { key: string } }) {
  const issue = await readWholeIssue(api.asApp(), payload.issue.key);
  const filled = Boolean(issue.fields.description);
  return filled ? { result: true } : { result: false, errorMessage: 'Description is required' };
}

/**
 * Related issues: one read of the issue; its parent, sub-tasks and linked issues come with their statuses, so
 * none of them is read again.
 */
export async function naiveRelatedIssuesValidator(payload: { issue: { key: string } }) {
  const issue = await readWholeIssue(api.asApp(), payload.issue.key);
  const related = [
    ...(issue.fields.parent ? [issue.fields.parent] : []),
    ...(issue.fields.subtasks ?? []),
    ...(issue.fields.issuelinks ?? []).flatMap((link) =>
      link.type.name === 'Blocks' && link.inwardIssue ? [link.inwardIssue] : [],
    ),
  ];
  const notDone = related.filter((ref) => !isDone(ref)).map((ref) => ref.key);
  return notDone.length
    ? { result: false, errorMessage: `These issues are not done yet: ${notDone.join(', ')}` }
    : { result: true };
}

/**
 * The comment the scenario configures (`{{issue.key}} done by {{user}}`): the key and the user's account id come
 * with the event, and a mention needs only the account id (Jira shows the name), so nothing is read.
 */
async function commentOn(jira: Jira, key: string, accountId: string | undefined) {
  await jira.requestJira(route`/rest/api/3/issue/${key}/comment`, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify({
      body: {
        type: 'doc',
        version: 1,
        content: [
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: `${key} done by ` },
              ...(accountId ? [{ type: 'mention', attrs: { id: accountId } }] : []),
            ],
          },
        ],
      },
    }),
  });
}

export async function naiveCommentPostFunction(event: { issue: { key: string }; atlassianId?: string }) {
  await commentOn(api.asApp(), event.issue.key, event.atlassianId);
}

/** The same as the transitioning user (offline impersonation, `asUser(accountId)`), with no permission check. */
export async function naiveCommentAsUserPostFunction(event: {
  issue: { key: string };
  atlassianId?: string;
}) {
  await commentOn(api.asUser(event.atlassianId), event.issue.key, event.atlassianId);
}

/** Set fields: the copy needs the source field's value, so the issue is read, then one edit (PUT). */
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
 * Copy field values (the sum of the sub-tasks' story points into the issue's total): read the issue for its
 * sub-tasks (their references carry no custom field), read each sub-task, then one edit. Rewritten even when the
 * total is already right, as a handler without a check does.
 */
export async function naiveSumSubtaskPointsPostFunction(event: { issue: { key: string } }) {
  const jira = api.asApp();
  const issue = await readWholeIssue(jira, event.issue.key);
  let total = 0;
  for (const subtask of issue.fields.subtasks ?? []) {
    const points = (await readWholeIssue(jira, subtask.key)).fields.customfield_10016;
    if (typeof points === 'number') total += points;
  }
  await jira.requestJira(route`/rest/api/3/issue/${event.issue.key}`, {
    method: 'PUT',
    headers: JSON_HEADERS,
    body: JSON.stringify({ fields: { customfield_10017: total } }),
  });
}

/**
 * Transition sub-tasks: read the issue (its sub-tasks come with their statuses), then for each sub-task not done
 * read its transitions and post the one named "Done", as the transitions sample finds a transition by name.
 */
export async function naiveTransitionSubtasksPostFunction(event: { issue: { key: string } }) {
  const jira = api.asApp();
  const issue = await readWholeIssue(jira, event.issue.key);
  for (const subtask of issue.fields.subtasks ?? []) {
    if (isDone(subtask)) continue;
    const response = await jira.requestJira(route`/rest/api/3/issue/${subtask.key}/transitions`);
    const { transitions } = (await response.json()) as { transitions: Array<{ id: string; name: string }> };
    const done = transitions.find((transition) => transition.name === 'Done');
    if (!done) continue;
    await jira.requestJira(route`/rest/api/3/issue/${subtask.key}/transitions`, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ transition: { id: done.id } }),
    });
  }
}

/**
 * Notify: read the issue for the summary and status the service is sent, then post it to a web hook whose
 * address and token are Forge environment variables (`forge variables set --encrypt NOTIFY_TOKEN ...`).
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

/** What the naive Create issue, Link issues and Assign have written in: the bench's site checks it agrees. */
export const NAIVE_CHOICES = {
  /** Create issue: a Task in Support (ids as Jira's pickers give them), linked back with "Blocks". */
  createIn: { projectId: '20000', issueTypeId: '10011' },
  /** Assign: the Developers project role. */
  roleId: '10002',
} as const;

/**
 * Create issue: read the issue (its summary and the fields to copy), read the create screen's fields for the
 * project and issue type (createmeta, as Atlassian's create samples do before creating) to check that no required
 * field is left empty, create, then link the new issue back.
 */
export async function naiveCreateIssuePostFunction(event: { issue: { key: string } }) {
  const jira = api.asApp();
  const { projectId, issueTypeId } = NAIVE_CHOICES.createIn;
  const issue = await readWholeIssue(jira, event.issue.key);
  const meta = await jira.requestJira(
    route`/rest/api/3/issue/createmeta/${projectId}/issuetypes/${issueTypeId}`,
  );
  const { fields: screen } = (await meta.json()) as {
    fields: Array<{ fieldId: string; required: boolean; hasDefaultValue?: boolean }>;
  };
  const fields: Record<string, unknown> = {
    project: { id: projectId },
    issuetype: { id: issueTypeId },
    summary: `Follow up ${issue.key}: ${issue.fields.summary ?? ''}`,
    customfield_10050: issue.fields.customfield_10050,
    labels: issue.fields.labels,
  };
  const missing = screen.filter((f) => f.required && !f.hasDefaultValue && fields[f.fieldId] == null);
  if (missing.length)
    throw new Error(`Required fields are empty: ${missing.map((f) => f.fieldId).join(', ')}`);
  const response = await jira.requestJira(route`/rest/api/3/issue`, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify({ fields }),
  });
  const created = (await response.json()) as { key: string };
  await jira.requestJira(route`/rest/api/3/issueLink`, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify({
      type: { name: 'Blocks' },
      outwardIssue: { key: created.key },
      inwardIssue: { key: issue.key },
    }),
  });
}

/**
 * Link issues: search with the JQL (the enhanced search returns ids by default), then link each issue found, one
 * `POST /rest/api/3/issueLink` at a time (REST API v3 has no bulk link).
 */
export async function naiveLinkIssuesPostFunction(event: { issue: { key: string } }) {
  const jira = api.asApp();
  const response = await jira.requestJira(route`/rest/api/3/search/jql`, {
    method: 'POST',
    headers: JSON_HEADERS,
    body: JSON.stringify({ jql: `labels = "${event.issue.key}"` }),
  });
  const { issues } = (await response.json()) as { issues: Array<{ id: string }> };
  for (const found of issues)
    await jira.requestJira(route`/rest/api/3/issueLink`, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({
        type: { name: 'Relates' },
        outwardIssue: { key: event.issue.key },
        inwardIssue: { id: found.id },
      }),
    });
}

/**
 * Assign to the first assignable member of a project role: read the issue for its project, read the role's
 * members, ask the assignable user search about each member, and assign the first it lists.
 */
export async function naiveAssignPostFunction(event: { issue: { key: string } }) {
  const jira = api.asApp();
  const key = event.issue.key;
  const issue = await readWholeIssue(jira, key);
  const project = issue.fields.project as { id: string };
  const roleAnswer = await jira.requestJira(
    route`/rest/api/3/project/${project.id}/role/${NAIVE_CHOICES.roleId}`,
  );
  const role = (await roleAnswer.json()) as { actors: Array<{ actorUser?: { accountId: string } }> };
  const members = role.actors.flatMap((actor) => (actor.actorUser ? [actor.actorUser.accountId] : []));
  const assignable: string[] = [];
  for (const accountId of members) {
    const answer = await jira.requestJira(
      route`/rest/api/3/user/assignable/search?accountId=${accountId}&issueKey=${key}`,
    );
    if (((await answer.json()) as unknown[]).length) assignable.push(accountId);
  }
  if (!assignable.length) throw new Error(`No member of the role can be assigned ${key}`);
  await jira.requestJira(route`/rest/api/3/issue/${key}/assignee`, {
    method: 'PUT',
    headers: JSON_HEADERS,
    body: JSON.stringify({ accountId: assignable[0] }),
  });
}
