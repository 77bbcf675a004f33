import { fixAt } from '../links';
import { ruleAndTransition, said } from '../model';
import type { ReferenceChecker } from './types';

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
          problem: said('transition.problem', { name: ref.name, role: ref.role }),
          fix: said('transition.fix', ruleAndTransition(use)),
          fixAt: fixAt.workflow(use.workflow.name),
        })),
    ),
};
