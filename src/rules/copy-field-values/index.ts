import { z } from 'zod';
import { impersonate, type Actor } from '../../access/actor';
import { AccessFailure, invalidInput, missingPermission } from '../../access/failures';
import type { JiraClient } from '../../access/jira-client';
import { route } from '../../access/route';
import { listParts, postFunctionHandler, userRefusal } from '../../execution/post-function-runner';
import { projectOfIssue } from '../../execution/validator-runner';
import { decideForProject, dispositions, type Disposition, type ReachPolicy } from '../other-projects';
import { CopyFieldValuesConfig } from './configuration';
import {
  aggregate,
  changedFields,
  describePairs,
  describeRelation,
  fieldsToRead,
  relatedJql,
  type SourceValue,
} from './plan';

const Fields = z.record(z.string(), z.unknown());
const Row = z.object({ key: z.string(), fields: Fields.default({}) });
type Row = z.infer<typeof Row>;
const SearchPage = z.object({ issues: z.array(Row).default([]), nextPageToken: z.string().nullish() });
const ParentRef = z.object({ key: z.string() });

/** Issues per search page: Jira may answer fewer when many fields are asked (the search/jql operation). */
const PAGE = 100;
/** Sources combined in one transition: far more than an issue's sub-tasks or links of one type. */
export const MAX_SOURCES = 1000;
/** Issues written in one transition: one edit each, within the post-function's 25 s (limits-invocation). */
export const MAX_TARGETS = 50;

/** What reading or writing an issue of another project needs there. */
const policyFor = (direction: 'pull' | 'push'): ReachPolicy =>
  direction === 'push'
    ? {
        rule: 'copy-field-values',
        title: 'Copy field values',
        permission: 'EDIT_ISSUES',
        action: 'edit issues',
      }
    : {
        rule: 'copy-field-values',
        title: 'Copy field values',
        permission: 'BROWSE_PROJECTS',
        action: 'browse issues',
      };

/**
 * The transitioned issue and the related ones, with the pairs' fields: one enhanced search (POST /rest/api/3/search/jql,
 * the non-deprecated one), page by page as Jira cuts them. More than `limit` related issues fails before any write.
 */
async function search(
  jira: JiraClient,
  jql: string,
  fields: string[],
  projectKey: string,
  limit: number,
): Promise<Row[]> {
  const rows: Row[] = [];
  let nextPageToken: string | undefined;
  do {
    const page = SearchPage.parse(
      await jira.requestJira(route`/rest/api/3/search/jql`, {
        method: 'POST',
        body: { jql, fields, maxResults: PAGE, ...(nextPageToken === undefined ? {} : { nextPageToken }) },
        readOnly: true,
        permission: 'BROWSE_PROJECTS',
        projectKey,
      }),
    );
    rows.push(...page.issues);
    if (rows.length > limit + 1)
      throw invalidInput(
        `More than ${limit} related issues were found; Copy field values handles at most ${limit} in one transition. Narrow the relation (another link type, or one side of it).`,
      );
    // A page without issues ends the search even if it carries a token: it could not make progress.
    nextPageToken = page.issues.length > 0 ? (page.nextPageToken ?? undefined) : undefined;
  } while (nextPageToken !== undefined);
  return rows;
}

/** Issues another project refused: nothing is read from them, or they are not written. Names only in the audit. */
const refusedByProjects = (refused: string[], results: string[], notes: string[]): AccessFailure =>
  new AccessFailure(
    'MISSING_PERMISSION',
    'Some related issues in other projects were not copied from or to: the settings of those projects, or your permissions there, do not allow it. Ask their project admins.',
    [
      `Refused by their projects: ${refused.join(', ')}. Fix: grant the permission named to the user in those projects, or let their project admins allow the app to act for people who lack a permission (Project settings › Workflow Guard).`,
      ...(results.length ? [`Done: ${results.join(', ')}`] : []),
      ...notes,
    ].join(' '),
  );

/**
 * Copy field values: pulls values from the parent, the sub-tasks or linked issues into the transitioned issue
 * (combining several with each pair's aggregation), or pushes its values into them. One search reads everything
 * (two reads for the parent, which only the issue names), then one edit per issue whose values differ. Issues of
 * other projects are read or written only as those projects allow (src/rules/other-projects.ts). Edits set values,
 * never add to them, and an issue already holding them is not edited: a redelivery or a retry after a lost answer
 * finds the values written and writes nothing twice.
 */
export const copyFieldValuesPostFunction = postFunctionHandler({
  name: 'copy-field-values',
  title: 'Copy field values',
  feature: 'rules/copy-field-values',
  configuration: CopyFieldValuesConfig,
  requiredPermissions: () => ['EDIT_ISSUES'],
  async apply(context) {
    const { event, configuration: config, jira, session } = context;
    const key = event.issue.key;
    const originProjectKey = projectOfIssue(key);
    const fields = fieldsToRead(config.pairs);
    const policy = policyFor(config.direction);
    const relation = describeRelation(config);
    const limit = config.direction === 'push' ? MAX_TARGETS : MAX_SOURCES;

    // The transitioned issue's values and the related issues (the parent's values are read once it is allowed).
    let own: Record<string, unknown>;
    let related: Row[];
    const jql = relatedJql(key, config);
    if (jql === undefined) {
      own = Row.parse(
        await jira.requestJira(route`/rest/api/3/issue/${key}?fields=${['parent', ...fields].join(',')}`, {
          permission: 'BROWSE_PROJECTS',
          projectKey: originProjectKey,
        }),
      ).fields;
      const parent = ParentRef.safeParse(own.parent);
      related = parent.success ? [{ key: parent.data.key, fields: {} }] : [];
    } else {
      const rows = await search(jira, jql, fields, originProjectKey, limit);
      const ownRow = rows.find((row) => row.key === key);
      // Never copy from or compare with values not read: without the issue itself, nothing is written.
      if (!ownRow)
        throw new AccessFailure(
          'NOT_FOUND',
          `Jira's search did not return ${key}: nothing was copied.`,
          `The search for ${key} and its related issues did not return ${key} itself (hidden from the identity acting, or not indexed yet); nothing was copied. A retry asks again.`,
          { actor: jira.actor, permission: 'BROWSE_PROJECTS', projectKey: originProjectKey, status: 404 },
        );
      own = ownRow.fields;
      related = rows.filter((row) => row.key !== key);
    }
    if (related.length === 0)
      return { skipped: `${key} has no ${relation.replace(/^the /, '')}: nothing to copy` };

    const plan = await dispositions({
      policy,
      session,
      originProjectKey,
      originActor: context.actor,
      targets: related.map((row) => row.key),
      configured: config,
      forUser: context.forUser,
    });
    for (const projectKey of plan.byProject.keys())
      if (projectKey !== originProjectKey) context.reachedProject(projectKey);
    const jiraOf = (actor: Actor) => (actor === context.actor ? jira : session.jira(actor));
    const user = context.forUser ? impersonate(context.forUser) : undefined;

    /** Jira refused the user in a project: decided again as for a user who lacks the permission there. */
    const afterRefusal = (projectKey: string): Disposition => {
      const disposition = decideForProject({
        policy,
        projectKey,
        settings:
          projectKey === originProjectKey
            ? context.projectSettings
            : (plan.settingsOf.get(projectKey) ?? context.projectSettings),
        configured: config,
        user,
        userHolds: false,
      });
      plan.byProject.set(projectKey, disposition);
      if (disposition.kind === 'act')
        context.fellBack(
          `acted ${disposition.note ?? `as the app in project ${projectKey}`}`,
          projectKey === originProjectKey ? disposition.actor : undefined,
        );
      return disposition;
    };

    /**
     * Runs `work` on an issue as its project allows; when Jira refuses the user, once more as that project then
     * allows. In the origin project a refusal the policy does not cover fails the rule, naming the permission.
     */
    const reach = async <T>(
      target: string,
      permissions: string[],
      work: (actor: Actor) => Promise<T>,
    ): Promise<{ value: T; note?: string } | { skipped: string } | { refused: string }> => {
      const projectKey = projectOfIssue(target);
      let disposition = plan.byProject.get(projectKey) ?? { kind: 'refuse', reason: 'no decision was made' };
      if (disposition.kind === 'skip') return { skipped: disposition.reason };
      if (disposition.kind === 'refuse') return { refused: disposition.reason };
      try {
        return { value: await work(disposition.actor), note: disposition.note };
      } catch (error) {
        if (disposition.actor.kind === 'app') throw error;
        const refusal = await userRefusal(session, error, disposition.actor, permissions, {
          issueKey: target,
        });
        if (!refusal) throw error;
        disposition = afterRefusal(projectKey);
        if (disposition.kind !== 'act') {
          if (projectKey === originProjectKey)
            throw missingPermission({
              actor: user ?? context.actor,
              permission: refusal.permission,
              projectKey,
            });
          return disposition.kind === 'skip'
            ? { skipped: disposition.reason }
            : { refused: disposition.reason };
        }
        return { value: await work(disposition.actor), note: disposition.note };
      }
    };

    const edit = (target: string, changed: Record<string, unknown>) => async (actor: Actor) => {
      // PUT sets the values: written again by a retry, the issue holds the same ones.
      await jiraOf(actor).requestJira(route`/rest/api/3/issue/${target}`, {
        method: 'PUT',
        body: { fields: changed },
        permission: 'EDIT_ISSUES',
        projectKey: projectOfIssue(target),
      });
    };

    const refused: string[] = [];
    const results: string[] = [];
    if (config.direction === 'pull') {
      // Every source as its project allows: skipped ones are left out, any refusal fails before the write.
      const sources: Row[] = [];
      for (const row of related) {
        const read =
          jql === undefined
            ? await reach(row.key, ['BROWSE_PROJECTS'], async (actor) =>
                Row.parse(
                  await jiraOf(actor).requestJira(
                    route`/rest/api/3/issue/${row.key}?fields=${fields.join(',')}`,
                    {
                      permission: 'BROWSE_PROJECTS',
                      projectKey: projectOfIssue(row.key),
                    },
                  ),
                ),
              )
            : await reach(row.key, [], () => Promise.resolve(row));
        if ('refused' in read) refused.push(`${row.key} (${read.refused})`);
        else if ('skipped' in read) results.push(`${row.key} left out (${read.skipped})`);
        else {
          sources.push(read.value);
          if (read.note) results.push(`${row.key} read ${read.note}`);
        }
      }
      if (refused.length > 0) throw refusedByProjects(refused, results, plan.notes);
      if (sources.length === 0)
        return { skipped: [`Nothing to copy into ${key}`, ...results, ...plan.notes].join('; ') };
      const desired = new Map(
        config.pairs.map((pair) => [
          pair.to,
          aggregate(
            pair,
            sources.map((source): SourceValue => ({ key: source.key, value: source.fields[pair.from] })),
          ),
        ]),
      );
      const from = `from ${relation} (${listParts(sources.map((source) => source.key))})`;
      const what = describePairs(config.pairs, sources.length > 1);
      const changed = changedFields(config.pairs, desired, own);
      if (Object.keys(changed).length === 0) {
        const held = [`${key} already holds ${what} ${from}`, ...results, ...plan.notes].join('; ');
        // A retry finding the values in place: the earlier delivery whose answer was lost wrote them.
        return context.resumed
          ? `${held} (written by an earlier delivery of this transition)`
          : { skipped: held };
      }
      // The runner falls back (or fails) by the policy when Jira refuses the user this edit.
      await edit(key, changed)(context.actor);
      return [`Copied ${what} ${from} into ${key}`, ...results, ...plan.notes].join('; ');
    }

    // Push: the issue's values into each related issue, as its project allows.
    const desired = new Map(
      config.pairs.map((pair) => [pair.to, aggregate(pair, [{ key, value: own[pair.from] }])]),
    );
    let updated = 0;
    for (const row of related) {
      const current =
        jql === undefined
          ? undefined // The parent's values were not read: its edit is made (it sets the same values again).
          : row.fields;
      const changed =
        current === undefined ? Object.fromEntries(desired) : changedFields(config.pairs, desired, current);
      if (Object.keys(changed).length === 0) {
        results.push(`${row.key} already held them`);
        continue;
      }
      const written = await reach(row.key, ['EDIT_ISSUES'], edit(row.key, changed));
      if ('refused' in written) {
        refused.push(`${row.key} (${written.refused})`);
        results.push(`${row.key} refused`);
      } else if ('skipped' in written) results.push(`${row.key} skipped (${written.skipped})`);
      else {
        updated += 1;
        context.progress(`${row.key} updated`);
        results.push(`${row.key} updated${written.note ? ` ${written.note}` : ''}`);
      }
    }
    if (refused.length > 0) throw refusedByProjects(refused, results, plan.notes);
    const summary = [
      `Copied ${describePairs(config.pairs, false)} from ${key} into ${relation}: ${listParts(results)}`,
      ...plan.notes,
    ].join('; ');
    return updated > 0 || context.resumed ? summary : { skipped: summary };
  },
});
