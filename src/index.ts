/** Handlers named by manifest.yml, grouped by module kind. Nothing else lives here. */

// jira:workflowValidator
export { fieldsRequirementValidator } from './rules/fields-requirement';
export { relatedIssuesValidator } from './rules/related-issues';

// jira:workflowValidator configuration screens (all four validators)
export { validatorConfigResolver } from './rules/validator-config';

// jira:workflowPostFunction
export { commentPostFunction } from './rules/comment';
export { setFieldsPostFunction } from './rules/set-fields';
export { transitionRelatedPostFunction } from './rules/transition-related';
export { notifyPostFunction } from './rules/notify';
export { createIssuePostFunction } from './rules/create-issue';
export { linkIssuesPostFunction } from './rules/link-issues';
export { assignPostFunction } from './rules/assign';
export { copyFieldValuesPostFunction } from './rules/copy-field-values';

// consumer (async events): large related-issue moves, in batches
export { relatedMovesConsumer } from './rules/transition-related/background';

// jira:personalSettingsPage (connected accounts for Notify)
export { accountsResolver } from './connections/account-resolver';

// jira:projectSettingsPage (project admins govern the app in their project)
export { projectSettingsResolver } from './pages/project-settings';

// jira:adminPage (Jira admins see what the app may do, what it did, and manage its secrets)
export { adminResolver } from './pages/admin';

// trigger (avi:jira:failed:expression: an expression validator Jira could not evaluate)
export { expressionFailedTrigger } from './triggers/expression-failed';

// trigger (avi:forge:installed:app, avi:forge:upgraded:app: recorded in the audit log)
export { appInstalledTrigger, appUpgradedTrigger } from './triggers/lifecycle';

// scheduledTrigger (daily: the health check finds rules whose fields, groups, link types… are gone)
export { healthCheckScheduled } from './health/scheduled';
