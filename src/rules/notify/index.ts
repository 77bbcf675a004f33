import { z } from 'zod';
import { invalidInput } from '../../access/failures';
import { route } from '../../access/route';
import { deliver } from '../../connections/deliver';
import { getConnection } from '../../connections/store';
import { postFunctionHandler } from '../../execution/post-function-runner';
import { projectOfIssue } from '../../execution/validator-runner';
import { mayUseConnection } from '../../settings/model';
import { NotifyConfig } from './configuration';
import { notificationBody } from './message';

const IssueFields = z.object({
  id: z.string().optional(),
  key: z.string(),
  fields: z
    .object({
      summary: z.string().optional(),
      status: z.object({ name: z.string() }).partial().optional(),
      issuetype: z.object({ name: z.string() }).partial().optional(),
      project: z.object({ key: z.string() }).partial().optional(),
    })
    .optional(),
});

/** Notify an external service: one HTTPS call with the issue and transition as JSON, once per transition. */
export const notifyPostFunction = postFunctionHandler({
  name: 'notify',
  title: 'Notify an external service',
  feature: 'rules/notify',
  configuration: NotifyConfig,
  // The message carries the issue as the actor sees it: the user must be able to see it.
  requiredPermissions: () => ['BROWSE_PROJECTS'],
  async apply({ event, configuration, jira, actor, session, projectSettings }) {
    const connection = await getConnection(configuration.connectionId);
    if (!connection) {
      throw invalidInput(
        `Connection "${configuration.connectionId}" no longer exists: pick another one in the post-function's settings.`,
      );
    }
    const projectKey = projectOfIssue(event.issue.key);
    if (!mayUseConnection(projectSettings, connection.id)) {
      throw invalidInput(
        `Connection "${connection.name}" is not allowed in project ${projectKey}: a project admin allows it in the project's Workflow Guard settings.`,
      );
    }
    const issue = IssueFields.parse(
      await jira.requestJira(
        route`/rest/api/3/issue/${event.issue.key}?fields=summary,status,issuetype,project`,
        { permission: 'BROWSE_PROJECTS', projectKey },
      ),
    );
    const deliveryId = `${event.transition.executionId}:${event.postFunction?.id ?? 'notify'}`;
    const response = await deliver(session, connection, {
      body: notificationBody(
        event,
        {
          key: issue.key,
          id: issue.id,
          summary: issue.fields?.summary,
          status: issue.fields?.status?.name,
          issueType: issue.fields?.issuetype?.name,
          projectKey: issue.fields?.project?.key,
        },
        deliveryId,
      ),
      idempotencyKey: deliveryId,
      user: actor,
    });
    const how =
      connection.auth.kind === 'user-account'
        ? configuration.actor === 'field-user' && configuration.actorField
          ? `with the own account of the user in "${configuration.actorField.name}"`
          : "with the transitioning user's own account"
        : connection.auth.kind === 'api-token'
          ? "with the connection's API token"
          : 'with an OAuth access token of the app';
    return `Notified ${connection.name} (HTTP ${response.status}) ${how}`;
  },
});
