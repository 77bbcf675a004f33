import { z } from 'zod';
import { CURRENT_USER } from '../../access/actor';
import { AccessFailure } from '../../access/failures';
import { route } from '../../access/route';
import type { AccessSession } from '../../access/session';
import { evaluateForIssue, showValue } from '../../execution/only-if';
import { projectOfIssue } from '../../execution/validator-runner';
import type { ExpressionTestResult, IssueChoice } from '../../shared/expression-tester';

/** The picker's answer (IssuePickerSuggestions in the spec): issues in sections ("History Search", "Current Search"). */
const Suggestions = z.object({
  sections: z
    .array(
      z.object({
        issues: z
          .array(z.object({ key: z.string(), summaryText: z.string().optional() }))
          .optional()
          .default([]),
      }),
    )
    .optional()
    .default([]),
});

/** Enough to choose from; the admin narrows the query for more. */
const MAX_CHOICES = 20;

/**
 * Issues matching what the admin typed, from Jira's issue picker (GET /rest/api/3/issue/picker,
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-issue-picker-get)
 * called as the admin: Jira offers only issues they may browse, so the tester shows nothing they could not open.
 */
export async function pickIssues(session: AccessSession, query: string): Promise<IssueChoice[]> {
  const body = await session
    .jira(CURRENT_USER)
    .requestJira(route`/rest/api/3/issue/picker?query=${query}`, { method: 'GET' });
  const seen = new Map<string, IssueChoice>();
  for (const section of Suggestions.parse(body).sections) {
    for (const issue of section.issues) {
      if (!seen.has(issue.key)) seen.set(issue.key, { key: issue.key, summary: issue.summaryText ?? '' });
    }
  }
  return [...seen.values()].slice(0, MAX_CHOICES);
}

/**
 * Evaluates an expression for one issue as the admin (one call to POST /rest/api/3/expression/evaluate): its value,
 * whether that counts as true, or why Jira could not evaluate it. An issue the admin cannot browse is Jira's 404,
 * shown as such: the tester never evaluates as the app.
 */
export async function testExpression(
  session: AccessSession,
  expression: string,
  issueKey: string,
): Promise<ExpressionTestResult> {
  try {
    const value = await evaluateForIssue(session.jira(CURRENT_USER), expression, {
      key: issueKey,
      projectKey: projectOfIssue(issueKey),
    });
    return {
      kind: 'value',
      issueKey,
      holds: typeof value === 'boolean' ? value : null,
      value: showValue(value, 2000),
    };
  } catch (error) {
    if (error instanceof AccessFailure && (error.code === 'INVALID_INPUT' || error.code === 'NOT_FOUND')) {
      return {
        kind: 'error',
        issueKey,
        message: error.userMessage,
        text: error.userText ?? { verbatim: error.userMessage },
      };
    }
    throw error;
  }
}
