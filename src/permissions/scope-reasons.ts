/**
 * Why Workflow Guard holds each OAuth scope, in words for a Jira admin (the admin page shows them).
 * `requiredBy` names the Forge documentation page that demands a scope no call site proves by itself; the
 * unused-scope check (scripts/checks/unused-scopes.ts) accepts a scope only through code or through this page.
 */
export interface ScopeReason {
  reason: string;
  requiredBy?: { page: string; rule: string };
}

export const scopeReasons: Readonly<Record<string, ScopeReason>> = {
  'read:jira-work': {
    reason:
      'Read the issues, fields and permissions that your validators and post-functions check before they act.',
    requiredBy: {
      page: 'https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-workflow-post-function/',
      rule: 'Jira requires read:jira-work of every app that declares a workflow post-function.',
    },
  },
  'write:jira-work': {
    reason:
      'Add comments, set fields, copy field values between related issues, transition, create, link and assign issues when a post-function you configured runs.',
  },
  'read:jira-user': {
    reason:
      'Identify the app\'s own bot user and the people named in rules, ask Jira whether a person may be assigned an issue before Assign assigns them, let Jira check the expressions you write before they are saved, and evaluate a post-function\'s "Only if" expression as whoever it acts as.',
  },
  'manage:jira-configuration': {
    reason:
      'Run workflow post-functions, learn when Jira could not evaluate a validator’s expression (audit log), and list the workflows that use Workflow Guard rules on the admin page.',
    requiredBy: {
      page: 'https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-workflow-post-function/',
      rule: 'Jira requires manage:jira-configuration of every app that declares a workflow post-function.',
    },
  },
  'storage:app': {
    reason: 'Keep rule settings, the audit log and write-only connection secrets inside this Jira site.',
    requiredBy: {
      page: 'https://developer.atlassian.com/platform/forge/storage-reference/kvs-api/',
      rule: 'The Forge key-value store (@forge/kvs), where settings, audit entries and secrets live, needs storage:app.',
    },
  },
};
