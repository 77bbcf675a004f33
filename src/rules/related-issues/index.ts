import { route } from '../../access/route';
import { projectOfIssue, validatorHandler } from '../../execution/validator-runner';
import { explainHiddenIssue } from '../validator-config/hidden-issue';
import { RelatedIssuesConfig } from './configuration';
import { decideRelated, SearchAnswer } from './decide';
import { MAX_NAMED_ISSUES, relatedIssuesJql } from './query';

/**
 * Related issues validator: sub-tasks, the parent or linked issues must be in a status category. One enhanced
 * search (POST /rest/api/3/search/jql) answers for all of them, whatever their number.
 */
export const relatedIssuesValidator = validatorHandler({
  name: 'related-issues',
  feature: 'rules/related-issues',
  configuration: RelatedIssuesConfig,
  async decide({ payload, configuration, jira }) {
    const issueKey = payload.issue.key;
    const projectKey = projectOfIssue(issueKey);
    try {
      const body = await jira.requestJira(route`/rest/api/3/search/jql`, {
        method: 'POST',
        body: {
          jql: relatedIssuesJql(issueKey, configuration),
          fields: ['status', 'parent'],
          maxResults: MAX_NAMED_ISSUES,
        },
        readOnly: true,
        permission: 'BROWSE_PROJECTS',
        projectKey,
      });
      return decideRelated(issueKey, configuration, SearchAnswer.parse(body));
    } catch (error) {
      throw explainHiddenIssue(error, projectKey);
    }
  },
});
