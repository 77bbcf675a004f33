import { z } from 'zod';
import { route } from '../../access/route';
import { fixAt } from '../links';
import { ruleAndTransition, said } from '../model';
import type { ReferenceChecker } from './types';

const PAGE = 10;
const Groups = z.object({ values: z.array(z.object({ name: z.string() })) });

/**
 * Groups by name, 10 per `GET /rest/api/3/group/bulk` (permission "Browse users and groups", scope read:jira-user).
 * The spec takes several names as repeated `groupName` parameters, each named literally at the call site; a shorter
 * list repeats its first name. A renamed group is a missing name: the rule lets none of its members through.
 */
export const groupsChecker: ReferenceChecker<'groups'> = {
  kind: 'groups',
  async check(items, env) {
    const names = [...new Set(items.map(({ ref }) => ref.name))];
    const found = new Set<string>();
    for (let start = 0; start < names.length; start += PAGE) {
      const chunk = names.slice(start, start + PAGE);
      const at = (n: number): string => chunk[n] ?? chunk[0] ?? '';
      const page = Groups.parse(
        await env.session
          .jira(env.reader)
          .requestJira(
            route`/rest/api/3/group/bulk?maxResults=${PAGE}&groupName=${at(0)}&groupName=${at(1)}&groupName=${at(2)}&groupName=${at(3)}&groupName=${at(4)}&groupName=${at(5)}&groupName=${at(6)}&groupName=${at(7)}&groupName=${at(8)}&groupName=${at(9)}`,
            { permission: 'USER_PICKER' },
          ),
      );
      for (const group of page.values) found.add(group.name);
    }
    return items
      .filter(({ ref }) => !found.has(ref.name))
      .map(({ ref, use }) => ({
        kind: 'group' as const,
        subject: ref.name,
        use,
        problem: said('group.problem', { name: ref.name, role: ref.role }),
        fix: said('group.fix', { ...ruleAndTransition(use), place: fixAt.groups.label }),
        fixAt: fixAt.workflow(use.workflow.name),
      }));
  },
};
