import { fixAt } from '../links';
import { quoted, type ReferenceChecker } from './types';

/**
 * Transitions by name, against every workflow the scan read (no call of its own). A rule moving related issues
 * through "Done" finds nothing to do once every workflow calls it "Close".
 */
export const transitionsChecker: ReferenceChecker<'transitions'> = {
  kind: 'transitions',
  check: (items, env) =>
    Promise.resolve(
      items
        .filter(({ ref }) => !env.transitionNames.has(ref.name.toLowerCase()))
        .map(({ ref, use }) => ({
          kind: 'transition' as const,
          subject: ref.name.toLowerCase(),
          use,
          problem: `No workflow has a transition named ${quoted(ref.name)} any more, ${ref.role}; related issues would never move.`,
          fix: `Edit the ${use.rule.title} rule on transition "${use.transition.name}" and name the transition as the related issues' workflows now call it, or rename that transition back.`,
          fixAt: fixAt.workflow(use.workflow.name),
        })),
    ),
};
