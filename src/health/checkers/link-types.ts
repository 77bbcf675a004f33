import { z } from 'zod';
import { route } from '../../access/route';
import { fixAt } from '../links';
import { ruleAndTransition, said, type Finding } from '../model';
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
      const fix = said('linkType.fix', { ...ruleAndTransition(use), place: fixAt.linkTypes.label });
      if (!type) {
        findings.push({
          kind: 'link-type',
          subject: ref.name.toLowerCase(),
          use,
          problem: types.length
            ? said('linkType.missingAmong', {
                name: ref.name,
                role: ref.role,
                others: types.map((t) => quoted(t.name)).join(', '),
              })
            : said('linkType.missing', { name: ref.name, role: ref.role }),
          fix,
          fixAt: fixAt.workflow(use.workflow.name),
        });
      } else if (ref.direction && ![type.inward, type.outward].includes(ref.direction)) {
        findings.push({
          kind: 'link-type',
          subject: `${ref.name.toLowerCase()}:${ref.direction}`,
          use,
          problem: said('linkType.direction', {
            name: type.name,
            direction: ref.direction,
            role: ref.role,
            outward: type.outward,
            inward: type.inward,
          }),
          fix,
          fixAt: fixAt.workflow(use.workflow.name),
        });
      }
    }
    return findings;
  },
};
