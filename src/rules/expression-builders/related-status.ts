import { STATUS_CATEGORY_NAMES, type StatusCategoryKey } from '../../shared/validator-config';
import { expressionString } from './literal';

/** Which related issues must be in a status category: the same choices as the Related issues validator. */
export interface RelatedStatus {
  requiredCategory: StatusCategoryKey;
  subtasks: boolean;
  parent: boolean;
  /** A link type's name and the direction as seen from the issue (e.g. Blocks, "is blocked by"). */
  links: ReadonlyArray<{ linkType: string; direction: string }>;
}

/**
 * True when every chosen related issue is in the category. Jira expressions give an Issue `subtasks`, `parent`
 * and `links`; an IssueLink has `type` (name, inward, outward), `direction` ("inward" or "outward") and
 * `linkedIssue`; a status has `category.key` (https://developer.atlassian.com/cloud/jira/platform/jira-expressions-type-reference/#issue,
 * #issuelink, #statuscategory). A link's direction as Jira words it is the type's inward or outward description.
 */
export function buildRelatedStatusExpression(config: RelatedStatus): string {
  const inCategory = (issue: string) =>
    `${issue}.status.category.key == ${expressionString(config.requiredCategory)}`;
  const linkMatches = config.links.map(
    (l) =>
      `(link.type.name == ${expressionString(l.linkType)} && (link.direction == "inward" ? link.type.inward : link.type.outward) == ${expressionString(l.direction)})`,
  );
  return [
    ...(config.subtasks ? [`issue.subtasks.every(subtask => ${inCategory('subtask')})`] : []),
    ...(config.parent ? [`(issue.parent == null || ${inCategory('issue.parent')})`] : []),
    ...(linkMatches.length
      ? [
          `issue.links.filter(link => ${linkMatches.join(' || ')}).every(link => ${inCategory('link.linkedIssue')})`,
        ]
      : []),
  ].join(' && ');
}

export function describeRelatedStatus(config: RelatedStatus): string {
  const kinds = [
    ...(config.subtasks ? ['its sub-tasks'] : []),
    ...(config.parent ? ['its parent'] : []),
    ...config.links.map((l) => `issues it ${l.direction}`),
  ];
  return `Offered only when ${kinds.join(', ')} are in "${STATUS_CATEGORY_NAMES[config.requiredCategory]}".`;
}
