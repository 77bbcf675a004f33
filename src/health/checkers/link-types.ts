import { z } from 'zod';
import { route } from '../../access/route';
import { fixAt } from '../links';
import type { Finding } from '../model';
import { quoted, type ReferenceChecker } from './types';

const LinkTypes = z.object({
  issueLinkTypes: z.array(z.object({ name: z.string(), inward: z.string(), outward: z.string() })),
});

/** Link types by name (ignoring case, as JQL does) and direction, against `GET /rest/api/3/issueLinkType`. */
export const linkTypesChecker: ReferenceChecker<'linkTypes'> = {
  kind: 'linkTypes',
  async check(items, env) {
    const types = LinkTypes.parse(
      await env.session.jira(env.reader).requestJira(route`/rest/api/3/issueLinkType`),
    ).issueLinkTypes;
    const findings: Finding[] = [];
    for (const { ref, use } of items) {
      const type = types.find((t) => t.name.toLowerCase() === ref.name.toLowerCase());
      const fix = `Edit the ${use.rule.title} rule on transition "${use.transition.name}" and choose a link type that exists, or add the link type back (${fixAt.linkTypes.label}).`;
      if (!type) {
        findings.push({
          kind: 'link-type',
          subject: ref.name.toLowerCase(),
          use,
          problem: `Link type ${quoted(ref.name)}, ${ref.role}, no longer exists in Jira${types.length ? `; it has ${types.map((t) => quoted(t.name)).join(', ')}` : ''}.`,
          fix,
          fixAt: fixAt.workflow(use.workflow.name),
        });
      } else if (ref.direction && ![type.inward, type.outward].includes(ref.direction)) {
        findings.push({
          kind: 'link-type',
          subject: `${ref.name.toLowerCase()}:${ref.direction}`,
          use,
          problem: `Link type ${quoted(type.name)} no longer has the direction ${quoted(ref.direction)}, ${ref.role}; its directions are now ${quoted(type.outward)} and ${quoted(type.inward)}.`,
          fix,
          fixAt: fixAt.workflow(use.workflow.name),
        });
      }
    }
    return findings;
  },
};
