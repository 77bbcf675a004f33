import { transitionsAllowed } from '../expression-condition';
import { errorReply, type Reply } from '../types';
import { fieldSelector, issueJson, listParam } from '../views';
import { applyEdits, historyValues, recordHistory } from './edit';
import { asRecord, browseIssue, can, isReply, viewerOf, type Handler } from './context';

const getIssue: Handler = (ctx) => {
  const issue = browseIssue(ctx, ctx.params.issueIdOrKey ?? '');
  if (isReply(issue)) return issue;
  const canTransition = can(ctx, 'TRANSITION_ISSUES', issue.projectKey);
  return {
    status: 200,
    body: issueJson(ctx.site, issue, viewerOf(ctx), {
      select: fieldSelector(listParam(ctx.query, 'fields'), '*all'),
      expand: listParam(ctx.query, 'expand'),
      properties: listParam(ctx.query, 'properties'),
      transitions: canTransition ? transitionsAllowed(ctx.site, issue, ctx.caller.accountId) : [],
    }),
  };
};

const editIssue: Handler = (ctx) => {
  const issue = browseIssue(ctx, ctx.params.issueIdOrKey ?? '');
  if (isReply(issue)) return issue;
  const body = asRecord(ctx.body);
  if (!body) return errorReply(400, 'Request body is missing.');
  const before = historyValues(issue);
  const failed = applyEdits(ctx, issue, body);
  if (failed) return failed;
  recordHistory(ctx, issue, before);
  return { status: 204 };
};

const MAX_PROPERTY_BYTES = 32768; // Jira's entity property value limit
const MAX_PROPERTY_KEY_LENGTH = 255;

/** Why Jira refuses an issue property (key, value), or undefined when it takes it. */
function propertyProblem(key: string, value: unknown): string | undefined {
  if (key.length > MAX_PROPERTY_KEY_LENGTH)
    return `The property key cannot be longer than ${MAX_PROPERTY_KEY_LENGTH} characters.`;
  if (value === undefined) return 'The property value must be a valid JSON.';
  if (Buffer.byteLength(JSON.stringify(value)) > MAX_PROPERTY_BYTES)
    return `The property value cannot be longer than ${MAX_PROPERTY_BYTES} bytes.`;
  return undefined;
}

/**
 * The `properties` of an issue create, edit or transition body (IssueUpdateDetails: EntityProperty[], key and value
 * "required on create and update"), checked whole before anything is applied: the properties to set, or the 400.
 */
export function entityProperties(raw: unknown): Map<string, unknown> | Reply {
  if (raw === undefined) return new Map();
  if (!Array.isArray(raw)) return errorReply(400, 'The issue properties must be a list of key and value.');
  const properties = new Map<string, unknown>();
  for (const item of raw as unknown[]) {
    const property = asRecord(item);
    const key = property?.key;
    if (typeof key !== 'string' || key === '')
      return errorReply(400, 'Every issue property needs a key and a value.');
    const problem = propertyProblem(key, property?.value);
    if (problem) return errorReply(400, problem);
    properties.set(key, structuredClone(property?.value));
  }
  return properties;
}

const getIssueProperty: Handler = (ctx) => {
  const issue = browseIssue(ctx, ctx.params.issueIdOrKey ?? '');
  if (isReply(issue)) return issue;
  const key = ctx.params.propertyKey ?? '';
  if (!issue.properties.has(key)) return errorReply(404, `The property with key '${key}' does not exist.`);
  return { status: 200, body: { key, value: issue.properties.get(key) } };
};

const setIssueProperty: Handler = (ctx) => {
  const issue = browseIssue(ctx, ctx.params.issueIdOrKey ?? '');
  if (isReply(issue)) return issue;
  if (!can(ctx, 'EDIT_ISSUES', issue.projectKey)) {
    return errorReply(403, 'You do not have permission to edit issue properties.');
  }
  const key = ctx.params.propertyKey ?? '';
  const problem = propertyProblem(key, ctx.body);
  if (problem) return errorReply(400, problem);
  const existed = issue.properties.has(key);
  issue.properties.set(key, structuredClone(ctx.body));
  return { status: existed ? 200 : 201 };
};

const deleteIssueProperty: Handler = (ctx) => {
  const issue = browseIssue(ctx, ctx.params.issueIdOrKey ?? '');
  if (isReply(issue)) return issue;
  // deleteIssueProperty lists no 403: 404 is "Returned if the issue or property is not found, or the user does not
  // have permission to edit the issue".
  if (!can(ctx, 'EDIT_ISSUES', issue.projectKey)) {
    return errorReply(404, 'You do not have permission to edit issue properties.');
  }
  const key = ctx.params.propertyKey ?? '';
  if (!issue.properties.delete(key)) return errorReply(404, `The property with key '${key}' does not exist.`);
  return { status: 204 };
};

export const issueHandlers: Record<string, Handler> = {
  getIssue,
  editIssue,
  getIssueProperty,
  setIssueProperty,
  deleteIssueProperty,
};
