import type { AccessSession } from '../../access/session';
import { assertExpressionValid } from '../validator-config/expression-analysis';
import { parseConfiguration, type Prepared } from '../validator-config/prepare';
import { CustomExpressionConfig } from './configuration';

/** A broken expression is never saved: Jira analyses it first, as the admin, and its error is shown to them. */
export async function prepareCustomExpression(raw: unknown, session: AccessSession): Promise<Prepared> {
  const config = parseConfiguration(CustomExpressionConfig.strict(), raw);
  await assertExpressionValid(session, config.expression, 'the expression');
  return { saved: config, description: config.summary || `Custom expression: ${config.message}` };
}
