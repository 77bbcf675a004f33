import { createHash } from 'node:crypto';
import type { Actor } from '../access/actor';
import type { AccessSession } from '../access/session';
import type { FixLocation, HealthProblemKind } from '../shared/health';

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
  problem: string;
  fix: string;
  fixAt: FixLocation;
}

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
