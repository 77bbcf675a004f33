import { analyseExpression } from '../expression';
import { asRecord, type Handler } from './context';

const CHECKS = ['syntax', 'type', 'complexity'] as const;

const analyseExpressionHandler: Handler = (ctx) => {
  const body = asRecord(ctx.body) ?? {};
  const expressions = Array.isArray(body.expressions) ? (body.expressions as string[]) : [];
  const contextVariables = (asRecord(body.contextVariables) ?? {}) as Record<string, string>;
  const check = CHECKS.find((c) => c === ctx.query.get('check')) ?? 'syntax';
  return {
    status: 200,
    body: { results: expressions.map((e) => analyseExpression(e, check, contextVariables)) },
  };
};

export const expressionHandlers: Record<string, Handler> = { analyseExpression: analyseExpressionHandler };
