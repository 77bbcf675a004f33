import { text, type Text } from '../shared/text-format';

/**
 * Why Workflow Guard holds each OAuth scope, in words for a Jira admin (the admin page shows them, in the admin's
 * language: catalogue section `scopes`). `requiredBy` names the Forge documentation page that demands a scope no
 * call site proves by itself; the unused-scope check (scripts/checks/unused-scopes.ts) accepts a scope only
 * through code or through this page.
 */
export interface ScopeReason {
  reason: Text;
  requiredBy?: { page: string; rule: Text };
}

const POST_FUNCTION_PAGE =
  'https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-workflow-post-function/';

export const scopeReasons: Readonly<Record<string, ScopeReason>> = {
  'read:jira-work': {
    reason: text('scopes.reasons.readJiraWork'),
    requiredBy: { page: POST_FUNCTION_PAGE, rule: text('scopes.requiredBy.readJiraWork') },
  },
  'write:jira-work': { reason: text('scopes.reasons.writeJiraWork') },
  'read:jira-user': { reason: text('scopes.reasons.readJiraUser') },
  'manage:jira-configuration': {
    reason: text('scopes.reasons.manageJiraConfiguration'),
    requiredBy: { page: POST_FUNCTION_PAGE, rule: text('scopes.requiredBy.manageJiraConfiguration') },
  },
  'storage:app': {
    reason: text('scopes.reasons.storageApp'),
    requiredBy: {
      page: 'https://developer.atlassian.com/platform/forge/storage-reference/kvs-api/',
      rule: text('scopes.requiredBy.storageApp'),
    },
  },
};
