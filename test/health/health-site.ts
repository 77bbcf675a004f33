import {
  callResolver,
  MemoryKvs,
  type BridgeContext,
  type ResolverHandler,
  type RunOptions,
} from '../harness';
import { JiraSite } from '../emulator';
import { APP_BOT_ID } from '../emulator/state';
import { adminContext, forgeRule } from '../pages/admin/admin-site';
import { adminResolver } from '../../src/pages/admin';
import type { HealthReportView } from '../../src/shared/health';

type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

export const STORY_POINTS = 'customfield_10016';
export const APPROVER = 'customfield_10100';

/**
 * A site where every kind of reference is in use: workflow "Ops flow" (projects OPS and FIN) carries, on
 * "Finish", a Fields requirement on Story points, Who may transition (group release-managers, role Developers), a
 * Custom expression on the Approver field, Related issues (is blocked by), and post-functions Set fields (Story
 * points = 3), Transition related (linked by Blocks, through "Finish"), Notify (connection ops-hook) and Comment (only if the Approver is set).
 */
export function seedHealthSite(): { site: JiraSite; kvs: MemoryKvs } {
  const site = new JiraSite();
  site.addUser({ accountId: 'admin', displayName: 'Ada Admin' });
  site.addUser({ accountId: 'fin-lead', displayName: 'Finn Lead' });
  site.grant('ADMINISTER', { accountId: 'admin' });
  site.grant('BROWSE_PROJECTS', { accountId: 'admin' });
  site.addProject({ key: 'OPS', name: 'Operations' });
  site.addProject({ key: 'FIN', name: 'Finance' });
  site.grant('BROWSE_PROJECTS', { accountId: 'fin-lead', projectKey: 'FIN' });
  site.grant('ADMINISTER_PROJECTS', { accountId: 'fin-lead', projectKey: 'FIN' });
  site.addField({ id: STORY_POINTS, name: 'Story points', type: 'number' });
  site.addField({ id: APPROVER, name: 'Approver', type: 'user' });
  site.addGroup('release-managers');
  site.addRole('Developers');
  const validator = (key: string, config: unknown) => forgeRule(key, config, { list: 'validators' });
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
          validator('fields-requirement', {
            requirements: [{ fieldId: STORY_POINTS, fieldName: 'Story points', condition: 'not-empty' }],
          }),
          validator('who-may-transition', { groups: ['release-managers'], projectRoles: ['Developers'] }),
          validator('custom-expression', {
            expression: `issue.${APPROVER} != null`,
            message: 'Name an approver first.',
          }),
          validator('related-issues', { links: [{ linkType: 'Blocks', direction: 'is blocked by' }] }),
        ],
        postFunctions: [
          forgeRule('set-fields', { operations: [{ op: 'set', field: STORY_POINTS, value: 3 }] }),
          forgeRule('transition-related', { target: 'linked', linkType: 'Blocks', transitionName: 'Finish' }),
          forgeRule('notify', { connectionId: 'ops-hook' }),
          forgeRule('comment', { template: 'Finished.', onlyIf: `issue.${APPROVER} != null` }),
        ],
      },
      { id: '31', name: 'Reopen', from: [], to: 'To Do' },
    ],
    projects: ['OPS', 'FIN'],
  });
  return { site, kvs: new MemoryKvs() };
}

/** The app's bot loses one permission in one project only (it holds every one by default). */
export function revokeFromBotIn(site: JiraSite, permission: string, projectKey: string): void {
  site.revoke(permission, { accountId: APP_BOT_ID });
  for (const key of site.projects.keys())
    if (key !== projectKey) site.grant(permission, { accountId: APP_BOT_ID, projectKey: key });
}

const handler = adminResolver as unknown as ResolverHandler;

/** The admin page's functions, as a Jira admin calls them. */
export async function adminCall<T>(
  site: JiraSite,
  kvs: MemoryKvs,
  fn: string,
  opts: Partial<RunOptions> = {},
  ctx: BridgeContext = adminContext('admin'),
): Promise<T> {
  const envelope = (await callResolver(handler, fn, {}, ctx, { site, kvs, ...opts })) as Envelope<T>;
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.data;
}

export const runCheck = (site: JiraSite, kvs: MemoryKvs, opts: Partial<RunOptions> = {}) =>
  adminCall<HealthReportView>(site, kvs, 'runHealthCheck', opts);
