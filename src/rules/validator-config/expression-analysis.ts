import { z } from 'zod';
import { CURRENT_USER } from '../../access/actor';
import { invalidInput } from '../../access/failures';
import { route } from '../../access/route';
import type { AccessSession } from '../../access/session';
import { echoInput } from '../../execution/configuration';

const Analysis = z.object({
  results: z.array(
    z.object({
      valid: z.boolean(),
      type: z.string().optional(),
      errors: z
        .array(z.object({ message: z.string(), line: z.number().optional(), column: z.number().optional() }))
        .optional(),
    }),
  ),
});

/**
 * Context variables of a workflow validator expression beyond the ones the analyser assumes (`issue`, `project`,
 * `user`): https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-workflow-validator/#context-variables
 */
const VALIDATOR_CONTEXT = {
  originalIssue: 'Issue',
  transition: 'Transition',
  workflow: 'Workflow',
  config: 'Map',
};

/** Jira's first errors are the ones to fix first; the rest would only lengthen the message. */
const MAX_ERRORS = 3;

/** A validator must return true/false, or a string shown as the error (same page, `expression` property). */
const ACCEPTED_TYPES = /^(Boolean|String|Any)$/;

/**
 * Asks Jira itself whether a validator expression parses and type-checks (POST /rest/api/3/expression/analyse,
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-jira-expressions/#api-rest-api-3-expression-analyse-post),
 * as the admin configuring it. Jira's own error, with its position, becomes an invalid-input failure the screen shows.
 */
export async function assertExpressionValid(
  session: AccessSession,
  expression: string,
  what: string,
): Promise<void> {
  const body = await session
    .jira(CURRENT_USER)
    .requestJira(route`/rest/api/3/expression/analyse?check=type`, {
      method: 'POST',
      body: { expressions: [expression], contextVariables: VALIDATOR_CONTEXT },
      readOnly: true,
    });
  const [result] = Analysis.parse(body).results;
  if (!result) throw invalidInput(`Jira did not analyse ${what}. Try again.`);
  if (!result.valid) {
    // Jira's messages quote the expression: each is kept short, so a huge expression cannot become the message.
    const errors = (result.errors ?? [])
      .slice(0, MAX_ERRORS)
      .map(
        (e) =>
          `${echoInput(e.message, 300)}${e.line === undefined ? '' : ` (line ${e.line}, column ${e.column ?? 1})`}`,
      );
    throw invalidInput(
      `Jira rejected ${what}: ${errors.join('; ') || 'no reason given'}. Correct it and save again.`,
    );
  }
  if (result.type && !ACCEPTED_TYPES.test(result.type)) {
    throw invalidInput(
      `${capitalise(what)} returns ${result.type}; a validator must return true or false (or a message). Compare a value, for example issue.assignee != null.`,
    );
  }
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
