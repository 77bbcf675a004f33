import { z } from 'zod';
import type { Decision } from '../../execution/validator-runner';
import { STATUS_CATEGORY_NAMES } from '../../shared/validator-config';
import type { RelatedIssuesConfig } from './configuration';

const Status = z.object({ name: z.string(), statusCategory: z.object({ key: z.string() }) });
const Hit = z.object({
  key: z.string(),
  fields: z
    .object({
      status: Status.optional(),
      parent: z
        .object({ key: z.string(), fields: z.object({ status: Status.optional() }).optional() })
        .optional(),
    })
    .default({}),
});
/** The enhanced search answer (POST /rest/api/3/search/jql), reduced to what the decision reads. */
export const SearchAnswer = z.object({ issues: z.array(Hit).default([]), isLast: z.boolean().optional() });
export type SearchAnswer = z.infer<typeof SearchAnswer>;

/** Pure decision over the one search answer built by relatedIssuesJql(). */
export function decideRelated(issueKey: string, config: RelatedIssuesConfig, answer: SearchAnswer): Decision {
  const wanted = STATUS_CATEGORY_NAMES[config.requiredCategory];
  const offenders: string[] = [];
  for (const hit of answer.issues) {
    if (hit.key === issueKey) {
      const parent = hit.fields.parent;
      const status = parent?.fields?.status;
      if (config.parent && parent && status && status.statusCategory.key !== config.requiredCategory) {
        offenders.push(`${parent.key} (parent, ${status.name})`);
      }
      continue;
    }
    const relation = config.subtasks && hit.fields.parent?.key === issueKey ? 'sub-task' : 'linked issue';
    offenders.push(`${hit.key} (${relation}, ${hit.fields.status?.name ?? 'unknown status'})`);
  }
  if (!offenders.length) {
    return { pass: true, summary: `Every related issue is in status category "${wanted}"` };
  }
  const more = answer.isLast === false ? ' and more' : '';
  return {
    pass: false,
    message: `Move these related issues to a "${wanted}" status before making this transition: ${offenders.join(', ')}${more}.`,
    summary: `${offenders.length}${more} related issue(s) not in "${wanted}"`,
  };
}
