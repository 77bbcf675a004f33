import { z } from 'zod';
import type { TransitionRelatedConfig } from './configuration';

/** The issue fields that name related issues, as `GET /rest/api/3/issue/{key}` returns them (with their ids). */
const IssueRef = z.object({
  id: z.string().optional(),
  key: z.string(),
  // Jira embeds each related issue's status (LinkedIssue/Fields in the spec): no read of its own is needed.
  fields: z
    .object({ status: z.object({ id: z.string() }).partial().optional() })
    .partial()
    .optional(),
});
export const RelatedFields = z.object({
  parent: IssueRef.optional(),
  subtasks: z.array(IssueRef).optional(),
  issuelinks: z
    .array(
      z.object({
        type: z.object({ name: z.string() }),
        inwardIssue: IssueRef.optional(),
        outwardIssue: IssueRef.optional(),
      }),
    )
    .optional(),
});
export type RelatedFields = z.infer<typeof RelatedFields>;

type IssueRef = z.infer<typeof IssueRef>;
type Target = Pick<TransitionRelatedConfig, 'target' | 'linkType'>;

/** The references the configuration points at: the parent, the sub-tasks, or both ends of links of one type. */
function targetRefs(fields: RelatedFields, configuration: Target): IssueRef[] {
  if (configuration.target === 'parent') return fields.parent ? [fields.parent] : [];
  if (configuration.target === 'sub-tasks') return fields.subtasks ?? [];
  return (fields.issuelinks ?? [])
    .filter((link) => link.type.name.toLowerCase() === configuration.linkType?.toLowerCase())
    .flatMap((link) => [link.inwardIssue, link.outwardIssue])
    .filter((ref): ref is IssueRef => ref !== undefined);
}

/** The issues to move, each once, never the transitioned issue itself (a self-link must not loop). */
export function relatedIssues(originKey: string, fields: RelatedFields, configuration: Target): string[] {
  const keys = targetRefs(fields, configuration).map((ref) => ref.key);
  return [...new Set(keys)].filter((key) => key !== originKey);
}

/** The issue id of each issue to move, as the origin issue's fields show it (for the search to reconcile). */
export function relatedIds(fields: RelatedFields, configuration: Target): Map<string, string> {
  return new Map(
    targetRefs(fields, configuration).flatMap((ref) =>
      ref.id !== undefined ? [[ref.key, ref.id] as const] : [],
    ),
  );
}

/** Each issue to move's current status id, as the origin issue's read embeds it. */
export function relatedStatuses(fields: RelatedFields, configuration: Target): Map<string, string> {
  return new Map(
    targetRefs(fields, configuration).flatMap((ref) => {
      const status = ref.fields?.status?.id;
      return status !== undefined ? [[ref.key, status] as const] : [];
    }),
  );
}

export const describeTarget = (
  configuration: Pick<TransitionRelatedConfig, 'target' | 'linkType'>,
): string =>
  configuration.target === 'parent'
    ? 'parent'
    : configuration.target === 'sub-tasks'
      ? 'sub-tasks'
      : `issues linked by "${configuration.linkType ?? ''}"`;
