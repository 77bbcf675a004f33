import { text, type Text } from '../shared/text-format';

/**
 * Where an admin fixes what the health check found, as a catalogue text (`healthProblems.places`), worded in the
 * reader's language. Jira pages are paths on the site, opened through the bridge's router
 * (https://developer.atlassian.com/platform/forge/apis-reference/ui-api-bridge/router/); the addresses are Jira's
 * long-standing admin pages, which redirect to their current place (test/emulator/FIDELITY.md, "Health check").
 * Each label says the same in menus, so the way is clear even if an address moved.
 */
export interface FixPlace {
  label: Text;
  href: string;
}

const place = (name: string, values?: Record<string, string>): Text =>
  text(`healthProblems.places.${name}`, values);

export const fixAt = {
  workflow: (name: string): FixPlace => ({
    label: place('workflow', { name }),
    href: `/secure/admin/workflows/ViewWorkflowSteps.jspa?workflowMode=live&workflowName=${encodeURIComponent(name)}`,
  }),
  workflows: { label: place('workflows'), href: '/secure/admin/workflows/ListWorkflows.jspa' },
  customFields: { label: place('customFields'), href: '/secure/admin/ViewCustomFields.jspa' },
  linkTypes: { label: place('linkTypes'), href: '/secure/admin/ViewLinkTypes.jspa' },
  groups: { label: place('groups'), href: 'https://admin.atlassian.com/' },
  users: { label: place('users'), href: 'https://admin.atlassian.com/' },
  projectRoles: { label: place('projectRoles'), href: '/secure/project/ViewProjectRoles.jspa' },
  projectPermissions: (projectKey: string): FixPlace => ({
    label: place('projectPermissions', { project: projectKey }),
    href: `/plugins/servlet/project-config/${encodeURIComponent(projectKey)}/permissions`,
  }),
  manageApps: { label: place('manageApps'), href: '/plugins/servlet/upm' },
  /** A tab of this admin page: the page switches to it rather than leaving. */
  connections: { label: place('connections'), href: 'app:connections' },
} as const satisfies Record<string, FixPlace | ((value: string) => FixPlace)>;
