import { errorReply } from '../types';
import { transitionJson } from '../views';
import { applyEdits } from './edit';
import { asRecord, browseIssue, can, isReply, type Handler } from './context';

/** Without TRANSITION_ISSUES Jira lists no transitions rather than refusing. */
const getTransitions: Handler = (ctx) => {
  const issue = browseIssue(ctx, ctx.params.issueIdOrKey ?? '');
  if (isReply(issue)) return issue;
  const onlyId = ctx.query.get('transitionId');
  const available = can(ctx, 'TRANSITION_ISSUES', issue.projectKey) ? ctx.site.transitionsFor(issue) : [];
  const transitions = available.filter((t) => onlyId === null || t.id === onlyId);
  return { status: 200, body: { transitions: transitions.map((t) => transitionJson(ctx.site, t)) } };
};

/** Validators and post functions configured on the transition are NOT run here: drive them via the harness. */
const doTransition: Handler = (ctx) => {
  const issue = browseIssue(ctx, ctx.params.issueIdOrKey ?? '');
  if (isReply(issue)) return issue;
  const body = asRecord(ctx.body) ?? {};
  const raw = asRecord(body.transition)?.id;
  if (typeof raw !== 'string' && typeof raw !== 'number')
    return errorReply(400, "Missing 'transition' identifier");
  const id = String(raw);
  const transition = can(ctx, 'TRANSITION_ISSUES', issue.projectKey)
    ? ctx.site.transitionsFor(issue).find((t) => t.id === id)
    : undefined;
  if (!transition) return errorReply(400, `Transition id '${id}' is not valid for this issue.`);
  const failed = applyEdits(ctx, issue, { fields: body.fields, update: body.update });
  if (failed) return failed;
  issue.status = transition.to;
  issue.updated = ctx.site.now();
  return { status: 204 };
};

export const transitionHandlers: Record<string, Handler> = { getTransitions, doTransition };
