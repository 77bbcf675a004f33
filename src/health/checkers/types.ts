import type { RuleReferences } from '../../rules/references';
import type { CheckEnvironment, Finding, RuleUse } from '../model';

export type ReferenceKind = keyof RuleReferences;
export type ReferenceOf<K extends ReferenceKind> = NonNullable<RuleReferences[K]>[number];

/** One reference of one rule use: what the checker is asked about. */
export interface Referenced<T> {
  ref: T;
  use: RuleUse;
}

/**
 * Checks every reference of one kind, across every rule of the site, at once: at most a few Jira calls whatever
 * the number of rules. Called only when some rule references that kind.
 */
export interface ReferenceChecker<K extends ReferenceKind> {
  kind: K;
  check(items: Referenced<ReferenceOf<K>>[], env: CheckEnvironment): Promise<Finding[]>;
}

/** `"Story points" (customfield_10016)`: names in quotes, ids after. */
export const quoted = (text: string): string => `"${text}"`;
