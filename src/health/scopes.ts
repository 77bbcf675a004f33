import { readGrantedPermissions } from '../access/app-permissions';
import { declaredPermissions } from '../permissions/declared-permissions';
import { endpointTable } from '../permissions/endpoints';
import { buildPermissionsOverview } from '../permissions/scope-overview';
import { scopeReasons } from '../permissions/scope-reasons';
import { fixAt } from './links';
import { said, type Finding } from './model';

/**
 * Every scope the running version asks for must be granted: the runtime's record of this installation
 * (`getAppContext().permissions`) against the deployed manifest, as the admin page's Permissions tab shows them.
 * No Jira call. When the runtime reports no scopes, nothing can be compared and nothing is reported.
 */
export function checkScopes(): Finding[] {
  const granted = readGrantedPermissions();
  if (!granted.scopes) return [];
  const overview = buildPermissionsOverview({
    granted,
    declared: declaredPermissions,
    endpoints: endpointTable,
    reasons: scopeReasons,
  });
  return overview.scopes
    .filter((row) => row.status === 'awaiting-approval')
    .map((row) => ({
      kind: 'scope',
      subject: row.scope,
      problem: said('scope.problem', {
        scope: row.scope,
        features: row.features.length ? row.features : said('scope.whatNeedsIt'),
        reason: row.reason,
      }),
      fix: said('scope.fix'),
      fixAt: fixAt.manageApps,
    }));
}
