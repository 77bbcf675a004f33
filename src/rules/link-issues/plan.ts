import { jqlString } from '../related-issues/query';
import type { LinkIssuesConfig } from './configuration';

/** The configured JQL for one issue: `{{issue.key}}` as a JQL string, and never the issue itself. */
export const linkTargetsJql = (jql: string, issueKey: string): string =>
  `(${jql.replace(/\{\{\s*issue\.key\s*\}\}/g, jqlString(issueKey))}) AND key != ${jqlString(issueKey)}`;

const ISSUE_KEY = /\b[A-Z][A-Z0-9_]{0,254}-\d{1,18}\b/g;

/**
 * The issue keys a field value names: an issue (`{key}`), a list of them, or text holding keys (a text field or a
 * document). Each key once, in the order found, never the issue itself.
 */
export function keysInField(value: unknown, issueKey: string): string[] {
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (typeof node === 'string') found.push(...(node.toUpperCase().match(ISSUE_KEY) ?? []));
    else if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (typeof record.key === 'string') found.push(record.key);
      else if (typeof record.text === 'string') visit(record.text);
      else if (Array.isArray(record.content)) visit(record.content);
    }
  };
  visit(value);
  return [...new Set(found)].filter((key) => key !== issueKey);
}

/** The `POST /rest/api/3/issueLink` body between the transitioned issue and one target. */
export function linkBetween(
  config: Pick<LinkIssuesConfig, 'linkType' | 'direction'>,
  issueKey: string,
  target: string,
): { type: { name: string }; outwardIssue: { key: string }; inwardIssue: { key: string } } {
  const [outward, inward] = config.direction === 'outward' ? [issueKey, target] : [target, issueKey];
  return { type: { name: config.linkType }, outwardIssue: { key: outward }, inwardIssue: { key: inward } };
}
