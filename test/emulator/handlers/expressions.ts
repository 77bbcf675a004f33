import { analyseExpression } from '../expression';
import {
  evaluateExpression,
  ExpressionEvaluationError,
  STEP_LIMIT,
  UnsupportedExpressionError,
} from '../expression-eval';
import { JiraEntity, JiraObjects, JsonMap, toJson, type JiraValue } from '../expression-values';
import { errorReply, type Reply } from '../types';
import { asRecord, browseIssue, browseProject, isReply, viewerOf, type Ctx, type Handler } from './context';

const CHECKS = ['syntax', 'type', 'complexity'] as const;

const customFieldIds = (ctx: Ctx): ReadonlySet<string> =>
  new Set([...ctx.site.fieldDefs.values()].filter((f) => f.custom).map((f) => f.id));

const analyseExpressionHandler: Handler = (ctx) => {
  const body = asRecord(ctx.body) ?? {};
  const expressions = Array.isArray(body.expressions) ? (body.expressions as string[]) : [];
  const contextVariables = (asRecord(body.contextVariables) ?? {}) as Record<string, string>;
  const check = CHECKS.find((c) => c === ctx.query.get('check')) ?? 'syntax';
  return {
    status: 200,
    body: {
      results: expressions.map((e) => analyseExpression(e, check, contextVariables, customFieldIds(ctx))),
    },
  };
};

/**
 * Context entries the emulator does not model: boards, sprints, service desks, JQL, and custom variables (the spec's
 * CustomContextVariable forbids every property but `type`, so the request contract refuses them anyway).
 */
const UNMODELLED_CONTEXT = ['board', 'sprint', 'serviceDesk', 'customerRequest', 'issues', 'custom'];

/**
 * POST /rest/api/3/expression/evaluate (and the deprecated /expression/eval it replaces, whose every call is
 * recorded as undocumented use): the expression evaluated as the caller, with `user` always present and `issue`
 * and `project` from the request context.
 * A runtime or syntax failure is Jira's 400 with the reason; an issue or project the caller cannot see is 404;
 * a construct or context the emulator does not model is 501 naming it.
 */
const evaluateJiraExpression: Handler = (ctx) => {
  const body = asRecord(ctx.body) ?? {};
  const context = asRecord(body.context) ?? {};
  const unmodelled = UNMODELLED_CONTEXT.filter((key) => key in context);
  if (unmodelled.length > 0) {
    return errorReply(
      501,
      `The Jira emulator does not evaluate expressions with context ${unmodelled.join(', ')}.`,
    );
  }
  const variables = contextVariables(ctx, context);
  if (isReply(variables)) return variables;
  try {
    const { value, steps } = evaluateExpression(
      typeof body.expression === 'string' ? body.expression : '',
      variables,
      ctx.site.clock,
    );
    const expand = (ctx.query.get('expand') ?? '').split(',');
    return {
      status: 200,
      body: {
        value: toJson(value),
        ...(expand.includes('meta.complexity') ? { meta: { complexity: complexity(value, steps) } } : {}),
      },
    };
  } catch (e) {
    if (e instanceof ExpressionEvaluationError) return errorReply(400, e.message);
    if (e instanceof UnsupportedExpressionError) return errorReply(501, e.message);
    throw e;
  }
};

function contextVariables(ctx: Ctx, context: Record<string, unknown>): Record<string, JiraValue> | Reply {
  const objects = new JiraObjects(ctx.site, viewerOf(ctx));
  const variables: Record<string, JiraValue> = { user: objects.user(ctx.caller) };
  const issueRef = asRecord(context.issue);
  if (issueRef) {
    if (issueRef.id !== undefined && issueRef.key !== undefined) {
      return errorReply(400, 'Provide either the issue ID or the issue key, not both.');
    }
    const issue = browseIssue(ctx, idOrKey(issueRef));
    if (isReply(issue)) return issue;
    variables.issue = objects.issue(issue);
  }
  const projectRef = asRecord(context.project);
  if (projectRef) {
    const project = browseProject(ctx, idOrKey(projectRef));
    if (isReply(project)) return project;
    variables.project = objects.project(project);
  }
  return variables;
}

/** An IdOrKeyBean as the emulator's lookups take it. */
const idOrKey = (ref: Record<string, unknown>): string =>
  typeof ref.key === 'string' ? ref.key : typeof ref.id === 'number' ? String(ref.id) : '';

/** meta.complexity: steps as evaluated; no expensive operations are modelled; beans and primitives returned. */
function complexity(value: JiraValue, steps: number) {
  let beans = 0;
  let primitives = 0;
  const count = (v: JiraValue): void => {
    if (Array.isArray(v)) v.forEach(count);
    else if (v instanceof JsonMap) [...v.entries.values()].forEach(count);
    else if (v instanceof JiraEntity) beans++;
    else primitives++;
  };
  count(value);
  return {
    steps: { value: steps, limit: STEP_LIMIT },
    expensiveOperations: { value: 0, limit: 10 },
    beans: { value: beans, limit: 1000 },
    primitiveValues: { value: primitives, limit: 10000 },
  };
}

export const expressionHandlers: Record<string, Handler> = {
  analyseExpression: analyseExpressionHandler,
  evaluateJiraExpression,
  evaluateJSISJiraExpression: evaluateJiraExpression,
};
