import type { Operation } from './spec';
import type { Reply } from './types';

/** Which of the two missing-scope answers seen in the field the site gives (forge-facts.md §6). */
export type ScopeErrorShape = '401' | '403';

/**
 * An operation is allowed when ANY `x-atlassian-oauth2-scopes` entry (classic `Current` or granular `Beta`)
 * is fully granted. An entry with an empty scope list is vacuously granted, as @forge/lint treats it
 * (e.g. POST /rest/api/3/permissions/check has `Current: []`). Operations without the extension are open.
 */
export function scopeAllows(op: Operation, granted: readonly string[]): boolean {
  if (op.scopes.length === 0) return true;
  return op.scopes.some((entry) => entry.scopes.every((s) => granted.includes(s)));
}

export function missingScopeReply(op: Operation, granted: readonly string[], shape: ScopeErrorShape): Reply {
  if (shape === '401') {
    return {
      status: 401,
      headers: { 'x-failure-category': 'FAILURE_CLIENT_SCOPE_CHECK' },
      body: { code: 401, message: 'Unauthorized; scope does not match' },
    };
  }
  const groups = op.scopes.map((e) => ` * [${e.scopes.join(', ')}]`).join('\n');
  return {
    status: 403,
    body: {
      errorMessages: [
        'Access to the resource was denied due to missing scope grants. ' +
          `Your app was granted the following scopes: [${granted.join(', ')}].\n` +
          `The resource can be accessed by having one of these groups of scopes:\n${groups}`,
      ],
    },
  };
}
