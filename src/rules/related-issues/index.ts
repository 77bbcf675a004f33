import { AccessFailure } from '../../access/failures';
import type { JiraClient } from '../../access/jira-client';
import { route } from '../../access/route';
import { projectOfIssue, validatorHandler } from '../../execution/validator-runner';
import { explainHiddenIssue } from '../validator-config/hidden-issue';
import { RelatedIssuesConfig } from './configuration';
import { decideRelated, levelOf, offendersIn, SearchAnswer, type Offender } from './decide';
import { jqlString, MAX_NAMED_ISSUES, relatedIssuesJql } from './query';

/** The enhanced search (POST /rest/api/3/search/jql) for the rule's JQL, as the given client. */
async function search(jira: JiraClient, jql: string, fields: string[], projectKey: string) {
  return SearchAnswer.parse(
    await jira.requestJira(route`/rest/api/3/search/jql`, {
      method: 'POST',
      body: { jql, fields, maxResults: MAX_NAMED_ISSUES },
      readOnly: true,
      permission: 'BROWSE_PROJECTS',
      projectKey,
    }),
  );
}

/** Jira's answer to JQL naming an issue the caller cannot see: "An issue with key 'X' does not exist ...". */
const hiddenFromCaller = (error: unknown): boolean =>
  error instanceof AccessFailure && error.code === 'INVALID_INPUT' && /does not exist/i.test(error.message);

/**
 * Which offenders the transitioning user may be shown. Without the user, only those anyone who may transition the
 * issue can see (`seenWithIssue`). With the user, Jira says: the same search as the user returns only the issues
 * they may browse, and the parent is looked up by key (Jira answers "does not exist" when it is hidden). If asking
 * as the user fails, the answer without the user stands: nothing is revealed on a guess.
 */
async function visibility(
  issueKey: string,
  config: RelatedIssuesConfig,
  offenders: Offender[],
  asUser: JiraClient | undefined,
): Promise<(offender: Offender) => boolean> {
  const withIssue = (offender: Offender) => offender.seenWithIssue;
  if (!asUser || offenders.every(withIssue)) return withIssue;
  const projectKey = projectOfIssue(issueKey);
  try {
    const seen = new Set<string>();
    const others = offenders.filter((o) => o.relation !== 'parent' && !o.seenWithIssue);
    if (others.length) {
      const answer = await search(asUser, relatedIssuesJql(issueKey, config), ['status'], projectKey);
      for (const hit of answer.issues) seen.add(hit.key);
    }
    const parent = offenders.find((o) => o.relation === 'parent' && !o.seenWithIssue);
    if (parent) {
      const found = await search(asUser, `key = ${jqlString(parent.key)}`, ['status'], projectKey).catch(
        (error: unknown) => {
          if (hiddenFromCaller(error)) return { issues: [] };
          throw error;
        },
      );
      if (found.issues.some((hit) => hit.key === parent.key)) seen.add(parent.key);
    }
    return (offender) => offender.seenWithIssue || seen.has(offender.key);
  } catch (error) {
    if (error instanceof AccessFailure) return withIssue;
    throw error;
  }
}

/**
 * Related issues validator: sub-tasks, the parent or linked issues must be in a status category. One enhanced
 * search (POST /rest/api/3/search/jql), as the app, answers for all of them, whatever their number. The message
 * names only the issues the transitioning user may see and counts the rest.
 */
export const relatedIssuesValidator = validatorHandler({
  name: 'related-issues',
  feature: 'rules/related-issues',
  configuration: RelatedIssuesConfig,
  async decide({ payload, configuration, jira, asUser }) {
    const issueKey = payload.issue.key;
    const projectKey = projectOfIssue(issueKey);
    let answer: SearchAnswer;
    try {
      answer = await search(
        jira,
        relatedIssuesJql(issueKey, configuration),
        ['status', 'parent', 'security', 'issuetype'],
        projectKey,
      );
    } catch (error) {
      throw explainHiddenIssue(error, projectKey);
    }
    let offenders = offendersIn(issueKey, configuration, answer);
    const parent = offenders.find((o) => o.relation === 'parent');
    if (parent && !parent.seenWithIssue && projectOfIssue(parent.key) === projectKey) {
      // A parent in the same project that is not a sub-task's: its security level decides whether the
      // transitioning user can see it, and the first answer does not carry it (one more search, as the app).
      const found = await search(jira, `key = ${jqlString(parent.key)}`, ['security'], projectKey);
      const hit = found.issues.find((issue) => issue.key === parent.key);
      if (hit) offenders = offendersIn(issueKey, configuration, answer, levelOf(hit));
    }
    const visible = await visibility(issueKey, configuration, offenders, asUser);
    return decideRelated(configuration, offenders, visible, answer.isLast === false);
  },
});
