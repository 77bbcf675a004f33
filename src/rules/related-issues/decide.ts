import { z } from 'zod';
import type { Decision } from '../../execution/validator-runner';
import { projectOfIssue } from '../../execution/validator-runner';
import { STATUS_CATEGORY_NAMES } from '../../shared/validator-config';
import type { RelatedIssuesConfig } from './configuration';

const Status = z.object({ name: z.string(), statusCategory: z.object({ key: z.string() }) });
/** The issue security level; absent or null when the issue has none. */
const Security = z.object({ id: z.string() }).nullish();
const Hit = z.object({
  key: z.string(),
  fields: z
    .object({
      status: Status.optional(),
      security: Security,
      issuetype: z.object({ subtask: z.boolean().optional() }).optional(),
      parent: z
        .object({ key: z.string(), fields: z.object({ status: Status.optional() }).optional() })
        .optional(),
    })
    .default({}),
});
/** The enhanced search answer (POST /rest/api/3/search/jql), reduced to what the decision reads. */
export const SearchAnswer = z.object({ issues: z.array(Hit).default([]), isLast: z.boolean().optional() });
export type SearchAnswer = z.infer<typeof SearchAnswer>;

/** A related issue that is not in the required status category. */
export interface Offender {
  key: string;
  relation: 'parent' | 'sub-task' | 'linked issue';
  statusName: string;
  /**
   * Whether anyone who may transition the issue can see this one: it is in the same project and under the same
   * issue security level (none counts as a level). A sub-task's parent shares the sub-task's level; any other
   * parent's level is not in the answer, so it is not assumed (see `parentLevel`).
   */
  seenWithIssue: boolean;
}

/** The security level of an issue as a search answers it: its id, or null for none. */
export const levelOf = (hit: { fields: { security?: { id: string } | null } } | undefined): string | null =>
  hit?.fields.security?.id ?? null;

/**
 * The related issues the search answer shows not to be in the required category (pure). `parentLevel` is the
 * parent's security level when it was looked up (undefined: not known).
 */
export function offendersIn(
  issueKey: string,
  config: RelatedIssuesConfig,
  answer: SearchAnswer,
  parentLevel?: string | null,
): Offender[] {
  const project = projectOfIssue(issueKey);
  const self = answer.issues.find((hit) => hit.key === issueKey);
  const level = levelOf(self);
  const offenders: Offender[] = [];
  for (const hit of answer.issues) {
    if (hit.key === issueKey) {
      const parent = hit.fields.parent;
      const status = parent?.fields?.status;
      if (config.parent && parent && status && status.statusCategory.key !== config.requiredCategory) {
        offenders.push({
          key: parent.key,
          relation: 'parent',
          statusName: status.name,
          seenWithIssue:
            projectOfIssue(parent.key) === project &&
            (hit.fields.issuetype?.subtask === true || parentLevel === level),
        });
      }
      continue;
    }
    offenders.push({
      key: hit.key,
      relation: config.subtasks && hit.fields.parent?.key === issueKey ? 'sub-task' : 'linked issue',
      statusName: hit.fields.status?.name ?? 'unknown status',
      seenWithIssue: projectOfIssue(hit.key) === project && levelOf(hit) === level,
    });
  }
  return offenders;
}

/**
 * Pure decision: the offenders the transitioning user may see are named; the others are only counted, so that a
 * validator running as the app never shows a key or summary of an issue the user cannot browse.
 */
export function decideRelated(
  config: RelatedIssuesConfig,
  offenders: readonly Offender[],
  visible: (offender: Offender) => boolean,
  /** The search had more offenders than it returned. */
  more: boolean,
): Decision {
  const wanted = STATUS_CATEGORY_NAMES[config.requiredCategory];
  if (!offenders.length) {
    return { pass: true, summary: `Every related issue is in status category "${wanted}"` };
  }
  const named = offenders.filter(visible).map((o) => `${o.key} (${o.relation}, ${o.statusName})`);
  const hidden = offenders.length - named.length;
  const parts: string[] = [];
  if (named.length)
    parts.push(
      `Move these related issues to a "${wanted}" status before making this transition: ${named.join(', ')}${more && !hidden ? ' and more' : ''}.`,
    );
  if (hidden) {
    const one = hidden === 1 && !more;
    const them = one ? 'it' : 'them';
    parts.push(
      `${hidden}${more ? ' or more' : ''} ${named.length ? 'other ' : ''}related issue${one ? '' : 's'} you cannot see ${one ? 'is' : 'are'} not in a "${wanted}" status` +
        (named.length ? '.' : `: ask someone who can see ${them} to move ${them}, or ask your Jira admin.`),
    );
  }
  return {
    pass: false,
    message: parts.join(' '),
    summary: `${offenders.length}${more ? ' and more' : ''} related issue(s) not in "${wanted}"${hidden ? `, ${hidden} of them not shown to the user` : ''}`,
  };
}
