import { forgeWorkflowRule, JiraSite, type RuleList } from '../../emulator';
import { APP_BOT_ID } from '../../emulator/state';
import { APP_ID, ENVIRONMENT_ID, MemoryKvs, withInvocation } from '../../harness';
import { forgeStore } from '../../../src/access/kv-store';
import { createAuditLog } from '../../../src/audit/audit-log';
import type { NewAuditEntry } from '../../../src/audit/entry';

/** The harness's environment id (Forge's getAppContext().environmentId in the tests). */
export { ENVIRONMENT_ID };
/** A secret value no response, audit entry or log may ever contain. */
export const CANARY = 'canary-7d1f0b9e-secret-value';

/** This app's rule as Jira's workflow APIs list it (test/emulator/forge-rules.ts), by default a post-function. */
export const forgeRule = (
  moduleKey: string,
  config: unknown,
  options: { appId?: string; environmentId?: string; disabled?: boolean; list?: RuleList } = {},
) =>
  forgeWorkflowRule(
    { appId: options.appId ?? APP_ID, environmentId: options.environmentId ?? ENVIRONMENT_ID },
    {
      moduleKey,
      list: options.list ?? 'postFunctions',
      config,
      ...(options.disabled !== undefined ? { disabled: options.disabled } : {}),
    },
  );

/**
 * A site with a Jira admin `admin`, a developer `dev`, projects OPS and FIN, and workflow "Ops flow" (used by
 * OPS) carrying this app's Comment post-function and Fields requirement validator, plus another app's rule.
 * The bot sits in the group atlassian-addons-admin and has lost Add comments in FIN.
 */
export function seedAdminSite(): { site: JiraSite; kvs: MemoryKvs } {
  const site = new JiraSite();
  site.addUser({ accountId: 'admin', displayName: 'Ada Admin' });
  site.addUser({ accountId: 'dev', displayName: 'Dana Developer' });
  site.grant('ADMINISTER', { accountId: 'admin' });
  site.grant('BROWSE_PROJECTS', { accountId: 'admin' });
  site.addProject({ key: 'OPS', name: 'Operations' });
  site.addProject({ key: 'FIN', name: 'Finance' });
  site.grant('BROWSE_PROJECTS', { accountId: 'dev', projectKey: 'OPS' });
  site.addUserToGroup(APP_BOT_ID, 'atlassian-addons-admin');
  site.revoke('ADD_COMMENTS', { accountId: APP_BOT_ID });
  site.grant('ADD_COMMENTS', { accountId: APP_BOT_ID, projectKey: 'OPS' });
  site.addWorkflow({
    name: 'Ops flow',
    statuses: [
      { name: 'To Do', category: 'new' },
      { name: 'In Progress', category: 'indeterminate' },
      { name: 'Done', category: 'done' },
    ],
    transitions: [
      {
        id: '21',
        name: 'Finish',
        from: ['To Do', 'In Progress'],
        to: 'Done',
        validators: [
          forgeRule(
            'fields-requirement',
            { requirements: [{ fieldId: 'duedate', fieldName: 'Due date', condition: 'not-empty' }] },
            { list: 'validators' },
          ),
        ],
        postFunctions: [
          forgeRule('comment', { template: 'Done by {user}, thanks!', actor: 'transitioning-user' }),
          forgeRule('comment', { template: 'other app' }, { appId: '99999999-0000-4000-8000-000000000009' }),
          forgeRule('comment', { template: 'other environment' }, { environmentId: 'staging-env' }),
        ],
      },
      { id: '31', name: 'Reopen', from: [], to: 'To Do' },
    ],
    projects: ['OPS'],
  });
  return { site, kvs: new MemoryKvs() };
}

/** Writes audit entries as the runtime does, `ageMs` in the past. */
export async function seedAudit(
  site: JiraSite,
  kvs: MemoryKvs,
  entries: (Partial<NewAuditEntry> & { ageMs?: number })[],
): Promise<void> {
  await withInvocation({ site, kvs }, async () => {
    for (const { ageMs = 0, ...entry } of entries) {
      await createAuditLog(forgeStore, () => Date.now() - ageMs).record({
        module: 'post-function',
        rule: 'comment',
        actor: { kind: 'app' },
        outcome: 'applied',
        summary: 'Comment 10001 added',
        calls: [],
        ...entry,
      });
    }
  });
}

/** The context Jira's admin page sends with `invoke` (browser-supplied, so untrusted beyond accountId/accountType). */
export const adminContext = (accountId: string | undefined, extra: Record<string, unknown> = {}) => ({
  ...(accountId ? { accountId, accountType: 'licensed' } : {}),
  moduleKey: 'admin-page',
  extension: { type: 'jira:adminPage' },
  ...extra,
});
