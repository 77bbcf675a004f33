import { z } from 'zod';
import { TemplateFields } from '../../shared/field-templates';
import { PostFunctionSettings } from '../../shared/post-function-settings';

/** Jira's numeric ids (projects, issue types), as the pickers store them: a renamed project keeps its id. */
const JiraId = z.string().regex(/^\d{1,18}$/, 'pick it from the list');
/** Field ids as Jira's field list gives them: system fields (labels, duedate…) or customfield_<number>. */
const FieldId = z
  .string()
  .regex(/^(customfield_\d{1,12}|[a-z][a-zA-Z]{1,40})$/, 'pick the field from the list');

/** Placeholders the summary template may use, besides any field's value (`{{field:<name>}}`, field-templates.ts). */
export const SUMMARY_PLACEHOLDERS = ['issue.key', 'issue.summary', 'transition.name'] as const;
/** A built-in placeholder, or a field's (`field:<name>`), as the summary renderer reads them. */
export const SUMMARY_PLACEHOLDER = /\{\{\s*(field:[^{}]*?|[a-zA-Z.]+)\s*\}\}/g;

export const unknownSummaryPlaceholders = (template: string): string[] =>
  [...template.matchAll(SUMMARY_PLACEHOLDER)]
    .map((m) => m[1] ?? '')
    .filter(
      (name) => !name.startsWith('field:') && !(SUMMARY_PLACEHOLDERS as readonly string[]).includes(name),
    );

/** Fields Create issue sets itself, never copied. */
const SET_BY_THE_RULE = new Set(['summary', 'project', 'issuetype', 'parent', 'issuelinks', 'subtasks']);

/** The longest summary the rule accepts (Jira's own limit on a summary). */
export const MAX_SUMMARY = 255;

/**
 * Create issue: a new issue in a chosen project, or a sub-task of the transitioned issue (in its project), with a
 * summary from a template, fields copied from the transitioned issue and, optionally, a link back to it.
 * The names next to the ids are what the admin picked, shown in the workflow editor's summary.
 */
export const CreateIssueConfig = PostFunctionSettings.extend({
  kind: z.enum(['issue', 'sub-task']).default('issue'),
  /** For `issue`: the project to create in (a sub-task is always created in the transitioned issue's project). */
  projectId: JiraId.optional(),
  projectName: z.string().max(255).optional(),
  issueTypeId: JiraId,
  issueTypeName: z.string().max(255).optional(),
  summary: z
    .string()
    .trim()
    .min(1, 'write the summary of the new issue')
    .max(MAX_SUMMARY, `keep the summary under ${MAX_SUMMARY} characters`)
    .superRefine((template, context) => {
      const unknown = unknownSummaryPlaceholders(template);
      if (unknown.length > 0)
        context.addIssue({
          code: 'custom',
          message: `unknown placeholder ${unknown.map((n) => `{{${n}}}`).join(', ')}; use ${SUMMARY_PLACEHOLDERS.map((n) => `{{${n}}}`).join(', ')}`,
        });
    }),
  /** The fields `{{field:…}}` names in the summary, looked up in Jira when the rule was saved. */
  templateFields: TemplateFields.optional(),
  copyFields: z
    .array(FieldId)
    .max(20, 'copy at most 20 fields')
    .default([])
    .superRefine((fields, context) => {
      fields.forEach((field, index) => {
        if (SET_BY_THE_RULE.has(field))
          context.addIssue({ code: 'custom', path: [index], message: `${field} is set by the rule itself` });
        if (fields.indexOf(field) !== index)
          context.addIssue({ code: 'custom', path: [index], message: `${field} is copied twice` });
      });
    }),
  /** A link between the new issue and the transitioned one; `direction` says which side the new issue is on. */
  linkBack: z
    .object({
      linkType: z.string().trim().min(1, 'pick a link type').max(255),
      /** outward: "<new issue> <outward description> <current issue>", e.g. "NEW-1 blocks OPS-1". */
      direction: z.enum(['outward', 'inward']).default('outward'),
    })
    .optional(),
}).superRefine((config, context) => {
  if (config.kind === 'issue' && config.projectId === undefined)
    context.addIssue({
      code: 'custom',
      path: ['projectId'],
      message: 'pick the project to create the issue in',
    });
  if (config.kind === 'sub-task' && config.projectId !== undefined)
    context.addIssue({
      code: 'custom',
      path: ['projectId'],
      message: 'a sub-task is created in the project of the transitioned issue',
    });
});
export type CreateIssueConfig = z.infer<typeof CreateIssueConfig>;
