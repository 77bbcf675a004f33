import { fixAt } from '../links';
import { quoted, type ReferenceChecker } from './types';

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
          problem: `No workflow uses a status named ${quoted(ref.name)} any more, ${ref.role}.`,
          fix: `Edit the ${use.rule.title} rule on transition "${use.transition.name}" and choose a status that exists, or rename the status back.`,
          fixAt: fixAt.workflow(use.workflow.name),
        })),
    ),
};
