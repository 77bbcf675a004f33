import { z } from 'zod';
import type { JiraClient } from './jira-client';
import { route } from './route';

/** Ids per bulk lookup: the call site names each `accountId` literally (the endpoint table and scope lint read it). */
const PAGE = 10;

const UserPage = z.object({
  values: z.array(
    z
      .object({ accountId: z.string(), displayName: z.string().optional(), active: z.boolean().optional() })
      .passthrough(),
  ),
});

/** What the app shows or decides about a person: UserDetails' `displayName` and `active` ("Whether the user is active"). */
export interface Person {
  displayName?: string;
  active?: boolean;
}

/**
 * The given people, in one `GET /rest/api/3/user/bulk` per 10 ids (scope read:jira-user, which the app holds;
 * permission "access Jira"). The spec takes several ids as repeated `accountId` parameters; a shorter list repeats
 * its first id, which names no one new. Callers ask once per page or execution, for the people they show.
 * A person Jira does not return (deleted, or the lookup failed) is left out.
 */
export async function people(jira: JiraClient, accountIds: Iterable<string>): Promise<Map<string, Person>> {
  const ids = [...new Set(accountIds)].filter((id) => id.length > 0);
  const found = new Map<string, Person>();
  for (let start = 0; start < ids.length; start += PAGE) {
    const chunk = ids.slice(start, start + PAGE);
    const at = (n: number): string => chunk[n] ?? chunk[0] ?? '';
    const page = UserPage.safeParse(
      await jira
        .requestJira(
          route`/rest/api/3/user/bulk?maxResults=${PAGE}&accountId=${at(0)}&accountId=${at(1)}&accountId=${at(2)}&accountId=${at(3)}&accountId=${at(4)}&accountId=${at(5)}&accountId=${at(6)}&accountId=${at(7)}&accountId=${at(8)}&accountId=${at(9)}`,
        )
        .catch(() => undefined),
    );
    if (!page.success) continue;
    for (const user of page.data.values)
      found.set(user.accountId, { displayName: user.displayName, active: user.active });
  }
  return found;
}

/** Display names of the given people (see `people`): those Jira names. */
export async function displayNames(
  jira: JiraClient,
  accountIds: Iterable<string>,
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const [id, person] of await people(jira, accountIds))
    if (person.displayName) names.set(id, person.displayName);
  return names;
}

export { mention, type AdfMention } from '../shared/mention';
