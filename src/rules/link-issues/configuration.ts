import { z } from 'zod';
import { PostFunctionSettings } from '../../shared/post-function-settings';

/** How many issues one execution links at most: one page of the enhanced search. */
export const MAX_LINKED_ISSUES = 50;

/**
 * Link issues: links the transitioned issue to the issues a JQL query finds, or to those named in one of its
 * fields (an issue picker, or a text field holding issue keys), with a link type.
 */
export const LinkIssuesConfig = PostFunctionSettings.extend({
  source: z.enum(['jql', 'field']),
  /** For `jql`: JQL; `{{issue.key}}` stands for the transitioned issue's key. */
  jql: z.string().trim().max(2000, 'keep the query under 2,000 characters').optional(),
  /** For `field`: the field of the transitioned issue that names the issues. */
  fieldId: z
    .string()
    .regex(/^(customfield_\d{1,12}|[a-z][a-zA-Z]{1,40})$/, 'pick the field from the list')
    .optional(),
  fieldName: z.string().max(255).optional(),
  linkType: z.string().trim().min(1, 'pick a link type').max(255),
  /** outward: "<transitioned issue> <outward description> <found issue>", e.g. "OPS-1 blocks OPS-5". */
  direction: z.enum(['outward', 'inward']).default('outward'),
}).superRefine((config, context) => {
  if (config.source === 'jql' && !config.jql)
    context.addIssue({
      code: 'custom',
      path: ['jql'],
      message: 'write the JQL that finds the issues to link',
    });
  if (config.source === 'field' && !config.fieldId)
    context.addIssue({ code: 'custom', path: ['fieldId'], message: 'pick the field that names the issues' });
});
export type LinkIssuesConfig = z.infer<typeof LinkIssuesConfig>;
