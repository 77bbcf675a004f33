import { z } from 'zod';
import { CURRENT_USER } from '../../access/actor';
import { invalidInput } from '../../access/failures';
import { route } from '../../access/route';
import type { AccessSession } from '../../access/session';
import { text, type Text } from '../../access/texts';
import { echoInput } from '../../execution/configuration';
import { oneAfterAnother } from '../../shared/issue-texts';

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
  mustReturn: Text;
}

/** Which expression a message speaks about: the admin's own, one the app generated, or a post-function's "Only if". */
export type ExpressionName = 'the expression' | 'the generated expression' | 'the "Only if" expression';
const NAME_KEYS: Readonly<Record<ExpressionName, string>> = {
  'the expression': 'expression',
  'the generated expression': 'generated',
  'the "Only if" expression': 'onlyIf',
};

/**
 * A validator's expression: its extra context variables
 * (https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-workflow-validator/#context-variables),
 * and true/false, or a string shown as the error (same page, `expression` property).
 */
export const VALIDATOR_EXPRESSION: ExpressionKind = {
  contextVariables: { originalIssue: 'Issue', transition: 'Transition', workflow: 'Workflow', config: 'Map' },
  accepted: /^(Boolean|String|Any)$/,
  mustReturn: text('errors.expression.mustReturn.validator'),
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
  mustReturn: text('errors.expression.mustReturn.condition'),
};

/**
 * A post-function's "Only if": evaluated by the app with `issue`, `project` and `user` (src/execution/only-if.ts),
 * and it must be true or false. The analyser assumes Jira's "common context variables" and may let a validator's
 * `transition` pass; the evaluation then rejects it, which the tester shows and a run reports as a failure.
 */
export const ONLY_IF_EXPRESSION: ExpressionKind = {
  contextVariables: {},
  accepted: /^(Boolean|Any)$/,
  mustReturn: text('errors.expression.mustReturn.onlyIf'),
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
  { text: expression, what, field }: { text: string; what: ExpressionName; field?: string },
  kind: ExpressionKind = VALIDATOR_EXPRESSION,
): Promise<void> {
  // Said beside the field that holds the expression, when the admin wrote it.
  const details = (message: Text) => (field ? { fieldTexts: { [field]: message } } : {});
  const name = NAME_KEYS[what];
  const body = await session
    .jira(CURRENT_USER)
    .requestJira(route`/rest/api/3/expression/analyse?check=type`, {
      method: 'POST',
      body: { expressions: [expression], contextVariables: kind.contextVariables },
      readOnly: true,
    });
  const [result] = Analysis.parse(body).results;
  if (!result)
    throw invalidInput(
      text('errors.expression.notAnalysed', { what: text(`errors.expression.name.${name}`) }),
    );
  if (!result.valid) {
    // Jira's messages quote the expression: each is kept short, so a huge expression cannot become the message.
    // They are Jira's own words, kept as they are in every language.
    const errors = (result.errors ?? []).slice(0, MAX_ERRORS).map((e): Text => {
      const message = echoInput(e.message, 300);
      return e.line === undefined
        ? { verbatim: message }
        : text('errors.expression.at', { message, line: e.line, column: e.column ?? 1 });
    });
    const reason = oneAfterAnother(errors) ?? text('errors.expression.noReason');
    throw invalidInput(
      text('errors.expression.rejected', { what: text(`errors.expression.name.${name}`), reason }),
      details(text('errors.expression.rejectedHere', { reason })),
    );
  }
  if (result.type && !kind.accepted.test(result.type)) {
    const message = text(`errors.expression.wrongType.${name}`, {
      type: result.type,
      mustReturn: kind.mustReturn,
    });
    throw invalidInput(message, details(message));
  }
}
