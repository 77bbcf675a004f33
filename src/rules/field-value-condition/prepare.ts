import type { AccessSession } from '../../access/session';
import {
  describeFieldTest,
  FieldTestInput,
  fieldTestExpression,
  kindedFieldTest,
} from '../expression-builders/field-test';
import { parseConfiguration, type Prepared } from '../validator-config/prepare';

/** Offers the transition only when a field of the issue passes a test (its kind looked up in Jira). */
export async function prepareFieldValueCondition(raw: unknown, session: AccessSession): Promise<Prepared> {
  const config = parseConfiguration(FieldTestInput, raw);
  const test = await kindedFieldTest(session, config, 'field');
  const expression = fieldTestExpression('issue', test);
  return {
    saved: { ...test, expression },
    description: `Offered only when ${describeFieldTest(test)}.`,
    expression: { text: expression, what: 'the generated expression' },
  };
}
