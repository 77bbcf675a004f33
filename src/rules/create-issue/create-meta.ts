import { z } from 'zod';
import type { JiraClient } from '../../access/jira-client';
import { route } from '../../access/route';
import type { IssueTypeOption } from '../../shared/post-function-config';
import type { CreateFieldMeta } from './plan';

const FieldsPage = z.object({
  fields: z
    .array(
      z.object({
        fieldId: z.string(),
        name: z.string(),
        required: z.boolean(),
        hasDefaultValue: z.boolean().optional(),
      }),
    )
    .default([]),
  startAt: z.number().int().default(0),
  total: z.number().int().optional(),
});

/** Jira's page limit for the createmeta operations ("must not exceed the limit '200'", the spec's 400 example). */
const PAGE = 200;
/** A create screen has far fewer fields; the bound keeps a misbehaving answer from looping. */
const MAX_PAGES = 10;

/**
 * The fields of the create screen for one project and issue type, from the non-deprecated create metadata
 * operation GET /rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes/{issueTypeId} (Create issues in the
 * project), page by page.
 */
export async function readCreateFields(
  jira: JiraClient,
  projectId: string,
  issueTypeId: string,
): Promise<CreateFieldMeta[]> {
  const fields: CreateFieldMeta[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const startAt = page * PAGE;
    const answer = FieldsPage.parse(
      await jira.requestJira(
        route`/rest/api/3/issue/createmeta/${projectId}/issuetypes/${issueTypeId}?startAt=${startAt}&maxResults=${PAGE}`,
        { permission: 'CREATE_ISSUES' },
      ),
    );
    fields.push(...answer.fields);
    if (answer.fields.length === 0 || answer.total === undefined || fields.length >= answer.total) break;
  }
  return fields;
}

const IssueTypesPage = z.object({
  issueTypes: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        subtask: z.boolean().default(false),
        hierarchyLevel: z.number().int().optional(),
      }),
    )
    .default([]),
  total: z.number().int().optional(),
});

/** The issue types one may create in a project (GET /rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes). */
export async function readCreateIssueTypes(jira: JiraClient, projectId: string): Promise<IssueTypeOption[]> {
  const types: IssueTypeOption[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const startAt = page * PAGE;
    const answer = IssueTypesPage.parse(
      await jira.requestJira(
        route`/rest/api/3/issue/createmeta/${projectId}/issuetypes?startAt=${startAt}&maxResults=${PAGE}`,
        { permission: 'CREATE_ISSUES' },
      ),
    );
    types.push(...answer.issueTypes.map(({ id, name, subtask }) => ({ id, name, subtask })));
    if (answer.issueTypes.length === 0 || answer.total === undefined || types.length >= answer.total) break;
  }
  return types;
}

const AllTypes = z.array(z.object({ id: z.string(), name: z.string(), subtask: z.boolean().default(false) }));

/**
 * The sub-task issue types the caller can see (GET /rest/api/3/issuetype): a sub-task is created in the project of
 * whichever issue is transitioned, which a shared workflow does not name.
 */
export async function readSubtaskTypes(jira: JiraClient): Promise<IssueTypeOption[]> {
  const all = AllTypes.parse(await jira.requestJira(route`/rest/api/3/issuetype`));
  return all.filter((t) => t.subtask).map(({ id, name, subtask }) => ({ id, name, subtask }));
}
