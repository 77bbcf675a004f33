import { z } from 'zod';

/**
 * Settings every post-function carries, shared with the configuration screens (static/app imports this file, so
 * it stays pure: zod only).
 * - `actor`: who makes the effect: the app's bot user, the user who made the transition, or the user named in a
 *   single-user field of the issue (the assignee, the reporter or a user picker custom field: `actorField`, picked
 *   from Jira's user fields on the screen), each of the last two by offline impersonation.
 * - `fallback`: what happens when that user lacks the Jira permission the effect needs, or cannot be acted as (the
 *   field is empty, the account is deactivated): fail, or act as the app and say so (audit log, and the comment
 *   text for comments).
 */
export const ACTORS = ['app', 'transitioning-user', 'field-user'] as const;

/** A single-user field as the screen picked it: Jira's id (what is read) and its name (what people read). */
export const ActorField = z.strictObject({
  id: z.string().regex(/^(customfield_\d{1,12}|[a-z][a-zA-Z]{1,40})$/, 'pick the user field from the list'),
  name: z.string().trim().min(1).max(255),
});
export type ActorField = z.infer<typeof ActorField>;

export const ActorSetting = z
  .object({
    actor: z.enum(ACTORS).default('app'),
    actorField: ActorField.optional(),
    fallback: z.enum(['fail', 'act-as-app']).default('fail'),
  })
  .superRefine((setting, context) => {
    if (setting.actor === 'field-user' && !setting.actorField)
      context.addIssue({ code: 'custom', path: ['actorField'], message: 'pick the user field to act as' });
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
