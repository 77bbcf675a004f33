/**
 * What the validator configuration screens and their resolver (src/rules/validator-config) agree on. Shared with
 * the Custom UI (static/app imports this file), so it holds types, constants and pure helpers only.
 */
export const VALIDATOR_RULES = [
  'fields-requirement',
  'related-issues',
  'who-may-transition',
  'custom-expression',
  'comment-required',
  'field-changed',
  'required-when',
  'previous-status',
  'date-compare',
] as const;
export type ValidatorRuleKey = (typeof VALIDATOR_RULES)[number];

/** Expression conditions (jira:workflowCondition): configured through the same resolver as the validators. */
export const CONDITION_RULES = [
  'who-may-transition-condition',
  'custom-expression-condition',
  'field-value-condition',
  'related-status-condition',
] as const;
export type ConditionRuleKey = (typeof CONDITION_RULES)[number];

/** Every rule whose screen prepares its configuration through the configuration resolver. */
export type ConfigRuleKey = ValidatorRuleKey | ConditionRuleKey;

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
  /** The field's `schema` as GET /rest/api/3/field gives it: what kind of value it holds. */
  schema?: { type?: string; items?: string; custom?: string };
}

/** A Notify connection as a rule screen offers it: never its address or credentials. */
export interface ConnectionOption {
  id: string;
  name: string;
}

/** A status as the Previous status picker offers it; `projectId` for a team-managed project's own status. */
export interface StatusOption {
  id: string;
  name: string;
  projectId?: string;
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

/**
 * Fields the Date comparison validator reads: these system fields (by id, with the Issue property Jira expressions
 * give them: https://developer.atlassian.com/cloud/jira/platform/jira-expressions-type-reference/#issue) and custom
 * fields whose GET /rest/api/3/field schema type is `date` or `datetime`.
 */
export const SYSTEM_DATE_FIELDS = {
  duedate: { property: 'dueDate', kind: 'date' },
  created: { property: 'created', kind: 'datetime' },
  updated: { property: 'updated', kind: 'datetime' },
} as const satisfies Record<string, { property: string; kind: 'date' | 'datetime' }>;

/** The kind of date a field holds, or undefined when the Date comparison validator cannot read it. */
export function dateKindOf(
  field: Pick<FieldOption, 'id' | 'custom' | 'schema'>,
): 'date' | 'datetime' | undefined {
  if (!field.custom)
    return (SYSTEM_DATE_FIELDS as Record<string, { kind: 'date' | 'datetime' }>)[field.id]?.kind;
  const type = field.schema?.type;
  return type === 'date' || type === 'datetime' ? type : undefined;
}

/** The Date comparison's operators, as saved. */
export const DATE_OPERATORS = ['<', '<=', '=', '>=', '>'] as const;
