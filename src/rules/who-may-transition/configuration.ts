import { z } from 'zod';
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

export const WhoMayTransitionConfig = z
  .object({
    groups: z.array(Name('group')).max(20).default([]),
    projectRoles: z.array(Name('project role')).max(20).default([]),
    assignee: z.boolean().default(false),
    reporter: z.boolean().default(false),
    /** Shown to a user who may not make the transition (the manifest's errorMessage reads `config.message`). */
    message: z
      .string()
      .trim()
      .max(300)
      .refine((text) => !hasControlCharacter(text), 'the message must not contain control characters')
      .optional(),
  })
  .refine((c) => c.groups.length + c.projectRoles.length > 0 || c.assignee || c.reporter, {
    message: 'choose at least one group, project role, the assignee or the reporter',
    path: ['groups'],
  });
export type WhoMayTransitionConfig = z.infer<typeof WhoMayTransitionConfig>;
