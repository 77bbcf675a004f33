import { english, inEnglish, text } from '../../src/access/texts';
import type { AuditEntry } from '../../src/audit/entry';
import { fixAt } from '../../src/health/links';
import { entryView, explainCode, writerText } from '../../src/pages/admin/executions';
import { summariseRule } from '../../src/pages/admin/rule-summaries';
import { activityView } from '../../src/pages/project-settings/activity';
import { BOT_GLOBAL_PERMISSIONS, BOT_PROJECT_PERMISSIONS } from '../../src/permissions/bot-permissions';
import { featureText } from '../../src/permissions/scope-overview';
import { permissionName, permissionText } from '../../src/access/jira-permissions';
import { scopeReasons } from '../../src/permissions/scope-reasons';
import { ruleCatalog, ruleKindKey, ruleTitleKey } from '../../src/rules/catalog';

/**
 * The admin and project pages word what the backend sends from the catalogues; in English they must read word for
 * word as they did when the backend sent English (the strings below are the ones the code held before).
 */
describe('admin and project page texts, in English, as before', () => {
  it('every Jira permission the pages name, as Jira names it', () => {
    for (const permission of [
      ...BOT_GLOBAL_PERMISSIONS,
      ...BOT_PROJECT_PERMISSIONS,
      'ASSIGNABLE_USER',
      'RESOLVE_ISSUES',
    ]) {
      expect(permissionText(permission)).not.toHaveProperty('verbatim');
      expect(inEnglish(permissionText(permission))).toBe(permissionName(permission));
    }
  });

  it('every rule title and kind', () => {
    for (const rule of ruleCatalog) {
      expect(english(ruleTitleKey(rule.key))).toBe(rule.title);
      expect(english(ruleKindKey(rule.kind))).toBe(rule.kind);
    }
  });

  it('why the app holds each scope, and which Forge rule demands it', () => {
    const said = Object.fromEntries(
      Object.entries(scopeReasons).map(([scope, why]) => [
        scope,
        [inEnglish(why.reason), why.requiredBy && inEnglish(why.requiredBy.rule)],
      ]),
    );
    expect(said).toEqual({
      'read:jira-work': [
        'Read the issues, fields and permissions that your validators and post-functions check before they act.',
        'Jira requires read:jira-work of every app that declares a workflow post-function.',
      ],
      'write:jira-work': [
        'Add comments, set fields, copy field values between related issues, transition, create, link and assign issues when a post-function you configured runs.',
        undefined,
      ],
      'read:jira-user': [
        'Identify the app\'s own bot user and the people named in rules, ask Jira whether a person may be assigned an issue before Assign assigns them, let Jira check the expressions you write before they are saved, and evaluate a post-function\'s "Only if" expression as whoever it acts as.',
        undefined,
      ],
      'manage:jira-configuration': [
        'Run workflow post-functions, learn when Jira could not evaluate a validator’s expression (audit log), and list the workflows that use Workflow Guard rules on the admin page.',
        'Jira requires manage:jira-configuration of every app that declares a workflow post-function.',
      ],
      'storage:app': [
        'Keep rule settings, the audit log and write-only connection secrets inside this Jira site.',
        'The Forge key-value store (@forge/kvs), where settings, audit entries and secrets live, needs storage:app.',
      ],
    });
  });

  it('the features that use a scope; the rule screens no longer called validator screens only', () => {
    const features = [
      'access',
      'permissions',
      'pages/admin',
      'pages/project-settings',
      'connections',
      'execution',
      'health',
      'health/checkers',
      'rules/comment',
      'rules/validator-config',
      'settings',
      'something-new',
    ];
    expect(features.map((f) => inEnglish(featureText(f)))).toEqual([
      'Permission checks before acting',
      'Page access checks',
      'Admin page',
      'Project settings page',
      'Connections (Notify)',
      'Failure reports on issues',
      'Health check',
      'Health check',
      'Comment post-function',
      // Was "Validator configuration screens": the condition and post-function screens call it too.
      'Rule configuration screens',
      // Was shown as the folder's name, "settings".
      'Per-project rule settings',
      'something-new',
    ]);
  });

  it('where a health problem is fixed', () => {
    expect(
      [
        fixAt.workflow('Ops flow'),
        fixAt.workflows,
        fixAt.customFields,
        fixAt.linkTypes,
        fixAt.groups,
        fixAt.users,
        fixAt.projectRoles,
        fixAt.projectPermissions('OPS'),
        fixAt.manageApps,
        fixAt.connections,
      ].map((place) => inEnglish(place.label)),
    ).toEqual([
      'Jira settings › Issues › Workflows › Ops flow',
      'Jira settings › Issues › Workflows',
      'Jira settings › Issues › Custom fields',
      'Jira settings › Issues › Issue linking',
      'Atlassian Administration › Directory › Groups',
      'Atlassian Administration › Directory › Users',
      'Jira settings › System › Project roles',
      'Project settings › Permissions of OPS',
      'Jira settings › Apps › Manage apps',
      'Workflow Guard admin page › Secrets and connections',
    ]);
  });

  it('what each failure code means', () => {
    expect(
      Object.fromEntries(
        [
          'MISSING_SCOPE',
          'MISSING_PERMISSION',
          'NEEDS_AUTHENTICATION',
          'RATE_LIMITED',
          'NOT_FOUND',
          'INVALID_INPUT',
          'UPSTREAM_FAILURE',
          'CONFLICT',
          'NOT_CONNECTED',
          'RECONNECT_REQUIRED',
          'EGRESS_NOT_ALLOWED',
          'INTERNAL',
          'EXPRESSION_FAILED',
          'HEALTH_PROBLEM',
          'SOMETHING_NEW',
        ].map((code) => [code, explainCode(code)]),
      ),
    ).toEqual({
      MISSING_SCOPE:
        'The installation lacks an OAuth scope this call needs. Approve the pending Workflow Guard update in Jira settings › Apps › Manage apps.',
      MISSING_PERMISSION:
        'Jira refused because the identity the app acted as lacks a Jira permission. Grant it in the project’s permission scheme (see "Identity and Jira permissions").',
      NEEDS_AUTHENTICATION:
        'The user has not allowed Workflow Guard to act for them yet. They open any Workflow Guard page once and allow access.',
      RATE_LIMITED:
        'Jira asked the app to slow down and the wait outlasted the time the invocation had. It usually clears by itself.',
      NOT_FOUND: 'The issue or project does not exist, or is hidden from the identity the app acted as.',
      INVALID_INPUT:
        'The rule’s configuration or the data Jira sent could not be used. Check the rule’s settings.',
      UPSTREAM_FAILURE: 'Jira or the service did not answer in time, even after retries. Try again later.',
      CONFLICT: 'Someone else saved the same settings first. Reload and apply the change again.',
      NOT_CONNECTED:
        'The user has not connected their account for this connection. They connect it in Personal settings › Workflow Guard connected accounts.',
      RECONNECT_REQUIRED:
        'The connected account’s access expired or was revoked. The user connects it again.',
      EGRESS_NOT_ALLOWED:
        'Nothing was sent: the host is not approved for Workflow Guard on this site. Approve it under Secrets and connections (Forge asks you to confirm).',
      INTERNAL: 'Workflow Guard hit an unexpected error. The message below is what it reported.',
      EXPRESSION_FAILED:
        'Jira could not evaluate the rule’s Jira expression for this issue (its messages are above), so the rule counted as false. Check the expression in the rule’s configuration, for example for a field that can be empty.',
      HEALTH_PROBLEM:
        'The health check found something this rule needs broken or gone (the message says what, and how to fix it). The Health tab lists every open problem.',
      SOMETHING_NEW: 'Workflow Guard could not finish this step.',
    });
  });

  it('who acted and what wrote an entry, on the admin page and in a project’s activity', () => {
    const entry = (fields: Partial<AuditEntry>): AuditEntry => ({
      id: 'e1',
      at: '2026-11-30T10:00:00.000Z',
      module: 'post-function',
      rule: 'comment',
      actor: { kind: 'app' },
      calls: [],
      scopesUsed: [],
      outcome: 'applied',
      summary: 'Added a comment',
      ...fields,
    });
    const names = new Map([['dev', 'Dana Developer']]);
    const actor = (fields: Partial<AuditEntry>) => entryView(entry(fields), names).actor;
    expect(actor({})).toBe("The Workflow Guard app's bot user");
    expect(actor({ actor: { kind: 'user' } })).toBe('You');
    expect(actor({ actor: { kind: 'impersonated', accountId: 'dev' } })).toBe(
      'The user Dana Developer (Workflow Guard acting on their behalf)',
    );
    expect(actor({ actor: { kind: 'none' } })).toBe('Nobody (nothing was done in Jira)');
    const inField = { field: 'Reporter', accountId: 'dev' };
    expect(actor({ actor: { kind: 'none' }, actingFor: inField })).toBe(
      'Nobody (nothing was done in Jira), acting for Dana Developer (the user in Reporter)',
    );
    expect(actor({ actor: { kind: 'impersonated', accountId: 'dev' }, actingFor: inField })).toBe(
      'As Dana Developer (the user in Reporter)',
    );
    expect(actor({ fallback: true, actingFor: { field: 'Reporter' } })).toBe(
      "The Workflow Guard app's bot user, as a fallback for the user in Reporter (it was empty)",
    );
    expect(actor({ fallback: true })).toBe("The Workflow Guard app's bot user, as a fallback for the user");
    expect(
      ['comment', 'admin-page', 'health-check', 'lifecycle', 'other'].map((rule) =>
        inEnglish(writerText(rule)),
      ),
    ).toEqual(['Comment', 'Admin page', 'Health check', 'Installation', 'other']);

    const actedAs = (fields: Partial<AuditEntry>) => activityView(entry(fields), names).actedAs;
    expect(actedAs({})).toBe('Workflow Guard app');
    expect(actedAs({ fallback: true })).toBe('Workflow Guard app (fallback)');
    expect(actedAs({ actor: { kind: 'user' }, triggeredBy: 'dev' })).toBe('User Dana Developer');
    expect(actedAs({ actor: { kind: 'user' } })).toBe('The signed-in user');
    expect(actedAs({ actor: { kind: 'impersonated', accountId: 'dev' } })).toBe('User Dana Developer');
    expect(actedAs({ actor: { kind: 'none' } })).toBe('—');
  });

  it('what a configured rule does, in rule usage', () => {
    expect(summariseRule('comment', undefined)).toBe('Not configured yet.');
    expect(summariseRule('set-fields', '{"operations":[]}')).toBe(
      'Configured (open the rule in the workflow editor for details).',
    );
    expect(summariseRule('required-when', '{"description":"Due date when urgent"}')).toBe(
      'Due date when urgent',
    );
    expect(summariseRule('comment', { template: 'Moved  on', actor: 'app', fallback: 'fail' })).toBe(
      "Adds a comment as the app's bot user: “Moved on”",
    );
  });

  it('how a project admin grants the app a missing permission', () => {
    expect(english('botAccess.reportingFailures')).toBe('Reporting failures on the issue');
    expect(inEnglish(text('botAccess.fixTeamManaged', { project: 'OPS' }))).toBe(
      'In OPS, open Project settings › Access and give the Workflow Guard app user a role that has the missing permission.',
    );
    expect(inEnglish(text('botAccess.fixCompanyManaged', { project: 'OPS' }))).toBe(
      'Grant the missing permission to the Workflow Guard app user (or a group or role it is in) in the permission scheme of OPS: Project settings › Permissions. A Jira admin may need to edit a shared scheme.',
    );
  });
});
