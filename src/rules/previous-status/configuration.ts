import { z } from 'zod';
import { ValidatorMessage } from '../expression-builders/message';
import { hasControlCharacter } from '../validator-config/control-characters';

/** A status as the screen sends it: its id (what the expression matches) and the name people read. */
export const StatusRef = z.strictObject({
  id: z.string().regex(/^\d{1,18}$/, 'is not a Jira status id: pick the status from the list'),
  name: z
    .string()
    .trim()
    .min(1, 'a status name cannot be empty')
    .max(255)
    .refine((t) => !hasControlCharacter(t), 'a status name must not contain control characters'),
});

export const PreviousStatusConfig = z.strictObject({
  statuses: z.array(StatusRef).min(1, 'choose at least one status').max(50, 'choose at most 50 statuses'),
  /** `most-recent`: the status just before the current one; `ever`: any status the issue has left. */
  mode: z.enum(['most-recent', 'ever']),
  message: ValidatorMessage,
});
export type PreviousStatusConfig = z.infer<typeof PreviousStatusConfig>;

/** What the screen saves: the statuses as Jira named them, and the expression Jira evaluates. */
export const SavedPreviousStatus = z.object({
  statuses: z.array(z.object({ id: z.string(), name: z.string() })),
  mode: z.enum(['most-recent', 'ever']),
  expression: z.string(),
});
