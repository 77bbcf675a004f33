import { z } from 'zod';
import { PostFunctionSettings } from '../../shared/post-function-settings';
import { TransitionsByStatus } from './resolve';

/**
 * Transition related issues: moves the parent, the sub-tasks or the issues linked with one link type through the
 * transition with the given name (as Jira shows it on the issue, e.g. "Done"). Issues that have no such transition
 * from their status are skipped, or fail the post-function, as chosen. The configuration screen picks the name from
 * the site's workflows and resolves its ids per status when the rule is saved.
 */
export const TransitionRelatedConfig = PostFunctionSettings.extend({
  target: z.enum(['parent', 'sub-tasks', 'linked']),
  /** For `linked`: the link type's name, e.g. "Blocks"; links of that type count in both directions. */
  linkType: z.string().trim().min(1).max(255).optional(),
  transitionName: z.string().trim().min(1, 'name the transition, e.g. Done').max(255),
  /**
   * The transition's id per status, resolved when the rule was saved (resolve.ts). A configuration saved before
   * has none and keeps working by name: every status then asks Jira, as it always did.
   */
  transitionsByStatus: TransitionsByStatus.optional(),
  whenUnavailable: z.enum(['skip', 'fail']).default('skip'),
}).superRefine((configuration, context) => {
  if (configuration.target === 'linked' && !configuration.linkType)
    context.addIssue({
      code: 'custom',
      path: ['linkType'],
      message: 'choose the link type of the issues to move',
    });
});
export type TransitionRelatedConfig = z.infer<typeof TransitionRelatedConfig>;
