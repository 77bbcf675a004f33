import { z } from 'zod';
import { describeActor } from '../access/actor';
import { AccessFailure, invalidInput } from '../access/failures';
import type { JiraClient } from '../access/jira-client';
import { route } from '../access/route';
import { echoInput } from './configuration';

const Evaluated = z.object({ value: z.unknown() });

/** Jira's own words about a rejected expression, kept short: they quote the expression. */
const MAX_REASON = 300;

/**
 * Evaluates a Jira expression with `issue` (and `project`) set, as the client's actor, in one call to the
 * non-deprecated POST /rest/api/3/expression/evaluate
 * (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-jira-expressions/#api-rest-api-3-expression-evaluate-post).
 * Jira evaluates `user` as that actor and shows the expression only what they may see. A 400 (Jira rejected the
 * expression) comes back as an INVALID_INPUT failure with Jira's reason.
 */
export async function evaluateForIssue(
  jira: JiraClient,
  expression: string,
  issue: { key: string; projectKey?: string },
): Promise<unknown> {
  const body = await jira.requestJira(route`/rest/api/3/expression/evaluate`, {
    method: 'POST',
    body: {
      expression,
      context: {
        issue: { key: issue.key },
        ...(issue.projectKey ? { project: { key: issue.projectKey } } : {}),
      },
    },
    readOnly: true,
  });
  return Evaluated.parse(body).value;
}

/** A value as one short line for people: `true`, `"text"`, `{"a":1}`. */
export function showValue(value: unknown, max = 200): string {
  return echoInput(JSON.stringify(value) ?? String(value), max);
}

/**
 * The post-function's "Only if": true when the effect should be made, or the reason it is skipped. Jira rejecting
 * the expression, or a value other than true or false, is a failure people see (audit log, and the issue when the
 * rule reports failures there), never a silent skip.
 */
export async function checkOnlyIf(
  jira: JiraClient,
  expression: string,
  issue: { key: string; projectKey?: string },
): Promise<{ holds: true } | { holds: false; reason: string }> {
  const shown = `“${echoInput(expression, 200)}”`;
  const value = await evaluateForIssue(jira, expression, issue).catch((error: unknown) => {
    if (error instanceof AccessFailure && error.code === 'INVALID_INPUT') {
      throw invalidInput(
        `Jira rejected the post-function's "Only if" expression ${shown} for ${issue.key}: ${echoInput(error.userMessage, MAX_REASON)}. Correct it in the post-function's settings in the workflow editor.`,
        error.details,
      );
    }
    throw error;
  });
  if (value === true) return { holds: true };
  if (value === false) {
    return {
      holds: false,
      reason: `Only if ${shown} was false for ${issue.key} (evaluated as ${describeActor(jira.actor)}): nothing was done`,
    };
  }
  throw invalidInput(
    `The post-function's "Only if" expression ${shown} returned ${showValue(value)} for ${issue.key}, not true or false, so Workflow Guard did not act. Make it compare a value, for example issue.priority.name == "High".`,
  );
}
