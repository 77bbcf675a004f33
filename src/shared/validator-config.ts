/**
 * What the validator configuration screens and their resolver (src/rules/validator-config) agree on. Shared with
 * the Custom UI (static/app imports this file), so it holds types and constants only.
 */
export const VALIDATOR_RULES = [
  'fields-requirement',
  'related-issues',
  'who-may-transition',
  'custom-expression',
] as const;
export type ValidatorRuleKey = (typeof VALIDATOR_RULES)[number];

/**
 * "The maximum length of configuration saved via the new editor is limited to 32KB"
 * (https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-workflow-validator/); the old
 * editor is gone, so this is the limit that applies.
 */
export const MAX_CONFIGURATION_BYTES = 32 * 1024;

/** The string the screen hands to `workflowRules.onConfigure`, checked and completed by the resolver. */
export interface PreparedConfiguration {
  configuration: string;
  /** One sentence for the workflow editor's rule list (`configurationDescription` reads `config.description`). */
  description: string;
  bytes: number;
}

export interface FieldOption {
  id: string;
  name: string;
  custom: boolean;
}

/** A Notify connection as a rule screen offers it: never its address or credentials. */
export interface ConnectionOption {
  id: string;
  name: string;
}

export interface LinkTypeOption {
  name: string;
  inward: string;
  outward: string;
}

export type StatusCategoryKey = 'new' | 'indeterminate' | 'done';

/** Jira's status category names, as JQL and the issue view show them. */
export const STATUS_CATEGORY_NAMES: Readonly<Record<StatusCategoryKey, string>> = {
  new: 'To Do',
  indeterminate: 'In Progress',
  done: 'Done',
};
