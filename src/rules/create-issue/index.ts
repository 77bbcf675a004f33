import { z } from 'zod';
import { invalidInput } from '../../access/failures';
import type { JiraClient } from '../../access/jira-client';
import { route } from '../../access/route';
import { postFunctionHandler } from '../../execution/post-function-runner';
import { projectOfIssue } from '../../execution/validator-runner';
import { fieldText, requireResolved } from '../field-templates/values';
import { CreateIssueConfig } from './configuration';
import { readCreateFields } from './create-meta';
import {
  createBody,
  createdMark,
  describeMissing,
  earlierIssueJql,
  linkBody,
  missingRequiredFields,
  renderSummary,
  type CreatedMark,
} from './plan';

const SourceIssue = z.object({
  fields: z
    .object({
      summary: z.string().default(''),
      project: z.object({ id: z.string(), key: z.string(), name: z.string().optional() }),
    })
    .passthrough(),
});
const Created = z.object({ id: z.string(), key: z.string() });
const Found = z.object({ issues: z.array(z.object({ key: z.string() })).default([]) });

/** The issue an earlier delivery of this execution created, found by its mark (indexed issue property). */
async function findEarlier(
  jira: JiraClient,
  projectId: string,
  mark: CreatedMark,
): Promise<string | undefined> {
  const answer = Found.parse(
    await jira.requestJira(route`/rest/api/3/search/jql`, {
      method: 'POST',
      body: { jql: earlierIssueJql(projectId, mark), fields: ['key'], maxResults: 1 },
      readOnly: true,
      permission: 'BROWSE_PROJECTS',
    }),
  );
  return answer.issues[0]?.key;
}

/**
 * Create issue: a new issue or a sub-task of the transitioned issue, with a summary from a template, copied fields
 * and a link back. Reads the transitioned issue once and the create metadata once, then creates; a retry first
 * looks for the issue an earlier delivery created (its mark is set in the create request itself).
 */
export const createIssuePostFunction = postFunctionHandler({
  name: 'create-issue',
  title: 'Create issue',
  feature: 'rules/create-issue',
  configuration: CreateIssueConfig,
  requiredPermissions: (configuration) => [
    'CREATE_ISSUES',
    ...(configuration.linkBack ? ['LINK_ISSUES'] : []),
  ],
  templateFields: (configuration) => configuration.templateFields ?? [],
  async apply(context) {
    const { event, configuration, jira, resumed } = context;
    const key = event.issue.key;
    const fields = configuration.templateFields ?? [];
    requireResolved([{ what: 'The summary', text: configuration.summary }], fields);
    const source = SourceIssue.parse(
      await jira.requestJira(
        route`/rest/api/3/issue/${key}?fields=${['summary', 'project', ...configuration.copyFields].join(',')}`,
        { permission: 'BROWSE_PROJECTS', projectKey: projectOfIssue(key) },
      ),
    ).fields;
    const projectId = configuration.kind === 'sub-task' ? source.project.id : (configuration.projectId ?? '');
    const mark = createdMark(event.transition.executionId, event.postFunction?.id ?? 'create-issue', key);
    const link = async (newKey: string) => {
      if (!configuration.linkBack) return '';
      // A link that exists already is answered "created" again, so linking twice is harmless (linkIssues, spec).
      await jira.requestJira(route`/rest/api/3/issueLink`, {
        method: 'POST',
        body: linkBody(configuration.linkBack, newKey, key),
        permission: 'LINK_ISSUES',
      });
      return ` and linked it to ${key} (${configuration.linkBack.linkType})`;
    };
    if (resumed) {
      const earlier = await findEarlier(jira, projectId, mark);
      if (earlier) {
        const linked = await link(earlier);
        return `${earlier} had already been created by an earlier delivery${linked}`;
      }
    }
    const missing = missingRequiredFields(
      await readCreateFields(jira, projectId, configuration.issueTypeId),
      configuration.copyFields,
      source,
    );
    if (missing.length > 0) {
      throw invalidInput(
        describeMissing(missing, {
          projectName:
            configuration.kind === 'sub-task'
              ? source.project.key
              : (configuration.projectName ?? `project ${projectId}`),
          issueTypeName: configuration.issueTypeName ?? `issue type ${configuration.issueTypeId}`,
          sourceKey: key,
        }),
      );
    }
    const created = Created.parse(
      await jira.requestJira(route`/rest/api/3/issue`, {
        method: 'POST',
        body: createBody(configuration, {
          projectId,
          summary: renderSummary(configuration.summary, {
            issueKey: key,
            issueSummary: source.summary,
            transitionName: event.transition.name,
            field: (name) => fieldText(name, fields, context.fieldValues),
          }),
          ...(configuration.kind === 'sub-task' ? { parentKey: key } : {}),
          sourceValues: source,
          mark,
        }),
        permission: 'CREATE_ISSUES',
      }),
    );
    context.progress(`created ${created.key}`);
    context.reachedProject(projectOfIssue(created.key));
    return `Created ${created.key}${await link(created.key)}`;
  },
});
