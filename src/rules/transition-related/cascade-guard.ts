import { z } from 'zod';

/**
 * Marks the transitions Workflow Guard makes on related issues, so they do not set off more of them. The issue
 * property below travels in the transition request itself (`properties` of the doTransition body, sent by whoever
 * makes the move), so Jira applies the mark and the move together: there is no mark without the move, and no move
 * of Workflow Guard's without the mark. When the moved issue's own "transition related issues" post-function then
 * runs for that move, it finds the mark and stops: cascades end after one step, and two issues that point at each
 * other cannot ping-pong. A later move by a person (another status, or after the window) is not mistaken for one of
 * the app's. A retry of the same execution reads the mark to recognise the issues it already moved.
 */
export const CASCADE_PROPERTY = 'workflow-guard.cascade';
export const CASCADE_WINDOW_MS = 5 * 60_000;

export const CascadeMark = z.object({
  executionId: z.string(),
  originIssueKey: z.string(),
  toStatusId: z.string(),
  at: z.number(),
});
export type CascadeMark = z.infer<typeof CascadeMark>;

/**
 * Whether this transition of the issue is one the app made from another issue: the mark is recent and leads to the
 * status the issue is in now, or to the status the event says the transition led to. The event's fields inside
 * `transition` are not documented and arrive in more than one shape (a status may come as a name, or not at all),
 * so the issue's own status, read from Jira, is enough on its own: the guard holds whatever the event carries.
 */
export function madeByCascade(
  mark: unknown,
  evidence: { currentStatusId?: string; eventToStatusId?: string },
  now: number,
): CascadeMark | undefined {
  const parsed = CascadeMark.safeParse(mark);
  if (!parsed.success) return undefined;
  const recent = now - parsed.data.at >= 0 && now - parsed.data.at < CASCADE_WINDOW_MS;
  const { toStatusId } = parsed.data;
  const sameStatus = toStatusId === evidence.currentStatusId || toStatusId === evidence.eventToStatusId;
  return recent && sameStatus ? parsed.data : undefined;
}
