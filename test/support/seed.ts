import { JiraSite } from '../emulator';
import { MemoryKvs } from '../harness';

/**
 * A small site most tests start from: project OPS (company-managed) with issue OPS-1, a developer `dev` who can
 * browse, comment and edit there, and a viewer `viewer` who can only browse.
 */
export function seedSite(): { site: JiraSite; kvs: MemoryKvs } {
  const site = new JiraSite();
  site.addUser({ accountId: 'dev', displayName: 'Dana Developer' });
  site.addUser({ accountId: 'viewer', displayName: 'Vic Viewer' });
  site.addProject({ key: 'OPS', name: 'Operations', leadAccountId: 'dev' });
  for (const permission of ['BROWSE_PROJECTS', 'ADD_COMMENTS', 'EDIT_ISSUES', 'TRANSITION_ISSUES']) {
    site.grant(permission, { accountId: 'dev', projectKey: 'OPS' });
  }
  site.grant('BROWSE_PROJECTS', { accountId: 'viewer', projectKey: 'OPS' });
  site.addIssue({ key: 'OPS-1', projectKey: 'OPS', summary: 'Rotate the certificates' });
  return { site, kvs: new MemoryKvs() };
}
