import { errorReply } from '../types';
import { fieldSelector, issueJson, listParam } from '../views';
import { applyEdits } from './edit';
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
      transitions: canTransition ? ctx.site.transitionsFor(issue) : [],
    }),
  };
};

const editIssue: Handler = (ctx) => {
  const issue = browseIssue(ctx, ctx.params.issueIdOrKey ?? '');
  if (isReply(issue)) return issue;
  const body = asRecord(ctx.body);
  if (!body) return errorReply(400, 'Request body is missing.');
  return applyEdits(ctx, issue, body) ?? { status: 204 };
};

const MAX_PROPERTY_BYTES = 32768; // Jira's entity property value limit

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
  if (key.length > 255) return errorReply(400, 'The property key cannot be longer than 255 characters.');
  if (ctx.body === undefined) return errorReply(400, 'The property value must be a valid JSON.');
  if (Buffer.byteLength(JSON.stringify(ctx.body)) > MAX_PROPERTY_BYTES) {
    return errorReply(400, `The property value cannot be longer than ${MAX_PROPERTY_BYTES} bytes.`);
  }
  const existed = issue.properties.has(key);
  issue.properties.set(key, structuredClone(ctx.body));
  return { status: existed ? 200 : 201 };
};

const deleteIssueProperty: Handler = (ctx) => {
  const issue = browseIssue(ctx, ctx.params.issueIdOrKey ?? '');
  if (isReply(issue)) return issue;
  if (!can(ctx, 'EDIT_ISSUES', issue.projectKey)) {
    return errorReply(403, 'You do not have permission to edit issue properties.');
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
