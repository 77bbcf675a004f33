import { z } from 'zod';

export const CustomExpressionConfig = z.object({
  /**
   * A Jira expression written by the admin. Its size is bounded by the saved configuration's 32 KB limit,
   * checked on the whole configuration, not here.
   */
  expression: z.string().trim().min(1, 'write an expression'),
  /** Shown when the expression is false (the manifest's errorMessage reads `config.message`). */
  message: z.string().trim().min(1, 'write the message people see when the transition is blocked').max(300),
  /** The admin's own summary for the workflow editor's rule list. */
  summary: z.string().trim().max(200).optional(),
});
export type CustomExpressionConfig = z.infer<typeof CustomExpressionConfig>;
