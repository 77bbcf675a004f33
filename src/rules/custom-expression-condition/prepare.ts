import { z } from 'zod';
import { parseConfiguration, type Prepared } from '../validator-config/prepare';

const CustomExpressionConditionConfig = z.strictObject({
  /** A Jira expression written by the admin; bounded by the saved configuration's 32 KB. */
  expression: z.string().trim().min(1, 'write an expression'),
  /** The admin's own summary for the workflow editor's rule list. */
  summary: z.string().trim().max(200).optional(),
});

/** Jira's analysis refuses a broken expression before it is saved, as for the Custom expression validator. */
export function prepareCustomExpressionCondition(raw: unknown): Prepared {
  const config = parseConfiguration(CustomExpressionConditionConfig, raw);
  return {
    saved: config,
    description: config.summary || 'Offered only when a custom Jira expression is true.',
    expression: { text: config.expression, what: 'the expression' },
  };
}
