import { JiraSite } from '../emulator';
import { MemoryKvs } from '../harness';

/**
 * Two company-managed projects with their own admins (OPS: `opsAdmin`, FIN: `finAdmin`), a team-managed project
 * TEAM administered through its Administrator role (`teamAdmin`), FIN's admin browsing OPS, a developer `dev` who works in OPS, and a Jira
 * admin `jiraAdmin` who administers no project explicitly.
 */
export function seedProjects(): { site: JiraSite; kvs: MemoryKvs } {
  const site = new JiraSite();
  for (const [accountId, displayName] of [
    ['opsAdmin', 'Olga Ops-Admin'],
    ['finAdmin', 'Finn Fin-Admin'],
    ['teamAdmin', 'Tara Team-Admin'],
    ['dev', 'Dana Developer'],
    ['jiraAdmin', 'Jo Jira-Admin'],
  ] as const)
    site.addUser({ accountId, displayName });
  site.addProject({ key: 'OPS', name: 'Operations' });
  site.addProject({ key: 'FIN', name: 'Finance' });
  site.addProject({ key: 'TEAM', name: 'Team space', style: 'team-managed' });
  for (const key of ['OPS', 'FIN', 'TEAM'])
    site.grant('BROWSE_PROJECTS', { projectKey: key, accountId: 'dev' });
  for (const permission of ['BROWSE_PROJECTS', 'ADMINISTER_PROJECTS']) {
    site.grant(permission, { projectKey: 'OPS', accountId: 'opsAdmin' });
    site.grant(permission, { projectKey: 'FIN', accountId: 'finAdmin' });
    site.grant(permission, { projectKey: 'TEAM', role: 'Administrator' });
  }
  site.assignRole('TEAM', 'Administrator', 'teamAdmin');
  // FIN's admin can see OPS but not administer it: the interesting case for authorization.
  site.grant('BROWSE_PROJECTS', { projectKey: 'OPS', accountId: 'finAdmin' });
  site.grant('ADD_COMMENTS', { projectKey: 'OPS', accountId: 'dev' });
  site.grant('ADMINISTER', { accountId: 'jiraAdmin' });
  site.grant('BROWSE_PROJECTS', { accountId: 'jiraAdmin' });
  site.addIssue({ key: 'OPS-1', projectKey: 'OPS', summary: 'Rotate the certificates' });
  site.addIssue({ key: 'FIN-1', projectKey: 'FIN', summary: 'Close the books' });
  return { site, kvs: new MemoryKvs() };
}

/** The context Jira's project settings page sends with `invoke` (browser-supplied, so untrusted). */
export function pageContext(site: JiraSite, accountId: string, projectKey: string, keyOverride?: string) {
  const project = site.requireProject(projectKey);
  return {
    accountId,
    accountType: 'licensed',
    moduleKey: 'project-settings',
    extension: {
      type: 'jira:projectSettingsPage',
      project: { id: project.id, key: keyOverride ?? project.key, type: 'software' },
    },
  };
}
