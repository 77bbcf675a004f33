import type { AuditEntry } from '../../audit/entry';
import type { ActivityEntryView } from '../../shared/project-settings';
import { naming } from '../admin/executions';

function actedAs(entry: AuditEntry): string {
  switch (entry.actor.kind) {
    case 'app':
      return entry.fallback ? 'Workflow Guard app (fallback)' : 'Workflow Guard app';
    case 'user':
      return entry.triggeredBy ? `User ${entry.triggeredBy}` : 'The signed-in user';
    case 'impersonated':
      return `User ${entry.actor.accountId}`;
    case 'none':
      // Nothing was done as anyone: skipped, or refused before an identity was chosen.
      return '—';
  }
}

/**
 * What a project admin sees of an audit entry: no call records or scopes, and not what a third-party service said,
 * which are for the Jira admin page.
 */
export function activityView(
  entry: AuditEntry,
  /** Display names by account id (one lookup per page): people read names, never account ids. */
  names: ReadonlyMap<string, string> = new Map(),
): ActivityEntryView {
  const named = naming(names);
  return {
    id: entry.id,
    at: entry.at,
    kind: entry.module,
    rule: entry.rule,
    ...(entry.issueKey ? { issueKey: entry.issueKey } : {}),
    outcome: entry.outcome,
    ...(entry.fallback ? { fallback: true } : {}),
    summary: named(entry.summary),
    actedAs: named(actedAs(entry)),
    ...(entry.error ? { error: { code: entry.error.code, message: named(entry.error.message) } } : {}),
  };
}
