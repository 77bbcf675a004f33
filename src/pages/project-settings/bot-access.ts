import { APP } from '../../access/actor';
import { permissionName } from '../../access/jira-permissions';
import type { AccessSession } from '../../access/session';
import { explain } from '../../execution/explain';
import { inEnglish, text, type Text } from '../../access/texts';
import { permissionText } from '../../access/jira-permissions';
import { ruleCatalog, ruleTitleKey } from '../../rules/catalog';
import { isRuleEnabled, type ProjectSettings } from '../../settings/model';
import type { BotAccessView } from '../../shared/project-settings';

/** Reporting a failure is a comment by the app (src/execution/failure-report.ts). */
const FAILURE_REPORT_PERMISSIONS = ['BROWSE_PROJECTS', 'ADD_COMMENTS'];

/** Each permission the bot needs for what is turned on in the project, with what needs it. */
export function neededBotPermissions(settings: ProjectSettings): Map<string, Text[]> {
  const needed = new Map<string, Text[]>();
  const add = (permissions: readonly string[], what: Text) => {
    for (const permission of permissions) needed.set(permission, [...(needed.get(permission) ?? []), what]);
  };
  for (const rule of ruleCatalog)
    if (isRuleEnabled(settings, rule.key)) add(rule.botPermissions, text(ruleTitleKey(rule.key)));
  if (settings.defaults.reportFailureOnIssue)
    add(FAILURE_REPORT_PERMISSIONS, text('botAccess.reportingFailures'));
  return needed;
}

/** How to grant a missing permission, a catalogue text (section `botAccess`) the page words for its reader. */
function fixFor(project: { key: string; style: 'company-managed' | 'team-managed' }): Text {
  return text(project.style === 'team-managed' ? 'botAccess.fixTeamManaged' : 'botAccess.fixCompanyManaged', {
    project: project.key,
  });
}

/** Asks Jira, as the app, in one mypermissions call; a failure is shown on the page instead of failing it. */
export async function checkBotAccess(
  session: AccessSession,
  project: { key: string; style: 'company-managed' | 'team-managed' },
  settings: ProjectSettings,
): Promise<BotAccessView> {
  const needed = neededBotPermissions(settings);
  const said = fixFor(project);
  // In English too, as before (the page words `said` for its reader).
  const fix = { fix: inEnglish(said), said: { fix: said } };
  if (needed.size === 0) return { permissions: [], ...fix };
  try {
    const held = await session.permissions(APP).holds([...needed.keys()], { projectKey: project.key });
    return {
      ...fix,
      permissions: [...needed].map(([permission, neededFor]) => ({
        permission,
        name: permissionName(permission),
        held: held[permission] === true,
        neededFor: neededFor.map(inEnglish),
        said: { name: permissionText(permission), neededFor },
      })),
    };
  } catch (error) {
    return { permissions: [], ...fix, error: explain(error).userMessage };
  }
}
