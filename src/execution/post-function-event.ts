import { z } from 'zod';
import { IssueKey } from './validator-runner';

/** A status as the event may name it: an object `{id, name}`, or a bare id or name (`from_status: "Done"`). */
const StatusRef = z.union([
  z.object({ id: z.union([z.string(), z.number()]).optional(), name: z.string().optional() }),
  z.string(),
  z.number(),
]);
type StatusRef = z.infer<typeof StatusRef>;

/**
 * A bare value is an id when it is a number or digits only (Jira's status ids are), otherwise a name. Only what is
 * shown to people and sent to services depends on this reading; no safety property does (see cascade-guard.ts).
 */
function statusOf(ref: StatusRef | undefined): { id?: string; name?: string } | undefined {
  if (ref === undefined) return undefined;
  if (typeof ref === 'number') return { id: String(ref) };
  if (typeof ref === 'string') return /^\d+$/.test(ref) ? { id: ref } : { name: ref };
  return {
    ...(ref.id !== undefined ? { id: String(ref.id) } : {}),
    ...(ref.name !== undefined ? { name: ref.name } : {}),
  };
}

/**
 * The transition in the post-function event. The docs name the object and its `executionId` only (their
 * type-reference tab was not captured); public payloads show `id`, `name`, `from.id`, `to.id` as well as
 * `transitionId`, `transitionName`, `from_status`, `to_status`. Every shape is read into one, and unknown fields
 * are ignored (test/emulator/FIDELITY.md, "Post-function event shape").
 */
const Transition = z
  .object({
    executionId: z.string().min(1),
    id: z.union([z.string(), z.number()]).optional(),
    transitionId: z.union([z.string(), z.number()]).optional(),
    name: z.string().optional(),
    transitionName: z.string().optional(),
    from: StatusRef.optional(),
    to: StatusRef.optional(),
    from_status: StatusRef.optional(),
    to_status: StatusRef.optional(),
  })
  .transform((t) => {
    const id = t.id ?? t.transitionId;
    const name = t.name ?? t.transitionName;
    const from = statusOf(t.from ?? t.from_status);
    const to = statusOf(t.to ?? t.to_status);
    return {
      executionId: t.executionId,
      ...(id !== undefined ? { id: String(id) } : {}),
      ...(name !== undefined ? { name } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
    };
  });

/**
 * The post-function event (https://developer.atlassian.com/platform/forge/events-reference/jira/#run-post-function-event):
 * `transition.executionId` is shared by all post-functions of one transition; `atlassianId` is the user who
 * transitioned; `retryContext` is present on a platform retry.
 */
export const PostFunctionEvent = z.object({
  issue: z.object({ key: IssueKey, id: z.string().optional() }),
  transition: Transition,
  workflow: z.object({ id: z.string().optional(), name: z.string().optional() }).optional(),
  atlassianId: z.string().optional(),
  configuration: z.unknown(),
  retryContext: z
    .object({ retryCount: z.number().int().min(0) })
    .passthrough()
    .optional(),
  postFunction: z.object({ id: z.string() }).passthrough().optional(),
});
export type PostFunctionEvent = z.infer<typeof PostFunctionEvent>;
