import { z } from 'zod';
import { TemplateFields } from '../../shared/field-templates';
import { PostFunctionSettings } from '../../shared/post-function-settings';

/**
 * Set fields: each operation sets a field to a fixed value, copies another field of the same issue into it, or
 * clears it. Field ids are Jira's: system fields (summary, labels, priority, assignee, duedate, description…) or
 * `customfield_<number>`.
 */
export const FieldId = z
  .string()
  .trim()
  .regex(
    /^(customfield_\d{1,12}|[a-z][a-zA-Z]{1,40})$/,
    'use a Jira field id such as labels or customfield_10010',
  );

/** Text (which may show other fields' values, `{{field:<name>}}`), a number, or a list of texts (labels…). */
export const FieldValue = z.union([
  z.string().max(32_000, 'keep the value under 32,000 characters'),
  z.number(),
  z.array(z.string().max(255)).max(100, 'list at most 100 values'),
]);

/** A field's name when the rule was saved, for the summaries people read; the id is what the rule acts on. */
const FieldName = z.string().max(255).optional();

export const FieldOperation = z.discriminatedUnion('op', [
  z.object({ op: z.literal('set'), field: FieldId, fieldName: FieldName, value: FieldValue }),
  z.object({
    op: z.literal('copy'),
    field: FieldId,
    fieldName: FieldName,
    from: FieldId,
    fromName: FieldName,
  }),
  z.object({ op: z.literal('clear'), field: FieldId, fieldName: FieldName }),
]);
export type FieldOperation = z.infer<typeof FieldOperation>;

/** Fields Jira never lets an edit empty. */
const REQUIRED_FIELDS = new Set(['summary', 'issuetype', 'project']);

export const SetFieldsConfig = PostFunctionSettings.extend({
  operations: z
    .array(FieldOperation)
    .min(1, 'add at least one field to change')
    .max(20, 'change at most 20 fields')
    .superRefine((operations, context) => {
      const seen = new Set<string>();
      operations.forEach((operation, index) => {
        if (seen.has(operation.field))
          context.addIssue({
            code: 'custom',
            path: [index, 'field'],
            message: `${operation.field} is changed twice`,
          });
        seen.add(operation.field);
        if (operation.op === 'copy' && operation.from === operation.field)
          context.addIssue({ code: 'custom', path: [index, 'from'], message: 'copy from another field' });
        if (operation.op === 'clear' && REQUIRED_FIELDS.has(operation.field))
          context.addIssue({
            code: 'custom',
            path: [index, 'field'],
            message: `${operation.field} cannot be empty`,
          });
      });
    }),
  /** The fields `{{field:…}}` names in the text values, looked up in Jira when the rule was saved. */
  templateFields: TemplateFields.optional(),
});
export type SetFieldsConfig = z.infer<typeof SetFieldsConfig>;
