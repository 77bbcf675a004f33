import { z } from 'zod';
import { FieldRef } from '../expression-builders/field-test';
import { hasControlCharacter } from '../validator-config/control-characters';

/**
 * Group and project role names as Jira allows them: free text up to 255 characters, but never a line break or
 * control character. Quotes and backslashes are allowed; the expression builder escapes them.
 */
const Name = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `a ${what} name cannot be empty`)
    .max(255)
    .refine(
      (name) => !hasControlCharacter(name),
      `a ${what} name must not contain line breaks or control characters`,
    );

/** Who may take the transition: the same choices for the validator and the condition. */
export const WhoMayTransitionChoices = z.object({
  groups: z.array(Name('group')).max(20).default([]),
  projectRoles: z.array(Name('project role')).max(20).default([]),
  assignee: z.boolean().default(false),
  reporter: z.boolean().default(false),
  /** User picker fields (single or multiple) whose people may take the transition. */
  userFields: z.array(FieldRef).max(10).default([]),
});
export type WhoMayTransitionChoices = z.infer<typeof WhoMayTransitionChoices>;

const someoneChosen = (c: WhoMayTransitionChoices) =>
  c.groups.length + c.projectRoles.length + c.userFields.length > 0 || c.assignee || c.reporter;
const NOBODY = {
  message: 'choose at least one group, project role, user field, the assignee or the reporter',
  path: ['groups'],
};

export const WhoMayTransitionConfig = WhoMayTransitionChoices.extend({
  /** Shown to a user who may not make the transition (the manifest's errorMessage reads `config.message`). */
  message: z
    .string()
    .trim()
    .max(300)
    .refine((text) => !hasControlCharacter(text), 'the message must not contain control characters')
    .optional(),
})
  .strict()
  .refine(someoneChosen, NOBODY);
export type WhoMayTransitionConfig = z.infer<typeof WhoMayTransitionConfig>;

/** A condition hides the transition rather than explaining itself, so it has no message. */
export const WhoMayTransitionConditionConfig = WhoMayTransitionChoices.strict().refine(someoneChosen, NOBODY);
