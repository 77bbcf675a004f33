import type { FixLocation } from '../shared/health';

/**
 * Where an admin fixes what the health check found. Jira pages are paths on the site, opened through the bridge's
 * router (https://developer.atlassian.com/platform/forge/apis-reference/ui-api-bridge/router/); the addresses are
 * Jira's long-standing admin pages, which redirect to their current place (test/emulator/FIDELITY.md, "Health
 * check"). Each label says the same in menus, so the way is clear even if an address moved.
 */
export const fixAt = {
  workflow: (name: string): FixLocation => ({
    label: `Jira settings › Issues › Workflows › ${name}`,
    href: `/secure/admin/workflows/ViewWorkflowSteps.jspa?workflowMode=live&workflowName=${encodeURIComponent(name)}`,
  }),
  workflows: {
    label: 'Jira settings › Issues › Workflows',
    href: '/secure/admin/workflows/ListWorkflows.jspa',
  },
  customFields: {
    label: 'Jira settings › Issues › Custom fields',
    href: '/secure/admin/ViewCustomFields.jspa',
  },
  linkTypes: { label: 'Jira settings › Issues › Issue linking', href: '/secure/admin/ViewLinkTypes.jspa' },
  groups: { label: 'Atlassian Administration › Directory › Groups', href: 'https://admin.atlassian.com/' },
  users: { label: 'Atlassian Administration › Directory › Users', href: 'https://admin.atlassian.com/' },
  projectRoles: {
    label: 'Jira settings › System › Project roles',
    href: '/secure/project/ViewProjectRoles.jspa',
  },
  projectPermissions: (projectKey: string): FixLocation => ({
    label: `Project settings › Permissions of ${projectKey}`,
    href: `/plugins/servlet/project-config/${encodeURIComponent(projectKey)}/permissions`,
  }),
  manageApps: { label: 'Jira settings › Apps › Manage apps', href: '/plugins/servlet/upm' },
  /** A tab of this admin page: the page switches to it rather than leaving. */
  connections: { label: 'Workflow Guard admin page › Secrets and connections', href: 'app:connections' },
} as const satisfies Record<string, FixLocation | ((value: string) => FixLocation)>;
