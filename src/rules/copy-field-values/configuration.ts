import { z } from 'zod';
import { PostFunctionSettings } from '../../shared/post-function-settings';
import { FieldId } from '../set-fields/configuration';

/**
 * Copy field values: between the transitioned issue and its parent, its sub-tasks (child issues) or the issues
 * linked to it with one link type. `pull` writes the related issues' values into the transitioned issue (several
 * sources are combined by each pair's aggregation); `push` writes the transitioned issue's values into each related
 * issue. Pure (zod only): the configuration screen validates with it, so type mismatches show beside the fields.
 */

/** A field's `schema` as Jira's field list gives it (GET /rest/api/3/field, JsonTypeBean): kept when picked. */
export const FieldSchema = z.object({
  type: z.string().trim().min(1).max(100),
  items: z.string().max(100).optional(),
  custom: z.string().max(200).optional(),
});
export type FieldSchema = z.infer<typeof FieldSchema>;

export const AGGREGATIONS = ['first', 'sum', 'min', 'max', 'join'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

export const MAX_SEPARATOR_LENGTH = 20;

export const FieldPair = z.object({
  from: FieldId,
  fromName: z.string().max(255).optional(),
  fromSchema: FieldSchema.optional(),
  to: FieldId,
  toName: z.string().max(255).optional(),
  toSchema: FieldSchema.optional(),
  /** How the values of several sources become one (pull from sub-tasks or linked issues). */
  aggregation: z.enum(AGGREGATIONS).default('first'),
  /** For `join`: put between the values. */
  separator: z
    .string()
    .max(MAX_SEPARATOR_LENGTH, `keep the separator under ${MAX_SEPARATOR_LENGTH} characters`)
    .default(', '),
});
export type FieldPair = z.infer<typeof FieldPair>;

/** Fields Jira sets by itself or by another operation than an edit: never a copy's target. */
const NOT_WRITABLE = new Set([
  'status',
  'project',
  'issuetype',
  'created',
  'updated',
  'creator',
  'resolutiondate',
  'statuscategorychangedate',
  'lastViewed',
  'votes',
  'watches',
  'worklog',
  'comment',
  'attachment',
  'issuelinks',
  'subtasks',
  'parent',
  'issuekey',
  'key',
  'thumbnail',
  'aggregateprogress',
  'progress',
  'aggregatetimespent',
  'timespent',
  'workratio',
]);

const ORDERED = new Set(['number', 'date', 'datetime']);

const named = (name: string | undefined, id: string): string => (name ? `"${name}"` : id);
const kind = (schema: FieldSchema): string =>
  schema.type === 'array' ? `a list of ${schema.items ?? 'values'}` : `a ${schema.type}`;

/**
 * Why the pair cannot work, with the field to fix, or undefined. Types are compared only when both fields' schemas
 * were picked (a configuration written by hand is checked by Jira when the rule runs, and by the health check).
 */
export function pairProblem(
  pair: FieldPair,
): { at: 'to' | 'from' | 'aggregation'; message: string } | undefined {
  if (NOT_WRITABLE.has(pair.to))
    return {
      at: 'to',
      message: `${named(pair.toName, pair.to)} cannot be written by an edit; choose another field`,
    };
  const { fromSchema: from, toSchema: to } = pair;
  if (!from || !to) return undefined;
  const fromName = named(pair.fromName, pair.from);
  const toName = named(pair.toName, pair.to);
  switch (pair.aggregation) {
    case 'sum':
      if (from.type !== 'number')
        return { at: 'from', message: `a sum adds numbers, and ${fromName} holds ${kind(from)}` };
      if (to.type !== 'number')
        return { at: 'to', message: `a sum is a number, and ${toName} holds ${kind(to)}` };
      return undefined;
    case 'min':
    case 'max':
      if (!ORDERED.has(from.type))
        return {
          at: 'from',
          message: `the ${pair.aggregation === 'min' ? 'minimum' : 'maximum'} compares numbers or dates, and ${fromName} holds ${kind(from)}`,
        };
      if (to.type !== from.type)
        return { at: 'to', message: `${toName} holds ${kind(to)}, not ${kind(from)} like ${fromName}` };
      return undefined;
    case 'join':
      if (to.type !== 'string')
        return { at: 'to', message: `joined values are text, and ${toName} holds ${kind(to)}` };
      return undefined;
    case 'first':
      if (to.type !== from.type || (to.type === 'array' && to.items !== from.items))
        return { at: 'to', message: `${toName} holds ${kind(to)}, and ${fromName} holds ${kind(from)}` };
      return undefined;
  }
}

export const LinkTypeRef = z.object({
  name: z.string().trim().min(1, 'pick a link type').max(255),
  /** Its descriptions, as Jira's link types list them: JQL's linkedIssues() takes them. */
  inward: z.string().trim().min(1).max(255),
  outward: z.string().trim().min(1).max(255),
});

export const MAX_PAIRS = 20;

export const CopyFieldValuesConfig = PostFunctionSettings.extend({
  direction: z.enum(['pull', 'push']).default('pull'),
  relation: z.enum(['parent', 'sub-tasks', 'linked']),
  /** For `linked`: the link type, and which side of it the related issues are on (`any`: both). */
  linkType: LinkTypeRef.optional(),
  /** `outward`: issues this issue "<outward>" (e.g. blocks); `inward`: issues this issue "<inward>". */
  linkSide: z.enum(['any', 'outward', 'inward']).default('any'),
  pairs: z
    .array(FieldPair)
    .min(1, 'add at least one field to copy')
    .max(MAX_PAIRS, `copy at most ${MAX_PAIRS} fields`)
    .superRefine((pairs, context) => {
      const seen = new Set<string>();
      pairs.forEach((pair, index) => {
        if (seen.has(pair.to))
          context.addIssue({ code: 'custom', path: [index, 'to'], message: `${pair.to} is written twice` });
        seen.add(pair.to);
        const problem = pairProblem(pair);
        if (problem)
          context.addIssue({ code: 'custom', path: [index, problem.at], message: problem.message });
      });
    }),
}).superRefine((configuration, context) => {
  if (configuration.relation === 'linked' && !configuration.linkType)
    context.addIssue({
      code: 'custom',
      path: ['linkType'],
      message: 'choose the link type of the issues to copy between',
    });
});
export type CopyFieldValuesConfig = z.infer<typeof CopyFieldValuesConfig>;
