import { z } from 'zod';
import { TemplateFields } from '../../shared/field-templates';
import { PostFunctionSettings } from '../../shared/post-function-settings';
import { PLACEHOLDERS, unknownPlaceholders } from './template';

/** The longest comment text the rule accepts. */
export const MAX_COMMENT = 4000;

export const CommentConfig = PostFunctionSettings.extend({
  /** Plain text with placeholders, see template.ts; blank lines separate paragraphs. */
  template: z
    .string()
    .trim()
    .min(1, 'write the comment text')
    .max(MAX_COMMENT, `keep the comment under ${MAX_COMMENT.toLocaleString('en-US')} characters`)
    .superRefine((template, context) => {
      const unknown = unknownPlaceholders(template);
      if (unknown.length > 0)
        context.addIssue({
          code: 'custom',
          message: `unknown placeholder ${unknown.map((name) => `{{${name}}}`).join(', ')}; use one of ${PLACEHOLDERS.map((name) => `{{${name}}}`).join(', ')}`,
        });
    }),
  /** The fields `{{field:…}}` names in the template, looked up in Jira when the rule was saved. */
  templateFields: TemplateFields.optional(),
});
export type CommentConfig = z.infer<typeof CommentConfig>;
