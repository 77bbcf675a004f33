import { hasControlCharacter } from '../validator-config/control-characters';

/**
 * A Jira expression string literal. Jira expressions write strings as in JavaScript
 * (https://developer.atlassian.com/cloud/jira/platform/jira-expressions/): inside double quotes only a backslash
 * or a double quote can end or bend the literal, so those two are escaped; control characters are refused
 * rather than escaped, as configuration never needs them.
 */
export function expressionString(text: string): string {
  if (hasControlCharacter(text))
    throw new Error('A Jira expression string literal cannot hold control characters');
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

export const expressionList = (items: readonly string[]): string =>
  `[${items.map(expressionString).join(', ')}]`;

/** Field ids as Jira names them (`summary`, `customfield_10010`): the only text placed outside a literal. */
export const FIELD_ID = /^[A-Za-z][A-Za-z0-9_]{0,99}$/;

/**
 * A field of an issue variable (`issue`, `originalIssue`, a related issue): Jira expressions expose system fields
 * and custom fields by id as properties of Issue
 * (https://developer.atlassian.com/cloud/jira/platform/jira-expressions-type-reference/#issue).
 */
export function issueField(variable: string, fieldId: string): string {
  if (!FIELD_ID.test(fieldId)) throw new Error(`"${fieldId}" is not a Jira field id`);
  return `${variable}.${fieldId}`;
}
