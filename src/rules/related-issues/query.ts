import { STATUS_CATEGORY_NAMES } from '../../shared/validator-config';
import type { RelatedIssuesConfig } from './configuration';

/** A JQL string literal: double quotes, with backslash and quote escaped, so a value can never end the literal. */
export const jqlString = (text: string): string => `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

/**
 * One JQL query for everything the rule checks: the issue itself (its `parent` field carries the parent's status,
 * and its security level tells which related issues its viewers can see), plus only those sub-tasks and linked
 * issues that are NOT yet in the required category.
 */
export function relatedIssuesJql(issueKey: string, config: RelatedIssuesConfig): string {
  const key = jqlString(issueKey);
  const related = [
    ...(config.subtasks ? [`parent = ${key}`] : []),
    ...config.links.map((l) => `issue in linkedIssues(${key}, ${jqlString(l.direction)})`),
  ];
  const clauses = [
    `key = ${key}`,
    ...(related.length
      ? [
          `((${related.join(' OR ')}) AND statusCategory != ${jqlString(STATUS_CATEGORY_NAMES[config.requiredCategory])})`,
        ]
      : []),
  ];
  return clauses.join(' OR ');
}

/** Enough offenders to name in a message; the rest are summed up as "and more". */
export const MAX_NAMED_ISSUES = 20;
