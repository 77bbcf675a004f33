/**
 * What the project settings page and its resolver exchange. Shared with the Custom UI (static/app imports this
 * file), so it holds types only. The resolver validates every request with zod (src/pages/project-settings).
 */
import type { AuditModule } from '../audit/entry';
import type { Text } from './text-format';
export type PostFunctionActor = 'app' | 'transitioning-user';

export interface ProjectSettingsData {
  /** Rules turned off in the project: validators pass, post-functions do nothing. */
  disabledRules: string[];
  defaults: {
    actor: PostFunctionActor;
    allowAppFallback: boolean;
    reportFailureOnIssue: boolean;
    connections: string[];
  };
}

export interface RuleSwitchView {
  key: string;
  title: string;
  kind: 'validator' | 'condition' | 'post-function';
  enabled: boolean;
  /** False for expression rules: Jira evaluates them without the app, so no project setting can turn them off. */
  switchable: boolean;
  /** The transitions of the project's workflows that carry the rule, e.g. "Start Progress (Guarded workflow)". */
  usedOn: string[];
}

/** One Jira permission the app's bot user needs in the project for what is turned on. */
export interface BotPermissionView {
  permission: string;
  name: string;
  held: boolean;
  neededFor: string[];
  /** `name` and `neededFor` as catalogue texts, for the page to word in its reader's language. */
  said?: { name: Text; neededFor: Text[] };
}

export interface BotAccessView {
  permissions: BotPermissionView[];
  /** How to grant a missing permission in this kind of project. */
  fix: string;
  /** `fix` as a catalogue text, for the page to word in its reader's language. */
  said?: { fix: Text };
  /** Set when Jira could not be asked: the rest of the page still works. */
  error?: string;
}

export interface ConnectionChoice {
  id: string;
  name: string;
  /** False for an id the project allows but that the Jira admin has since removed. */
  configured: boolean;
}

export interface ProjectSettingsView {
  project: { key: string; name: string; style: 'company-managed' | 'team-managed' };
  viewerAccountId: string;
  /** 0 until first saved; send it back as `expectedRevision`. */
  revision: number;
  updatedAt?: string;
  updatedBy?: string;
  /** The display name of `updatedBy`, when Jira gave it (the page shows names, not account ids). */
  updatedByName?: string;
  settings: ProjectSettingsData;
  /** Rules the project's workflows use first, then the others, each by title. */
  rules: RuleSwitchView[];
  /** Set when Jira could not say which rules the project's workflows use (then every `usedOn` is empty). */
  rulesInUseProblem?: string;
  connections: ConnectionChoice[];
  botAccess: BotAccessView;
}

export interface SaveProjectSettingsRequest {
  expectedRevision: number;
  settings: ProjectSettingsData;
}

export interface ActivityEntryView {
  id: string;
  at: string;
  kind: AuditModule;
  rule: string;
  issueKey?: string;
  outcome: string;
  /** The app acted because the transitioning user could not (the summary says why). */
  fallback?: boolean;
  summary: string;
  /** Who the app acted as, in words. */
  actedAs: string;
  error?: { code: string; message: string };
  /**
   * The fixed words around the record as catalogue texts, for the page to word in its reader's language (the
   * record itself, `summary` and `error.message`, stays as it was written).
   */
  said?: { rule: Text; actedAs: Text; reduced?: true };
}

export interface ActivityPageView {
  entries: ActivityEntryView[];
  cursor?: string;
}
