import { z } from 'zod';
import { APP } from '../access/actor';
import { invalidInput } from '../access/failures';
import { route } from '../access/route';
import type { AccessSession } from '../access/session';
import type { ActorField } from '../shared/post-function-settings';
import { echoInput } from './configuration';
import { projectOfIssue } from './validator-runner';

/**
 * A user as an issue's user field holds one: UserDetails in the spec (GET /rest/api/3/issue/{issueIdOrKey}), with
 * `active` ("Whether the user is active") and `accountType` ("'atlassian' (normal users), 'app' (application user)
 * or 'customer' (Jira Service Desk customer user)"); both read-only and possibly left out, so only what is said is
 * trusted.
 */
const FieldUser = z.object({
  accountId: z.string().min(1).max(128),
  active: z.boolean().optional(),
  accountType: z.string().optional(),
});
const IssueFields = z.object({ fields: z.record(z.string(), z.unknown()).default({}) });

/** The user a post-function acts as, or why there is none (the fallback policy then decides). */
export type FieldUserReading =
  { kind: 'user'; accountId: string } | { kind: 'unavailable'; accountId?: string; reason: string };

const ACCOUNT_TYPES: Readonly<Record<string, string>> = { app: 'an app', customer: 'a customer' };

/**
 * Who is in the post-function's user field, read as the app in one call (`GET /rest/api/3/issue/{key}?fields=<id>`):
 * the post-function event names only the transitioning user (`atlassianId`) and its `issue` object's fields are not
 * documented (https://developer.atlassian.com/platform/forge/events-reference/jira/#run-post-function-event), so
 * the value is read from Jira, after the transition. The app reads it (its bot may browse every project a rule runs
 * in, see the catalogue) because which user acts is what is being decided. An empty field, a deactivated account and
 * an account that is not a person's (an app's, a service desk customer's: offline impersonation is for the site's
 * users, https://developer.atlassian.com/platform/forge/remote/calling-product-apis/#offline-user-impersonation) are
 * said as the reason no user acts; a value that is not one user is a configuration to fix.
 */
export async function readFieldUser(
  session: AccessSession,
  issueKey: string,
  field: ActorField,
): Promise<FieldUserReading> {
  const issue = IssueFields.parse(
    await session.jira(APP).requestJira(route`/rest/api/3/issue/${issueKey}?fields=${field.id}`, {
      permission: 'BROWSE_PROJECTS',
      projectKey: projectOfIssue(issueKey),
    }),
  );
  const name = `"${echoInput(field.name, 80)}"`;
  const value = issue.fields[field.id];
  // Jira leaves out a field the issue does not have (not in its project's configuration): nobody is in it either.
  if (value === undefined || value === null)
    return { kind: 'unavailable', reason: `the field ${name} is empty` };
  const user = FieldUser.safeParse(value);
  if (!user.success) {
    throw invalidInput(
      `The post-function acts as the user in the field ${name}, but on ${issueKey} that field does not hold one user${Array.isArray(value) ? ' (it holds a list)' : ''}. Pick a single-user field (Assignee, Reporter or a user picker) in the post-function's settings.`,
    );
  }
  const { accountId, active, accountType } = user.data;
  const who = `the user ${accountId} in ${name}`;
  // UserDetails: a corrupted record of a deleted user "returns *unknown*" as its accountId.
  if (accountId === 'unknown')
    return { kind: 'unavailable', reason: `Jira could not say who is in ${name} (a deleted account)` };
  if (active === false) return { kind: 'unavailable', accountId, reason: `${who} is deactivated` };
  if (accountType !== undefined && accountType !== 'atlassian') {
    const kind = ACCOUNT_TYPES[accountType] ?? `an "${echoInput(accountType, 20)}"`;
    return {
      kind: 'unavailable',
      accountId,
      reason: `${who} is ${kind} account, which Workflow Guard does not act as`,
    };
  }
  return { kind: 'user', accountId };
}
