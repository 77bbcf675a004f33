import { z } from 'zod';
import type { AccessSession } from '../../access/session';
import {
  describeFieldTest,
  fieldEmptyExpression,
  FieldRef,
  FieldTestInput,
  fieldTestExpression,
  kindedFieldTest,
  kindsOfFields,
} from '../expression-builders/field-test';
import { ValidatorMessage } from '../expression-builders/message';
import { parseConfiguration, type Prepared } from '../validator-config/prepare';

const RequiredWhenConfig = z.strictObject({
  /** When this test holds for the issue (with the transition screen's changes)... */
  when: FieldTestInput,
  /** ...these fields must be filled in. */
  required: z.array(FieldRef).min(1, 'choose at least one required field').max(10),
  message: ValidatorMessage,
});

/**
 * Fields required only when another field has a given value: `!(when) || every required field filled`, read from
 * `issue`, which includes the transition screen's changes
 * (https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-workflow-validator/#context-variables).
 */
export async function prepareRequiredWhen(raw: unknown, session: AccessSession): Promise<Prepared> {
  const config = parseConfiguration(RequiredWhenConfig, raw);
  const when = await kindedFieldTest(session, config.when, 'when');
  const required = await kindsOfFields(session, config.required, 'required');
  const filled = required.map((f) => `!${fieldEmptyExpression('issue', f)}`).join(' && ');
  const expression = `!(${fieldTestExpression('issue', when)}) || (${filled})`;
  const names = required.map((f) => `"${f.name}"`).join(', ');
  const condition = describeFieldTest(when);
  return {
    saved: {
      when,
      required,
      message: config.message || `Fill in ${names}: they are required when ${condition}.`,
      expression,
    },
    description: `Requires ${names} when ${condition}.`,
    expression: { text: expression, what: 'the generated expression' },
  };
}
