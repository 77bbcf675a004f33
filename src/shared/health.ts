/**
 * What the health check reports (src/health), shared with the Custom UI (static/app imports this file): types only.
 * A problem names the workflow, transition and rule it is in, what broke, how to fix it and where.
 */
import type { Text } from './text-format';

/** What kind of thing a problem is about: one checker per kind (src/health/checkers). */
export type HealthProblemKind =
  | 'field'
  | 'link-type'
  | 'status'
  | 'transition'
  | 'group'
  | 'project-role'
  | 'user'
  | 'connection'
  | 'expression'
  | 'configuration'
  | 'bot-permission'
  | 'scope'
  | 'egress'
  | 'connection-test'
  | 'platform-shape'
  | 'check-incomplete';

/**
 * Where the fix is made: a Jira page (a path on the site, opened with the bridge's router), an Atlassian
 * Administration page (an absolute address), or a tab of this app's admin page.
 */
export interface FixLocation {
  label: string;
  href: string;
}

export interface HealthProblemView {
  /** Stable across runs, so a run knows which problems are new. */
  id: string;
  kind: HealthProblemKind;
  workflow?: { id: string; name: string };
  transition?: { id: string; name: string };
  rule?: { key: string; title: string };
  /** Projects the rule runs in (those using the workflow), so a project's page shows only its own problems. */
  projects?: { id: string; key?: string }[];
  /** What broke, in words. */
  problem: string;
  /** What to do about it. */
  fix: string;
  fixAt: FixLocation;
  /**
   * The same three as catalogue texts, for a page to word in its reader's language. `problem`, `fix` and
   * `fixAt.label` stay in English: the audit log records them, and results a previous version stored have only
   * those (the page shows them as they are).
   */
  said?: { problem: Text; fix: Text; fixAt: Text };
  /** When a run first found it. */
  firstSeen: string;
}

/** What a platform invocation sent compared with what the app reads (names and types only, never values). */
export interface ShapeDifferenceView {
  /** e.g. `transition.from.id`. */
  path: string;
  kind: 'missing' | 'unexpected-type' | 'not-read';
  expected?: string;
  received?: string;
}

export interface ShapeReportView {
  /** The module kind, e.g. `jira:workflowPostFunction`. */
  module: string;
  appVersion: string;
  recordedAt: string;
  differences: ShapeDifferenceView[];
}

export interface HealthRunView {
  at: string;
  trigger: 'scheduled' | 'admin-page';
  /** Jira calls the run made. */
  jiraCalls: number;
  workflows: number;
  /** Workflows Jira reported changed since the last run, whose transitions and rules were read again. */
  workflowsReread: number;
  rules: number;
}

export interface HealthReportView {
  /** Undefined until the first run. */
  lastRun?: HealthRunView;
  problems: HealthProblemView[];
  shapes: ShapeReportView[];
}
