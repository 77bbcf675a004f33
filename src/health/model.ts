import { createHash } from 'node:crypto';
import type { Actor } from '../access/actor';
import type { AccessSession } from '../access/session';
import type { HealthProblemKind } from '../shared/health';
import { text, type Text } from '../shared/text-format';
import { ruleTitleKey } from '../rules/catalog';
import type { FixPlace } from './links';

/** One configured rule on one transition: what every finding about it names. */
export interface RuleUse {
  workflow: { id: string; name: string };
  transition: { id: string; name: string };
  rule: { key: string; title: string };
  /** Projects using the workflow (GET /workflow/{id}/projectUsages): where the rule runs. */
  projects: { id: string }[];
}

/** A problem before the run gives it an id and the time it was first seen. */
export interface Finding {
  kind: HealthProblemKind;
  /** What the finding is about within its rule use (a field id, a group name…): part of the stable id. */
  subject: string;
  use?: RuleUse;
  /** Projects affected when the finding is not about one rule use (e.g. a project permission). */
  projects?: { id: string; key?: string }[];
  /** What broke and what to do, as catalogue texts (section `healthProblems`): pages word them for their reader. */
  problem: Text;
  fix: Text;
  fixAt: FixPlace;
}

/** A health problem text (catalogue section `healthProblems`). */
export const said = (key: string, values?: Parameters<typeof text>[1]): Text =>
  text(`healthProblems.${key}`, values);

/** Words that came from elsewhere (Jira, a service, a name someone gave), shown as they are. */
export const verbatim = (words: string): Text => ({ verbatim: words });

/**
 * Several things said as one, joined by `healthProblems.<joiner>` ("{first} and {rest}"), so each language puts its
 * own word between them.
 */
export function joined(joiner: 'and' | 'or' | 'expression.then', items: readonly Text[]): Text {
  const [first, ...rest] = items;
  if (!first) return verbatim('');
  return rest.length ? said(joiner, { first, rest: joined(joiner, rest) }) : first;
}

/** What a fix names about the rule use: the rule's title (in the reader's language) and the transition. */
export const ruleAndTransition = (use: RuleUse) => ({
  rule: text(ruleTitleKey(use.rule.key)),
  transition: use.transition.name,
});

/** What every checker may use: the session, who reads configuration, and what the workflow scan learned. */
export interface CheckEnvironment {
  session: AccessSession;
  /** The admin on the page, or the app in the scheduled run (no user is there). */
  reader: Actor;
  scheduled: boolean;
  /** Status names of every workflow on the site. */
  statusNames: ReadonlySet<string>;
  /** Transition names of every workflow on the site, lower-cased (the rules match them ignoring case). */
  transitionNames: ReadonlySet<string>;
}

export const problemId = (finding: Finding): string =>
  createHash('sha256')
    .update(
      JSON.stringify([
        finding.kind,
        finding.subject,
        finding.use?.workflow.id ?? '',
        finding.use?.transition.id ?? '',
        finding.use?.rule.key ?? '',
      ]),
    )
    .digest('hex')
    .slice(0, 20);
