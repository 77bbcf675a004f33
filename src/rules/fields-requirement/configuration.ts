import { z } from 'zod';
import { FailurePolicy } from '../../execution/validator-runner';
import { inEnglish, text } from '../../access/texts';
import { ruleSays } from '../../shared/issue-texts';
import { compilePattern } from './pattern';

/** Jira field ids: system fields (`summary`, `duedate`) and custom fields (`customfield_10020`). */
const FieldId = z
  .string()
  .min(1, 'choose a field')
  .regex(/^[a-zA-Z][a-zA-Z0-9_]{0,63}$/, 'must be a Jira field id such as summary or customfield_10020');

const NEEDS_PATTERN = {
  clause: text('errors.pattern.needed.clause'),
  sentence: text('errors.pattern.needed.sentence'),
};

export const Requirement = z
  .object({
    fieldId: FieldId,
    /** Shown to the transitioning user; the screen fills it from Jira's field list. */
    fieldName: z.string().trim().min(1).max(100),
    condition: z.enum(['not-empty', 'matches']),
    pattern: z.string().max(200).optional(),
    message: z.string().trim().max(300).optional(),
    /**
     * For a pattern: what a matching value looks like, in the admin's words (e.g. "an issue key such as OPS-12"),
     * shown to the transitioning user when the value does not match.
     */
    hint: z.string().trim().max(200).optional(),
  })
  .refine((r) => r.condition !== 'matches' || r.pattern, {
    message: inEnglish(NEEDS_PATTERN.clause),
    path: ['pattern'],
    params: ruleSays(NEEDS_PATTERN),
  })
  // Checked here, where the field's name is known, so the admin reads which field's pattern to change.
  .superRefine((r, context) => {
    if (!r.pattern) return;
    const compiled = compilePattern(r.pattern);
    if (!compiled.ok) {
      const problem = compiled.problem(r.fieldName);
      context.addIssue({
        code: 'custom',
        path: ['pattern'],
        message: inEnglish(problem.clause),
        params: ruleSays(problem),
      });
    }
  });

export const FieldsRequirementConfig = z.object({
  failurePolicy: FailurePolicy.default('block'),
  requirements: z.array(Requirement).min(1, 'add at least one field requirement').max(20),
});
export type FieldsRequirementConfig = z.infer<typeof FieldsRequirementConfig>;
export type Requirement = z.infer<typeof Requirement>;
