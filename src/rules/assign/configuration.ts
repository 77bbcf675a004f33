import { z } from 'zod';
import { PostFunctionSettings } from '../../shared/post-function-settings';

export const ASSIGN_TARGETS = ['reporter', 'user-field', 'role', 'previous-assignee', 'unassign'] as const;

/**
 * Assign: to the reporter, to the user in a user field, to a member of a project role of the issue's project (the
 * first assignable one, or in turn), back to the assignee before the current one, or nobody.
 */
export const AssignConfig = PostFunctionSettings.extend({
  target: z.enum(ASSIGN_TARGETS),
  /** For `user-field`: a single-user field of the issue (a user picker custom field, or a system user field). */
  fieldId: z
    .string()
    .regex(/^(customfield_\d{1,12}|[a-z][a-zA-Z]{1,40})$/, 'pick the field from the list')
    .optional(),
  fieldName: z.string().max(255).optional(),
  /** For `role`: Jira's project role id (roles are shared by all projects), and how a member is chosen. */
  roleId: z
    .string()
    .regex(/^\d{1,18}$/, 'pick the role from the list')
    .optional(),
  roleName: z.string().max(255).optional(),
  roleStrategy: z.enum(['first', 'round-robin']).default('first'),
}).superRefine((config, context) => {
  if (config.target === 'user-field' && !config.fieldId)
    context.addIssue({ code: 'custom', path: ['fieldId'], message: 'pick the user field' });
  if (config.target === 'role' && !config.roleId)
    context.addIssue({ code: 'custom', path: ['roleId'], message: 'pick the project role' });
});
export type AssignConfig = z.infer<typeof AssignConfig>;
