import { z } from 'zod';
import { route } from '../../access/route';
import { fixAt } from '../links';
import { ruleAndTransition, said } from '../model';
import type { ReferenceChecker } from './types';

const PAGE = 10;
const Users = z.object({
  values: z.array(z.object({ accountId: z.string(), active: z.boolean().optional() })),
});

/**
 * People by account id, 10 per `GET /rest/api/3/user/bulk` (as src/access/people.ts asks): one Jira no longer
 * returns, or returns as inactive, cannot be assigned or act.
 */
export const usersChecker: ReferenceChecker<'users'> = {
  kind: 'users',
  async check(items, env) {
    const ids = [...new Set(items.map(({ ref }) => ref.accountId))];
    const active = new Set<string>();
    for (let start = 0; start < ids.length; start += PAGE) {
      const chunk = ids.slice(start, start + PAGE);
      const at = (n: number): string => chunk[n] ?? chunk[0] ?? '';
      const page = Users.parse(
        await env.session
          .jira(env.reader)
          .requestJira(
            route`/rest/api/3/user/bulk?maxResults=${PAGE}&accountId=${at(0)}&accountId=${at(1)}&accountId=${at(2)}&accountId=${at(3)}&accountId=${at(4)}&accountId=${at(5)}&accountId=${at(6)}&accountId=${at(7)}&accountId=${at(8)}&accountId=${at(9)}`,
          ),
      );
      for (const user of page.values) if (user.active !== false) active.add(user.accountId);
    }
    return items
      .filter(({ ref }) => !active.has(ref.accountId))
      .map(({ ref, use }) => ({
        kind: 'user' as const,
        subject: ref.accountId,
        use,
        problem: said('user.problem', { accountId: ref.accountId, role: ref.role }),
        fix: said('user.fix', { ...ruleAndTransition(use), place: fixAt.users.label }),
        fixAt: fixAt.workflow(use.workflow.name),
      }));
  },
};
