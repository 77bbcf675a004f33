import { z } from 'zod';
import type { JiraClient } from './jira-client';
import { route } from './route';

/** Jira's bulk user lookup answers up to this many users per page; more ids than this are asked in turn. */
const PAGE = 50;

const UserPage = z.object({
  values: z.array(z.object({ accountId: z.string(), displayName: z.string().optional() }).passthrough()),
});

/**
 * Display names of the given people, in one `GET /rest/api/3/user/bulk` per 50 ids (scope read:jira-user, which the
 * app holds; permission "access Jira"). Callers ask once per page or execution, for the people they show. A person
 * Jira does not return (deleted, or the lookup failed) is left out: the caller says "a user" rather than an id.
 */
export async function displayNames(
  jira: JiraClient,
  accountIds: Iterable<string>,
): Promise<Map<string, string>> {
  const ids = [...new Set(accountIds)].filter((id) => id.length > 0);
  const names = new Map<string, string>();
  for (let start = 0; start < ids.length; start += PAGE) {
    const chunk = ids.slice(start, start + PAGE);
    const query = new URLSearchParams(chunk.map((id): [string, string] => ['accountId', id]));
    const page = UserPage.safeParse(
      await jira
        .requestJira(route`/rest/api/3/user/bulk?maxResults=${chunk.length}&${query}`)
        .catch(() => undefined),
    );
    if (!page.success) continue;
    for (const user of page.data.values) if (user.displayName) names.set(user.accountId, user.displayName);
  }
  return names;
}

/**
 * ADF mention: `attrs.id` is the account id, `attrs.text` the name shown, "@" and the display name
 * (https://developer.atlassian.com/cloud/jira/platform/apis/document/nodes/mention/).
 */
export type AdfMention = { type: 'mention'; attrs: { id: string; text?: string } };

export const mention = (accountId: string, displayName?: string): AdfMention => ({
  type: 'mention',
  attrs: { id: accountId, ...(displayName ? { text: `@${displayName}` } : {}) },
});
