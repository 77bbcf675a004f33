import { parseConfiguration, type Prepared } from '../validator-config/prepare';
import { CustomExpressionConfig } from './configuration';

/** A broken expression is never saved: it is handed to Jira's analysis, whose error the admin then sees. */
export function prepareCustomExpression(raw: unknown): Prepared {
  const config = parseConfiguration(CustomExpressionConfig.strict(), raw);
  return {
    saved: config,
    description: config.summary || `Custom expression: ${config.message}`,
    expression: { text: config.expression, what: 'the expression', field: 'expression' },
  };
}
