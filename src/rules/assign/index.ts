import { z } from 'zod';
import { APP } from '../../access/actor';
import { invalidInput } from '../../access/failures';
import type { JiraClient } from '../../access/jira-client';
import { forgeStore } from '../../access/kv-store';
import { people, type Person } from '../../access/people';
import { route } from '../../access/route';
import { storageKeys } from '../../access/storage-keys';
import { postFunctionHandler } from '../../execution/post-function-runner';
import { projectOfIssue } from '../../execution/validator-runner';
import { AssignConfig } from './configuration';
import { candidatesInTurn, previousAssignee, userIn } from './plan';

const IssueFields = z.object({
  fields: z.record(z.string(), z.unknown()).default({}),
});
const ChangeLogPage = z.object({
  values: z
    .array(
      z.object({
        items: z
          .array(
            z.object({
              field: z.string().optional(),
              fieldId: z.string().optional(),
              from: z
                .string()
                .nullish()
                .transform((v) => v ?? undefined),
              to: z
                .string()
                .nullish()
                .transform((v) => v ?? undefined),
            }),
          )
          .default([]),
      }),
    )
    .default([]),
  total: z.number().int().default(0),
  startAt: z.number().int().default(0),
});
const Role = z.object({
  name: z.string().optional(),
  actors: z
    .array(
      z.object({
        type: z.string().optional(),
        displayName: z.string().optional(),
        actorUser: z.object({ accountId: z.string() }).optional(),
      }),
    )
    .default([]),
});
const Users = z.array(z.object({ accountId: z.string(), displayName: z.string().optional() }));
const Project = z.object({ id: z.string(), key: z.string() });

/** Changelog page size: Jira gives at most 100. */
const CHANGELOG_PAGE = 100;

/**
 * The assignee before the current one, from the changelog (oldest first): the first page says how many changes
 * there are, and the last page, if that is another, holds the latest.
 */
async function earlierAssignee(jira: JiraClient, key: string): Promise<string | undefined> {
  const first = ChangeLogPage.parse(
    await jira.requestJira(route`/rest/api/3/issue/${key}/changelog?startAt=0&maxResults=${CHANGELOG_PAGE}`, {
      permission: 'BROWSE_PROJECTS',
      projectKey: projectOfIssue(key),
    }),
  );
  const pages = [first];
  if (first.total > CHANGELOG_PAGE) {
    const startAt = first.total - CHANGELOG_PAGE;
    pages.push(
      ChangeLogPage.parse(
        await jira.requestJira(
          route`/rest/api/3/issue/${key}/changelog?startAt=${startAt}&maxResults=${CHANGELOG_PAGE}`,
          { permission: 'BROWSE_PROJECTS', projectKey: projectOfIssue(key) },
        ),
      ),
    );
  }
  return previousAssignee(pages.flatMap((page) => page.values));
}

/**
 * Whether Jira would let the user be assigned this issue: the assignable user search by account id answers with
 * the user only if they may be ("The user is returned in the response if they can be assigned", the spec). Asked
 * as the app: the search needs read:jira-user, which the app does not hold for impersonation.
 */
async function assignable(
  app: JiraClient,
  key: string,
  accountId: string,
): Promise<z.infer<typeof Users>[number] | undefined> {
  const users = Users.parse(
    await app.requestJira(route`/rest/api/3/user/assignable/search?accountId=${accountId}&issueKey=${key}`),
  );
  return users.find((user) => user.accountId === accountId);
}

/**
 * Why the assignable user search left the person out. Their user record (one bulk read, only on this path) tells
 * a deactivated account, which no permission fixes, from a missing "Assignable user" permission.
 */
const whyNot = async (app: JiraClient, accountId: string, key: string, who: string): Promise<never> => {
  const person = (await people(app, [accountId]).catch(() => new Map<string, Person>())).get(accountId);
  const name = person?.displayName ?? accountId;
  throw invalidInput(
    person?.active === false
      ? `${who} (${name}) is deactivated, and Jira does not assign issues to a deactivated account: ${key} was not assigned. Change the post-function's assignee, or reactivate the account in Atlassian Administration.`
      : `${who} (${name}) cannot be assigned ${key}: Jira's assignable user search does not list them, so they lack the "Assignable user" permission in project ${projectOfIssue(key)} or their account is inactive. Grant the permission, or change the post-function's assignee.`,
  );
};

/**
 * Assign: finds the assignee the configuration names, checks that Jira would let them be assigned (saying why
 * not), then one `PUT /rest/api/3/issue/{key}/assignee`, which sets the same value again on a redelivery.
 */
export const assignPostFunction = postFunctionHandler({
  name: 'assign',
  title: 'Assign',
  feature: 'rules/assign',
  configuration: AssignConfig,
  // Unassigning is an edit (see below): Edit issues; every other target is an assignment: Assign issues.
  requiredPermissions: (configuration) => [
    configuration.target === 'unassign' ? 'EDIT_ISSUES' : 'ASSIGN_ISSUES',
  ],
  async apply({ event, configuration, jira, session }) {
    const key = event.issue.key;
    const app = session.jira(APP);
    const read = async (fields: string) =>
      IssueFields.parse(
        await jira.requestJira(route`/rest/api/3/issue/${key}?fields=${fields}`, {
          permission: 'BROWSE_PROJECTS',
          projectKey: projectOfIssue(key),
        }),
      ).fields;
    let assignee: z.infer<typeof Users>[number];
    let roundRobin: { storageKey: string; next: number; members: number } | undefined;
    switch (configuration.target) {
      case 'unassign':
        // assignIssue's text says `accountId: null` unassigns, but its schema (User) types accountId as a string;
        // an edit setting the field to null is within the schema (test/emulator/FIDELITY.md, "Assign").
        await jira.requestJira(route`/rest/api/3/issue/${key}`, {
          method: 'PUT',
          body: { fields: { assignee: null } },
          permission: 'EDIT_ISSUES',
          projectKey: projectOfIssue(key),
        });
        return `Unassigned ${key}`;
      case 'reporter':
      case 'user-field': {
        const fieldId = configuration.target === 'reporter' ? 'reporter' : (configuration.fieldId ?? '');
        const user = userIn((await read(fieldId))[fieldId]);
        const label =
          configuration.target === 'reporter' ? 'The reporter' : (configuration.fieldName ?? fieldId);
        if (!user) return { skipped: `${label} of ${key} is empty: the assignee was left as it was` };
        assignee = (await assignable(app, key, user)) ?? (await whyNot(app, user, key, label));
        break;
      }
      case 'previous-assignee': {
        const user = await earlierAssignee(jira, key);
        if (!user) return { skipped: `${key} had no earlier assignee: the assignee was left as it was` };
        assignee =
          (await assignable(app, key, user)) ?? (await whyNot(app, user, key, 'The previous assignee'));
        break;
      }
      case 'role': {
        // The issue's key starts with its project's key, which the role read takes: no read of the issue. Round
        // robin keeps its turn by the project's id, which a renamed project keeps: only then is the issue read.
        const projectKey = projectOfIssue(key);
        const roleId = configuration.roleId ?? '';
        const roleName = configuration.roleName ?? `role ${roleId}`;
        const storageKey =
          configuration.roleStrategy === 'round-robin'
            ? storageKeys.assignTurn(
                event.postFunction?.id ?? 'assign',
                Project.parse((await read('project')).project).id,
                roleId,
              )
            : undefined;
        // Project roles are configuration: read as the app (Administer projects), whoever acts. Deactivated
        // members are left out by Jira ("excludeInactiveUsers", the spec): neither the first choice nor a turn.
        const role = Role.parse(
          await app.requestJira(
            route`/rest/api/3/project/${projectKey}/role/${roleId}?excludeInactiveUsers=true`,
            {
              permission: 'ADMINISTER_PROJECTS',
              projectKey,
            },
          ),
        );
        // Only users: a group in the role names no one in particular.
        const users = role.actors.flatMap((a) =>
          a.actorUser ? [{ ...a.actorUser, name: a.displayName }] : [],
        );
        const members = users.map((user) => user.accountId);
        const next = storageKey ? ((await forgeStore.get<{ next: number }>(storageKey))?.next ?? 0) : 0;
        let chosen: z.infer<typeof Users>[number] | undefined;
        for (const candidate of candidatesInTurn(members, next)) {
          chosen = await assignable(app, key, candidate);
          if (chosen) break;
        }
        if (!chosen)
          throw invalidInput(
            members.length === 0
              ? `The project role ${roleName} has no active user members in ${projectKey}: nobody to assign ${key} to. Add people to the role (deactivated accounts are left out), or change the post-function's assignee.`
              : `No active member of the project role ${roleName} in ${projectKey} can be assigned ${key}: Jira's assignable user search lists none of the ${members.length} (${users.map((user) => user.name ?? user.accountId).join(', ')}), so they lack the "Assignable user" permission. Deactivated members are left out.`,
          );
        assignee = chosen;
        if (storageKey)
          roundRobin = { storageKey, next: members.indexOf(chosen.accountId) + 1, members: members.length };
        break;
      }
    }
    await jira.requestJira(route`/rest/api/3/issue/${key}/assignee`, {
      method: 'PUT',
      body: { accountId: assignee.accountId },
      permission: 'ASSIGN_ISSUES',
      projectKey: projectOfIssue(key),
    });
    // The turn moves on only once the assignment is made; two transitions at the same moment may share a turn.
    if (roundRobin)
      await forgeStore.set(roundRobin.storageKey, { next: roundRobin.next % roundRobin.members });
    // The search answered with their name: the summary says who, without another call.
    return `Assigned ${key} to ${assignee.displayName ?? assignee.accountId}`;
  },
});
