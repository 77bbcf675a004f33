import { APP } from '../../access/actor';
import { permissionName } from '../../access/jira-permissions';
import type { AccessSession } from '../../access/session';
import { explain } from '../../execution/explain';
import { ruleCatalog } from '../../rules/catalog';
import { isRuleEnabled, type ProjectSettings } from '../../settings/model';
import type { BotAccessView } from '../../shared/project-settings';

/** Reporting a failure is a comment by the app (src/execution/failure-report.ts). */
const FAILURE_REPORT_PERMISSIONS = ['BROWSE_PROJECTS', 'ADD_COMMENTS'];

/** Each permission the bot needs for what is turned on in the project, with what needs it. */
export function neededBotPermissions(settings: ProjectSettings): Map<string, string[]> {
  const needed = new Map<string, string[]>();
  const add = (permissions: readonly string[], what: string) => {
    for (const permission of permissions) needed.set(permission, [...(needed.get(permission) ?? []), what]);
  };
  for (const rule of ruleCatalog) if (isRuleEnabled(settings, rule.key)) add(rule.botPermissions, rule.title);
  if (settings.defaults.reportFailureOnIssue)
    add(FAILURE_REPORT_PERMISSIONS, 'Reporting failures on the issue');
  return needed;
}

function fixFor(project: { key: string; style: 'company-managed' | 'team-managed' }): string {
  return project.style === 'team-managed'
    ? `In ${project.key}, open Project settings › Access and give the Workflow Guard app user a role that has the missing permission.`
    : `Grant the missing permission to the Workflow Guard app user (or a group or role it is in) in the permission scheme of ${project.key}: Project settings › Permissions. A Jira admin may need to edit a shared scheme.`;
}

/** Asks Jira, as the app, in one mypermissions call; a failure is shown on the page instead of failing it. */
export async function checkBotAccess(
  session: AccessSession,
  project: { key: string; style: 'company-managed' | 'team-managed' },
  settings: ProjectSettings,
): Promise<BotAccessView> {
  const needed = neededBotPermissions(settings);
  const fix = fixFor(project);
  if (needed.size === 0) return { permissions: [], fix };
  try {
    const held = await session.permissions(APP).holds([...needed.keys()], { projectKey: project.key });
    return {
      fix,
      permissions: [...needed].map(([permission, neededFor]) => ({
        permission,
        name: permissionName(permission),
        held: held[permission] === true,
        neededFor,
      })),
    };
  } catch (error) {
    return { permissions: [], fix, error: explain(error).userMessage };
  }
}
