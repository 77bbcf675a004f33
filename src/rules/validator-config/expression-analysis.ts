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

/** What Jira must know to analyse an expression of one kind, and what it must return. */
export interface ExpressionKind {
  /** Context variables beyond the ones the analyser assumes (`issue`, `project`, `user`). */
  contextVariables: Record<string, string>;
  accepted: RegExp;
  /** The sentence, after "returns <type>;", saying what it must return instead. */
  mustReturn: string;
}

/**
 * A validator's expression: its extra context variables
 * (https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-workflow-validator/#context-variables),
 * and true/false, or a string shown as the error (same page, `expression` property).
 */
export const VALIDATOR_EXPRESSION: ExpressionKind = {
  contextVariables: { originalIssue: 'Issue', transition: 'Transition', workflow: 'Workflow', config: 'Map' },
  accepted: /^(Boolean|String|Any)$/,
  mustReturn: 'a validator must return true or false (or a message)',
};

/**
 * An expression condition's: no `originalIssue`, but `groupOperator` (a String)
 * (https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-workflow-condition/#context-variables);
 * it "should return a Boolean value", anything else counting as false (same page).
 */
export const CONDITION_EXPRESSION: ExpressionKind = {
  contextVariables: {
    transition: 'Transition',
    workflow: 'Workflow',
    config: 'Map',
    groupOperator: 'String',
  },
  accepted: /^(Boolean|Any)$/,
  mustReturn: 'a condition must return true or false',
};

/**
 * A post-function's "Only if": evaluated by the app with `issue`, `project` and `user` (src/execution/only-if.ts),
 * and it must be true or false. The analyser assumes Jira's "common context variables" and may let a validator's
 * `transition` pass; the evaluation then rejects it, which the tester shows and a run reports as a failure.
 */
export const ONLY_IF_EXPRESSION: ExpressionKind = {
  contextVariables: {},
  accepted: /^(Boolean|Any)$/,
  mustReturn: '"Only if" must return true or false',
};

/** Jira's first errors are the ones to fix first; the rest would only lengthen the message. */
const MAX_ERRORS = 3;

/**
 * Asks Jira itself whether an expression parses and type-checks (POST /rest/api/3/expression/analyse,
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-jira-expressions/#api-rest-api-3-expression-analyse-post),
 * as the admin configuring it. Jira's own error, with its position, becomes an invalid-input failure the screen shows.
 */
export async function assertExpressionValid(
  session: AccessSession,
  { text: expression, what, field }: { text: string; what: string; field?: string },
  kind: ExpressionKind = VALIDATOR_EXPRESSION,
): Promise<void> {
  // Said beside the field that holds the expression, when the admin wrote it.
  const details = (message: string) => (field ? { fields: { [field]: message } } : {});
  const body = await session
    .jira(CURRENT_USER)
    .requestJira(route`/rest/api/3/expression/analyse?check=type`, {
      method: 'POST',
      body: { expressions: [expression], contextVariables: kind.contextVariables },
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
    const reason = errors.join('; ') || 'no reason given';
    throw invalidInput(
      `Jira rejected ${what}: ${reason}. Correct it and save again.`,
      details(`Jira rejected this expression: ${reason}.`),
    );
  }
  if (result.type && !kind.accepted.test(result.type)) {
    const message = `${capitalise(what)} returns ${result.type}; ${kind.mustReturn}. Compare a value, for example issue.assignee != null.`;
    throw invalidInput(message, details(message));
  }
}

const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
