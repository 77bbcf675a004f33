import { inEnglish, text, type Text } from '../../access/texts';
import { isReducedEntry, type AuditEntry } from '../../audit/entry';
import type { ActivityEntryView } from '../../shared/project-settings';
import { naming, writerText } from '../admin/executions';

/** Who the app acted as, a catalogue text (section `auditVocabulary.activity`) the page words for its reader. */
function actedAs(entry: AuditEntry, named: (text: string) => string): Text {
  const said = (key: string, values?: Record<string, string>) =>
    text(`auditVocabulary.activity.${key}`, values);
  switch (entry.actor.kind) {
    case 'app':
      return said(entry.fallback ? 'appFallback' : 'app');
    case 'user':
      return entry.triggeredBy ? said('user', { name: named(entry.triggeredBy) }) : said('signedIn');
    case 'impersonated':
      return said('user', { name: named(entry.actor.accountId) });
    case 'none':
      // Nothing was done as anyone: skipped, or refused before an identity was chosen.
      return { verbatim: '—' };
  }
}

const unnamed = (said: string): string => said;

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
    actedAs: named(inEnglish(actedAs(entry, unnamed))),
    ...(entry.error ? { error: { code: entry.error.code, message: named(entry.error.message) } } : {}),
    said: {
      rule: writerText(entry.rule),
      actedAs: actedAs(entry, named),
      ...(isReducedEntry(entry) ? { reduced: true } : {}),
    },
  };
}
