/** Handlers named by manifest.yml, grouped by module kind. Nothing else lives here. */

// jira:workflowValidator
export { fieldsRequirementValidator } from './rules/fields-requirement';

// jira:workflowPostFunction
export { commentPostFunction } from './rules/comment';
