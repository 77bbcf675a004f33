import { transitionsAllowed } from '../expression-condition';
import { errorReply } from '../types';
import { transitionJson } from '../views';
import { applyEdits, historyValues, recordHistory } from './edit';
import { asRecord, browseIssue, can, isReply, type Handler } from './context';
import { entityProperties } from './issues';

/**
 * Without TRANSITION_ISSUES Jira lists no transitions rather than refusing. A transition whose conditions do not
 * all hold for the caller is not listed either: getTransitions "Returns either all transitions or a transition
 * that can be performed by the user on an issue, based on the issue's status", and a failed condition means "the
 * user won't be able to execute the transition" (jira-workflow-condition module page; expression-condition.ts).
 */
const getTransitions: Handler = (ctx) => {
  const issue = browseIssue(ctx, ctx.params.issueIdOrKey ?? '');
  if (isReply(issue)) return issue;
  const onlyId = ctx.query.get('transitionId');
  const available = can(ctx, 'TRANSITION_ISSUES', issue.projectKey)
    ? transitionsAllowed(ctx.site, issue, ctx.caller.accountId)
    : [];
  const transitions = available.filter((t) => onlyId === null || t.id === onlyId);
  return { status: 200, body: { transitions: transitions.map((t) => transitionJson(ctx.site, t)) } };
};

/**
 * Validators and post functions configured on the transition are NOT run here: drive them via the harness.
 * `properties` (IssueUpdateDetails: "details of issue properties to be add or update") are set with the move, in
 * the same request: the spec asks only Browse projects and Transition issues for it, not Edit issues. Everything is
 * checked before anything changes, so a refused request leaves neither the move nor a property.
 */
const doTransition: Handler = (ctx) => {
  const issue = browseIssue(ctx, ctx.params.issueIdOrKey ?? '');
  if (isReply(issue)) return issue;
  const body = asRecord(ctx.body) ?? {};
  const raw = asRecord(body.transition)?.id;
  if (typeof raw !== 'string' && typeof raw !== 'number')
    return errorReply(400, "Missing 'transition' identifier");
  const id = String(raw);
  const transition = can(ctx, 'TRANSITION_ISSUES', issue.projectKey)
    ? transitionsAllowed(ctx.site, issue, ctx.caller.accountId).find((t) => t.id === id)
    : undefined;
  if (!transition) return errorReply(400, `Transition id '${id}' is not valid for this issue.`);
  const properties = entityProperties(body.properties);
  if (isReply(properties)) return properties;
  const before = historyValues(issue);
  const failed = applyEdits(ctx, issue, { fields: body.fields, update: body.update });
  if (failed) return failed;
  for (const [key, value] of properties) issue.properties.set(key, value);
  const from = issue.status;
  issue.status = transition.to;
  issue.updated = ctx.site.now();
  recordHistory(ctx, issue, before, [{ field: 'status', from, to: transition.to }]);
  return { status: 204 };
};

export const transitionHandlers: Record<string, Handler> = { getTransitions, doTransition };
