import { ruleCatalog } from '../../rules/catalog';
import type { ProjectSettings } from '../../settings/model';

const titleOf = (key: string): string => ruleCatalog.find((rule) => rule.key === key)?.title ?? key;
const onOff = (value: boolean): string => (value ? 'on' : 'off');
const list = (ids: readonly string[]): string => (ids.length ? ids.join(', ') : 'none');

/** The audit entry's account of a save, e.g. "Turned off Comment; default actor: app → transitioning-user". */
export function describeChanges(before: ProjectSettings, after: ProjectSettings): string {
  const changes: string[] = [];
  for (const key of after.disabledRules.filter((k) => !before.disabledRules.includes(k)))
    changes.push(`turned off ${titleOf(key)}`);
  for (const key of before.disabledRules.filter((k) => !after.disabledRules.includes(k)))
    changes.push(`turned on ${titleOf(key)}`);
  const [b, a] = [before.defaults, after.defaults];
  if (b.actor !== a.actor) changes.push(`default actor: ${b.actor} → ${a.actor}`);
  if (b.allowAppFallback !== a.allowAppFallback)
    changes.push(`falling back to the app: ${onOff(b.allowAppFallback)} → ${onOff(a.allowAppFallback)}`);
  if (b.reportFailureOnIssue !== a.reportFailureOnIssue)
    changes.push(
      `failures reported on the issue: ${onOff(b.reportFailureOnIssue)} → ${onOff(a.reportFailureOnIssue)}`,
    );
  if (list([...b.connections].sort()) !== list([...a.connections].sort()))
    changes.push(`allowed connections: ${list(b.connections)} → ${list(a.connections)}`);
  const text = changes.length ? changes.join('; ') : 'saved without changes';
  return `Project settings ${text}`;
}
