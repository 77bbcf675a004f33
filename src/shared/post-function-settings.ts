import { z } from 'zod';

/**
 * Settings every post-function carries, shared with the configuration screens (static/app imports this file, so
 * it stays pure: zod only).
 * - `actor`: who makes the effect, the app's bot user or the user who made the transition (offline impersonation).
 * - `fallback`: what happens when that user lacks the Jira permission the effect needs: fail, or act as the app
 *   and say so (audit log, and the comment text for comments).
 */
export const ActorSetting = z.object({
  actor: z.enum(['app', 'transitioning-user']).default('app'),
  fallback: z.enum(['fail', 'act-as-app']).default('fail'),
});
export type ActorSetting = z.infer<typeof ActorSetting>;

/** Long enough for any real condition; the saved configuration's 32 KB limit still applies to the whole. */
export const MAX_ONLY_IF_LENGTH = 4000;

/**
 * ActorSetting plus failure reporting (when the effect fails for good, the app also comments on the issue) and
 * `onlyIf`: a Jira expression; when set, the effect is made only when Jira evaluates it to true for the issue.
 */
export const PostFunctionSettings = ActorSetting.extend({
  reportFailureOnIssue: z.boolean().default(false),
  onlyIf: z
    .string()
    .trim()
    .min(1, 'write a Jira expression, or leave "Only if" empty')
    .max(MAX_ONLY_IF_LENGTH, `keep the expression under ${MAX_ONLY_IF_LENGTH} characters`)
    .optional(),
});
export type PostFunctionSettings = z.infer<typeof PostFunctionSettings>;
