import { oneAfterAnother } from '../../shared/issue-texts';
import { text, type Text } from '../../shared/text-format';
import { asWritten } from '../set-fields/plan';
import { jqlString } from '../related-issues/query';
import { SUMMARY_PLACEHOLDER, type CreateIssueConfig } from './configuration';

/**
 * The issue property that marks an issue Create issue made: which execution of which post-function created it.
 * manifest.yml indexes `execution` (jira:entityProperty `created-issue-mark`), so JQL finds the issue an earlier
 * delivery created (https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-entity-property/).
 */
export const CREATED_PROPERTY = 'workflow-guard.created';

export interface CreatedMark {
  /** `<executionId>/<post-function id>`: one value, so one indexed string finds it. */
  execution: string;
  source: string;
}

export const createdMark = (executionId: string, postFunctionId: string, source: string): CreatedMark => ({
  execution: `${executionId}/${postFunctionId}`,
  source,
});

/** JQL for the issue an earlier delivery created, in the project it was created in. */
export const earlierIssueJql = (projectId: string, mark: CreatedMark): string =>
  `project = ${jqlString(projectId)} AND issue.property[${jqlString(CREATED_PROPERTY)}].execution = ${jqlString(mark.execution)}`;

export interface SummaryValues {
  issueKey: string;
  issueSummary: string;
  transitionName?: string;
  /** The text of `{{field:<name>}}` by the name as written. */
  field?: (name: string) => string | undefined;
}

/**
 * The summary template rendered as plain text: Jira keeps a summary on one line, at most 255 characters
 * (IssueUpdateDetails' summary, the createIssue operation), so every line break, a field value's included, becomes a
 * space and a longer summary is cut with an ellipsis. Plain text has no markup to escape.
 */
export function renderSummary(template: string, values: SummaryValues): string {
  const rendered = template.replace(SUMMARY_PLACEHOLDER, (placeholder, name: string) => {
    const value = name.startsWith('field:')
      ? values.field?.(name.slice('field:'.length))
      : name === 'issue.key'
        ? values.issueKey
        : name === 'issue.summary'
          ? values.issueSummary
          : name === 'transition.name'
            ? values.transitionName
            : undefined;
    return value ?? placeholder;
  });
  const line = rendered.replace(/\s+/g, ' ').trim();
  return line.length > 255 ? `${line.slice(0, 254)}…` : line;
}

const isEmpty = (value: unknown): boolean =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

/** One field of Jira's create metadata (FieldCreateMetadata), as far as the check reads it. */
export interface CreateFieldMeta {
  fieldId: string;
  name: string;
  required: boolean;
  hasDefaultValue?: boolean;
}

/** Fields the rule always fills in: the project, issue type and summary, and the parent of a sub-task. */
const FILLED_BY_THE_RULE = new Set(['project', 'issuetype', 'summary', 'parent']);

/**
 * Required fields Jira has no default for and the rule would leave empty. `sourceValues` (the transitioned issue's
 * values of the copied fields) is known only at run time: at save time a copied field counts as filled.
 */
export function missingRequiredFields(
  meta: readonly CreateFieldMeta[],
  copyFields: readonly string[],
  sourceValues?: Readonly<Record<string, unknown>>,
): Array<{ fieldId: string; name: string; copiedButEmpty: boolean }> {
  return meta.flatMap((field) => {
    if (!field.required || field.hasDefaultValue === true || FILLED_BY_THE_RULE.has(field.fieldId)) return [];
    const copied = copyFields.includes(field.fieldId);
    if (copied && (sourceValues === undefined || !isEmpty(sourceValues[field.fieldId]))) return [];
    return [{ fieldId: field.fieldId, name: field.name, copiedButEmpty: copied }];
  });
}

/** The sentence naming what is missing, for the configuration screen and the audit log. */
export function describeMissing(
  missing: ReturnType<typeof missingRequiredFields>,
  where: { projectName: string; issueTypeName: string; sourceKey?: string },
): Text {
  const parts = missing.map((field) =>
    field.copiedButEmpty
      ? text('errors.createIssue.copiedButEmpty', {
          name: field.name,
          id: field.fieldId,
          source: where.sourceKey ?? text('errors.createIssue.transitionedIssue'),
        })
      : text('errors.createIssue.notSet', { name: field.name, id: field.fieldId }),
  );
  return text('errors.createIssue.missing', {
    issueType: where.issueTypeName,
    project: where.projectName,
    parts: oneAfterAnother(parts) ?? '',
  });
}

/** The `POST /rest/api/3/issue` body (IssueUpdateDetails): fields, and the mark in `properties`. */
export function createBody(
  config: CreateIssueConfig,
  input: {
    projectId: string;
    summary: string;
    parentKey?: string;
    sourceValues: Readonly<Record<string, unknown>>;
    mark: CreatedMark;
  },
): { fields: Record<string, unknown>; properties: Array<{ key: string; value: unknown }> } {
  const copied = Object.fromEntries(
    config.copyFields
      .filter((field) => !isEmpty(input.sourceValues[field]))
      .map((field) => [field, asWritten(input.sourceValues[field])]),
  );
  return {
    fields: {
      ...copied,
      project: { id: input.projectId },
      issuetype: { id: config.issueTypeId },
      summary: input.summary,
      ...(input.parentKey !== undefined ? { parent: { key: input.parentKey } } : {}),
    },
    properties: [{ key: CREATED_PROPERTY, value: input.mark }],
  };
}

/** The `POST /rest/api/3/issueLink` body linking the new issue and the transitioned one. */
export function linkBody(
  link: NonNullable<CreateIssueConfig['linkBack']>,
  newKey: string,
  currentKey: string,
): { type: { name: string }; outwardIssue: { key: string }; inwardIssue: { key: string } } {
  const [outward, inward] = link.direction === 'outward' ? [newKey, currentKey] : [currentKey, newKey];
  return { type: { name: link.linkType }, outwardIssue: { key: outward }, inwardIssue: { key: inward } };
}
