import { z } from 'zod';

/**
 * What a scheduledTrigger's function receives: the docs show `({ context })` and say "Scheduled triggers run without
 * a user context" (https://developer.atlassian.com/platform/forge/manifest-reference/modules/scheduled-trigger/).
 * Nothing in it is needed to run the check; the shape is recorded to learn the rest (src/execution/platform-shape.ts).
 */
export const ScheduledEvent = z.object({
  context: z.object({ cloudId: z.string().optional(), moduleKey: z.string().optional() }).optional(),
});
