import { z } from 'zod';
import type { AccessSession } from '../../access/session';
import { FieldRef, kindsOfFields, type KindedField } from '../expression-builders/field-test';
import { issueField } from '../expression-builders/literal';
import { ValidatorMessage } from '../expression-builders/message';
import { parseConfiguration, type Prepared } from '../validator-config/prepare';

const FieldChangedConfig = z.strictObject({
  fields: z.array(FieldRef).min(1, 'choose at least one field').max(10),
  message: ValidatorMessage,
});

/** What two values of a field are compared by: people by account id, rich text by its text. */
function comparable(variable: string, field: KindedField): string {
  const f = issueField(variable, field.id);
  if (field.kind === 'rich-text') return `${f}?.plainText`;
  if (field.kind === 'user') return `${f}?.accountId`;
  if (field.kind === 'users') return `${f}?.map(person => person.accountId)`;
  return f;
}

/**
 * Each chosen field must differ between `issue` (with the transition screen's changes) and `originalIssue` (before
 * them): https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-workflow-validator/#context-variables.
 */
export async function prepareFieldChanged(raw: unknown, session: AccessSession): Promise<Prepared> {
  const config = parseConfiguration(FieldChangedConfig, raw);
  const fields = await kindsOfFields(session, config.fields, 'fields');
  const expression = fields
    .map((f) => `${comparable('issue', f)} != ${comparable('originalIssue', f)}`)
    .join(' && ');
  const names = fields.map((f) => `"${f.name}"`).join(', ');
  return {
    saved: {
      fields,
      message: config.message || `Change ${names} on the transition screen to make this transition.`,
      expression,
    },
    description: `Requires ${names} to be changed during the transition.`,
    expression: { text: expression, what: 'the generated expression' },
  };
}
