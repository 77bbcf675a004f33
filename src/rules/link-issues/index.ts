import { z } from 'zod';
import { invalidInput } from '../../access/failures';
import { route } from '../../access/route';
import { postFunctionHandler } from '../../execution/post-function-runner';
import { projectOfIssue } from '../../execution/validator-runner';
import { LinkIssuesConfig, MAX_LINKED_ISSUES } from './configuration';
import { keysInField, linkBetween, linkTargetsJql } from './plan';

const Found = z.object({
  issues: z.array(z.object({ key: z.string() })).default([]),
  nextPageToken: z.string().optional(),
});
const FieldValue = z.object({ fields: z.record(z.string(), z.unknown()).default({}) });

/**
 * Link issues: one search (or one read of the field), then one link per issue. A link that exists already is
 * answered "created" again and not doubled (linkIssues, the spec), so a redelivery or a retry after a lost answer
 * changes nothing more.
 */
export const linkIssuesPostFunction = postFunctionHandler({
  name: 'link-issues',
  title: 'Link issues',
  feature: 'rules/link-issues',
  configuration: LinkIssuesConfig,
  requiredPermissions: () => ['LINK_ISSUES'],
  async apply(context) {
    const { event, configuration, jira } = context;
    const key = event.issue.key;
    let targets: string[];
    if (configuration.source === 'jql') {
      // As the actor: a user links only issues they can see.
      const found = Found.parse(
        await jira.requestJira(route`/rest/api/3/search/jql`, {
          method: 'POST',
          body: {
            jql: linkTargetsJql(configuration.jql ?? '', key),
            fields: ['key'],
            maxResults: MAX_LINKED_ISSUES,
          },
          readOnly: true,
          permission: 'BROWSE_PROJECTS',
        }),
      );
      if (found.nextPageToken !== undefined)
        throw invalidInput(
          `The JQL of Link issues finds more than ${MAX_LINKED_ISSUES} issues; nothing was linked. Narrow the query in the post-function's settings.`,
        );
      targets = found.issues.map((issue) => issue.key).filter((target) => target !== key);
    } else {
      const fieldId = configuration.fieldId ?? '';
      const values = FieldValue.parse(
        await jira.requestJira(route`/rest/api/3/issue/${key}?fields=${fieldId}`, {
          permission: 'BROWSE_PROJECTS',
          projectKey: projectOfIssue(key),
        }),
      ).fields;
      targets = keysInField(values[fieldId], key);
      if (targets.length > MAX_LINKED_ISSUES)
        throw invalidInput(
          `${configuration.fieldName ?? fieldId} on ${key} names more than ${MAX_LINKED_ISSUES} issues; nothing was linked.`,
        );
    }
    if (targets.length === 0)
      return {
        skipped:
          configuration.source === 'jql'
            ? 'The JQL found no issue to link'
            : `${configuration.fieldName ?? configuration.fieldId ?? 'The field'} names no issue`,
      };
    for (const target of targets) {
      await jira.requestJira(route`/rest/api/3/issueLink`, {
        method: 'POST',
        body: linkBetween(configuration, key, target),
        permission: 'LINK_ISSUES',
      });
      context.progress(`linked ${target}`);
      context.reachedProject(projectOfIssue(target));
    }
    return `Linked ${key} to ${targets.join(', ')} (${configuration.linkType})`;
  },
});
