import { z } from 'zod';
import type { TransitionRelatedConfig } from './configuration';

/** The issue fields that name related issues, as `GET /rest/api/3/issue/{key}` returns them (with their ids). */
const IssueRef = z.object({ id: z.string().optional(), key: z.string() });
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

/** The issues to move, each once, never the transitioned issue itself (a self-link must not loop). */
export function relatedIssues(
  originKey: string,
  fields: RelatedFields,
  configuration: Pick<TransitionRelatedConfig, 'target' | 'linkType'>,
): string[] {
  const keys =
    configuration.target === 'parent'
      ? fields.parent
        ? [fields.parent.key]
        : []
      : configuration.target === 'sub-tasks'
        ? (fields.subtasks ?? []).map((issue) => issue.key)
        : (fields.issuelinks ?? [])
            .filter((link) => link.type.name.toLowerCase() === configuration.linkType?.toLowerCase())
            .flatMap((link) => [link.inwardIssue?.key, link.outwardIssue?.key])
            .filter((key): key is string => key !== undefined);
  return [...new Set(keys)].filter((key) => key !== originKey);
}

/** The issue id of each related issue, as the origin issue's fields show it (for the search to reconcile). */
export function relatedIds(fields: RelatedFields): Map<string, string> {
  const refs = [
    fields.parent,
    ...(fields.subtasks ?? []),
    ...(fields.issuelinks ?? []).flatMap((link) => [link.inwardIssue, link.outwardIssue]),
  ];
  return new Map(refs.flatMap((ref) => (ref?.id !== undefined ? [[ref.key, ref.id] as const] : [])));
}

export const describeTarget = (
  configuration: Pick<TransitionRelatedConfig, 'target' | 'linkType'>,
): string =>
  configuration.target === 'parent'
    ? 'parent'
    : configuration.target === 'sub-tasks'
      ? 'sub-tasks'
      : `issues linked by "${configuration.linkType ?? ''}"`;
