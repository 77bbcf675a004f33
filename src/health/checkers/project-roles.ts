import { z } from 'zod';
import { route } from '../../access/route';
import { fixAt } from '../links';
import { ruleAndTransition, said } from '../model';
import type { ReferenceChecker } from './types';

const Roles = z.array(z.object({ name: z.string() }));

/** Project roles by name, against `GET /rest/api/3/role` (every role of the site, one call; Administer Jira). */
export const projectRolesChecker: ReferenceChecker<'projectRoles'> = {
  kind: 'projectRoles',
  async check(items, env) {
    const roles = new Set(
      Roles.parse(
        await env.session.jira(env.reader).requestJira(route`/rest/api/3/role`, { permission: 'ADMINISTER' }),
      ).map((r) => r.name),
    );
    return items
      .filter(({ ref }) => !roles.has(ref.name))
      .map(({ ref, use }) => ({
        kind: 'project-role' as const,
        subject: ref.name,
        use,
        problem: said('projectRole.problem', { name: ref.name, role: ref.role }),
        fix: said('projectRole.fix', { ...ruleAndTransition(use), place: fixAt.projectRoles.label }),
        fixAt: fixAt.workflow(use.workflow.name),
      }));
  },
};
