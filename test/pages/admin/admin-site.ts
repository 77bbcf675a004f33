import { JiraSite } from '../../emulator';
import { APP_BOT_ID } from '../../emulator/state';
import { APP_ID, MemoryKvs, withInvocation } from '../../harness';
import { forgeStore } from '../../../src/access/kv-store';
import { createAuditLog } from '../../../src/audit/audit-log';
import type { NewAuditEntry } from '../../../src/audit/entry';

/** The harness's environment id (test/harness/runtime.ts appContext.environmentId). */
export const ENVIRONMENT_ID = '11111111-2222-4333-8444-555555555555';
/** A secret value no response, audit entry or log may ever contain. */
export const CANARY = 'canary-7d1f0b9e-secret-value';

/** How Jira's workflow API shows a Forge rule (the Forge rules section of the workflow capabilities operation). */
export const forgeRule = (
  moduleKey: string,
  config: unknown,
  options: { appId?: string; environmentId?: string; disabled?: boolean; ruleKey?: string } = {},
) => ({
  ruleKey: options.ruleKey ?? 'forge:workflow-post-function',
  id: `${moduleKey}-rule`,
  parameters: {
    key: `ari:cloud:ecosystem::extension/${options.appId ?? APP_ID}/${options.environmentId ?? ENVIRONMENT_ID}/static/${moduleKey}`,
    config: JSON.stringify(config),
    id: `${moduleKey}-rule`,
    disabled: String(options.disabled ?? false),
    tag: '',
  },
});

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
            { ruleKey: 'forge:expression-validator' },
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
