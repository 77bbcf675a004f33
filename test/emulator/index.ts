export { JiraSite, type JiraSiteOptions, type ScopeGrants } from './site';
export { startJiraHttp, parseIdentity, IDENTITY_HEADER, type JiraHttp } from './http';
export { Faults, type FaultRule, type FaultResponse, type FaultMatch, type RateLimitReason } from './faults';
export type { Identity, CallRecord, ContractViolation, Reply } from './types';
export type { ScopeErrorShape } from './scopes';
export type {
  IssueSnapshot,
  IssueRecord,
  UserRecord,
  ProjectRecord,
  WorkflowInput,
  WorkflowRecord,
  WorkflowRule,
  StatusCategoryKey,
  CommentRecord,
} from './state';
export { APP_BOT_ID, defaultWorkflowSteps } from './state';
export {
  forgeWorkflowRule,
  forgeModuleOf,
  extensionAri,
  FORGE_RULE_KEYS,
  type ForgeInstallation,
  type RuleList,
} from './forge-rules';
export { expressionFailedEvent, type ExpressionFailedEvent } from './expression-events';
export type { GrantTarget } from './permissions';
export { PERMISSIONS } from './permissions';
export { loadSpec, defaultSpecPath } from './spec';
export { textToAdf, adfToText, isAdfDoc, type AdfDoc } from './adf';
export {
  evaluateCondition,
  installForgeConditions,
  manifestConditions,
  takeSentExpressionFailures,
  transitionsAllowed,
} from './expression-condition';
