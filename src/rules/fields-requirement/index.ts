import { route } from '../../access/route';
import { z } from 'zod';
import { projectOfIssue, validatorHandler } from '../../execution/validator-runner';
import { explainHiddenIssue } from '../validator-config/hidden-issue';
import { FieldsRequirementConfig } from './configuration';
import { decideFields, fieldsToRead } from './decide';

const IssueFields = z.object({ fields: z.record(z.string(), z.unknown()).default({}) });

/**
 * Fields requirement validator: required, non-empty or matching fields on a transition. Reads `modifiedFields`
 * first and makes at most one Jira call, limited with `fields=` to the fields the transition did not carry.
 */
export const fieldsRequirementValidator = validatorHandler({
  name: 'fields-requirement',
  feature: 'rules/fields-requirement',
  configuration: FieldsRequirementConfig,
  async decide({ payload, configuration, jira }) {
    const issueKey = payload.issue.key;
    const projectKey = projectOfIssue(issueKey);
    const missing = fieldsToRead(configuration, payload.transition.modifiedFields);
    try {
      const issueFields = missing.length
        ? IssueFields.parse(
            await jira.requestJira(route`/rest/api/3/issue/${issueKey}?fields=${missing.join(',')}`, {
              method: 'GET',
              permission: 'BROWSE_PROJECTS',
              projectKey,
            }),
          ).fields
        : {};
      return decideFields(configuration, payload.transition.modifiedFields, issueFields);
    } catch (error) {
      throw explainHiddenIssue(error, projectKey);
    }
  },
});
