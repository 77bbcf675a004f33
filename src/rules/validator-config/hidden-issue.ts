import { APP } from '../../access/actor';
import { AccessFailure, missingPermission } from '../../access/failures';

/**
 * Jira hides an issue the caller cannot browse: GET answers 404 and JQL naming it answers 400 "does not exist".
 * A validator's issue exists (it is being transitioned), so either answer means the app's bot lacks Browse
 * projects; saying so tells the admin what to grant instead of "not found".
 */
export function explainHiddenIssue(error: unknown, projectKey: string): unknown {
  const hidden =
    error instanceof AccessFailure &&
    (error.code === 'NOT_FOUND' || (error.code === 'INVALID_INPUT' && /does not exist/i.test(error.message)));
  return hidden ? missingPermission({ actor: APP, permission: 'BROWSE_PROJECTS', projectKey }) : error;
}
