import { fixAt } from '../links';
import { ruleAndTransition, said } from '../model';
import type { ReferenceChecker } from './types';

/** Statuses by name, against the statuses of every workflow the scan read (no call of its own). */
export const statusesChecker: ReferenceChecker<'statuses'> = {
  kind: 'statuses',
  check: (items, env) =>
    Promise.resolve(
      items
        .filter(({ ref }) => !env.statusNames.has(ref.name))
        .map(({ ref, use }) => ({
          kind: 'status' as const,
          subject: ref.name,
          use,
          problem: said('status.problem', { name: ref.name, role: ref.role }),
          fix: said('status.fix', ruleAndTransition(use)),
          fixAt: fixAt.workflow(use.workflow.name),
        })),
    ),
};
