import safeRegex from 'safe-regex2';
import { z } from 'zod';
import { FailurePolicy } from '../../execution/validator-runner';

/** Jira field ids: system fields (`summary`, `duedate`) and custom fields (`customfield_10020`). */
const FieldId = z
  .string()
  .regex(/^[a-zA-Z][a-zA-Z0-9_]{0,63}$/, 'must be a Jira field id such as summary or customfield_10020');

const isValidPattern = (pattern: string): boolean => {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
};

export const Requirement = z
  .object({
    fieldId: FieldId,
    /** Shown to the transitioning user; the screen fills it from Jira's field list. */
    fieldName: z.string().trim().min(1).max(100),
    condition: z.enum(['not-empty', 'matches']),
    pattern: z
      .string()
      .max(200)
      .refine(isValidPattern, 'is not a valid regular expression')
      // The pattern runs on what users type, inside the validator's time limit: nested repetition such as (a+)+
      // can take exponential time on a crafted value, so it is refused where the admin can still simplify it.
      .refine(
        (pattern) => !isValidPattern(pattern) || safeRegex(pattern),
        'nests repetition (such as (a+)+), which can make checking a value take minutes; simplify it',
      )
      .optional(),
    message: z.string().trim().max(300).optional(),
  })
  .refine((r) => r.condition !== 'matches' || r.pattern, {
    message: 'a "matches" requirement needs a pattern',
    path: ['pattern'],
  });

export const FieldsRequirementConfig = z.object({
  failurePolicy: FailurePolicy.default('block'),
  requirements: z.array(Requirement).min(1, 'add at least one field requirement').max(20),
});
export type FieldsRequirementConfig = z.infer<typeof FieldsRequirementConfig>;
export type Requirement = z.infer<typeof Requirement>;
