import { z } from 'zod';
import { route } from '../../access/route';
import { postFunctionHandler } from '../../execution/post-function-runner';
import { projectOfIssue } from '../../execution/validator-runner';
import { renderFieldsInline, requireResolved } from '../field-templates/values';
import { SetFieldsConfig } from './configuration';
import { describeOperations, editBody, sourceFields } from './plan';

const IssueValues = z.object({ fields: z.record(z.string(), z.unknown()).default({}) });

/** Set fields: sets, copies or clears fields of the transitioned issue in one edit. */
export const setFieldsPostFunction = postFunctionHandler({
  name: 'set-fields',
  title: 'Set fields',
  feature: 'rules/set-fields',
  configuration: SetFieldsConfig,
  requiredPermissions: (configuration) => [
    'EDIT_ISSUES',
    ...(configuration.operations.some((operation) => operation.field === 'assignee')
      ? ['ASSIGN_ISSUES']
      : []),
  ],
  templateFields: (configuration) => configuration.templateFields ?? [],
  async apply({ event, configuration, jira, fieldValues }) {
    const key = event.issue.key;
    const fields = configuration.templateFields ?? [];
    requireResolved(
      configuration.operations.flatMap((operation, index) =>
        operation.op === 'set' && typeof operation.value === 'string'
          ? [{ what: `The value of change ${index + 1} (${operation.field})`, text: operation.value }]
          : [],
      ),
      fields,
    );
    const projectKey = projectOfIssue(key);
    const sources = sourceFields(configuration.operations);
    const values = sources.length
      ? IssueValues.parse(
          await jira.requestJira(route`/rest/api/3/issue/${key}?fields=${sources.join(',')}`, {
            permission: 'BROWSE_PROJECTS',
            projectKey,
          }),
        ).fields
      : {};
    // PUT is idempotent: a repeated delivery writes the same values again.
    await jira.requestJira(route`/rest/api/3/issue/${key}`, {
      method: 'PUT',
      body: editBody(configuration.operations, values, (text) =>
        renderFieldsInline(text, fields, fieldValues),
      ),
      permission: 'EDIT_ISSUES',
      projectKey,
    });
    const summary = describeOperations(configuration.operations);
    return `${summary.charAt(0).toUpperCase()}${summary.slice(1)} on ${key}`;
  },
});
