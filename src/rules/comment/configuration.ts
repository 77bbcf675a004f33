import { z } from 'zod';
import { ActorSetting } from '../../execution/post-function-runner';

export const CommentConfig = ActorSetting.extend({
  /** Plain text with placeholders, see template.ts; blank lines separate paragraphs. */
  template: z
    .string()
    .trim()
    .min(1, 'write the comment text')
    .max(4000, 'keep the comment under 4,000 characters'),
});
export type CommentConfig = z.infer<typeof CommentConfig>;
