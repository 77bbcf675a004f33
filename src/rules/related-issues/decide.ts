import { z } from 'zod';
import type { Decision } from '../../execution/validator-runner';
import { projectOfIssue } from '../../execution/validator-runner';
import { text, type Text } from '../../shared/text-format';
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
  /** Absent when the search answer did not say. */
  statusName?: string;
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
      ...(hit.fields.status ? { statusName: hit.fields.status.name } : {}),
      seenWithIssue: projectOfIssue(hit.key) === project && levelOf(hit) === level,
    });
  }
  return offenders;
}

/** The catalogue's word for each relation (messages.relatedIssues.relation). */
const RELATIONS: Readonly<Record<Offender['relation'], string>> = {
  parent: 'parent',
  'sub-task': 'subTask',
  'linked issue': 'linkedIssue',
};

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
  const shown = offenders.filter(visible);
  const hidden = offenders.length - shown.length;
  // The message is worded when it is shown (validator-runner), in the reader's language: its parts are kept as texts.
  const category = text(`messages.statusCategory.${config.requiredCategory}`);
  const parts: Text[] = [];
  if (shown.length)
    parts.push(
      text(more && !hidden ? 'messages.relatedIssues.moveAndMore' : 'messages.relatedIssues.move', {
        category,
        issues: shown.map((o) =>
          text('messages.relatedIssues.issue', {
            key: o.key,
            relation: text(`messages.relatedIssues.relation.${RELATIONS[o.relation]}`),
            status: o.statusName ?? text('messages.relatedIssues.unknownStatus'),
          }),
        ),
      }),
    );
  if (hidden) {
    const key = shown.length
      ? more
        ? 'messages.relatedIssues.hiddenOthersMore'
        : 'messages.relatedIssues.hiddenOthers'
      : more
        ? 'messages.relatedIssues.hiddenAloneMore'
        : 'messages.relatedIssues.hiddenAlone';
    parts.push(text(key, { count: hidden, category }));
  }
  return {
    pass: false,
    message: parts,
    summary: `${offenders.length}${more ? ' and more' : ''} related issue(s) not in "${wanted}"${hidden ? `, ${hidden} of them not shown to the user` : ''}`,
  };
}
