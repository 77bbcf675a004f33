import type { Text } from './text-format';

/**
 * What the expression tester (static/app/src/rules/ExpressionTester.tsx) and its resolver functions
 * (src/rules/validator-config/expression-tester.ts) agree on. Shared with the Custom UI: types and constants only.
 */

/** An issue the admin may pick, as Jira's issue picker offered it to them. */
export interface IssueChoice {
  key: string;
  summary: string;
}

/**
 * What the admin reads after testing: Jira's value and whether it counts as true, or Jira's reason it failed (in
 * English, and as a text for the viewer's language).
 */
export type ExpressionTestResult =
  | { kind: 'value'; issueKey: string; holds: boolean | null; value: string }
  | { kind: 'error'; issueKey: string; message: string; text: Text };

/** Jira issue keys: a project key (a letter, then letters, digits or underscores), a dash and a number. */
export const ISSUE_KEY_PATTERN = /^[A-Z][A-Z0-9_]{0,254}-[1-9][0-9]{0,17}$/;

/** What an admin types in the picker before Jira is asked; Jira matches words, so more is never needed. */
export const MAX_PICKER_QUERY = 200;
