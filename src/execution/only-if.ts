import { z } from 'zod';
import { describeActor } from '../access/actor';
import { AccessFailure, invalidInput } from '../access/failures';
import type { JiraClient } from '../access/jira-client';
import { route } from '../access/route';
import { echoInput } from './configuration';
import type { TemplateField } from '../shared/field-templates';
import { readValues, valuesExpression } from '../rules/field-templates/values';

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
 * Whether Jira's answer to "Only if" lets the effect be made: true acts, false skips with the reason; anything else is
 * a failure people see (audit log, and the issue when the rule reports failures there), never a silent skip.
 */
function onlyIfVerdict(
  value: unknown,
  jira: JiraClient,
  shown: string,
  issueKey: string,
): { holds: true } | { holds: false; reason: string } {
  if (value === true) return { holds: true };
  if (value === false) {
    return {
      holds: false,
      reason: `Only if ${shown} was false for ${issueKey} (evaluated as ${describeActor(jira.actor)}): nothing was done`,
    };
  }
  throw invalidInput(
    `The post-function's "Only if" expression ${shown} returned ${showValue(value)} for ${issueKey}, not true or false, so Workflow Guard did not act. Make it compare a value, for example issue.priority.name == "High".`,
  );
}

/** Jira rejecting what was evaluated, said as the post-function's fault to correct in the workflow editor. */
function rejected(what: string, issueKey: string) {
  return (error: unknown): never => {
    if (error instanceof AccessFailure && error.code === 'INVALID_INPUT') {
      throw invalidInput(
        `Jira rejected ${what} for ${issueKey}: ${echoInput(error.userMessage, MAX_REASON)}. Correct it in the post-function's settings in the workflow editor.`,
        error.details,
      );
    }
    throw error;
  };
}

/**
 * The post-function's "Only if": true when the effect should be made, or the reason it is skipped. Jira rejecting
 * the expression, or a value other than true or false, is a failure people see, never a silent skip.
 */
export async function checkOnlyIf(
  jira: JiraClient,
  expression: string,
  issue: { key: string; projectKey?: string },
): Promise<{ holds: true } | { holds: false; reason: string }> {
  const shown = `“${echoInput(expression, 200)}”`;
  const value = await evaluateForIssue(jira, expression, issue).catch(
    rejected(`the post-function's "Only if" expression ${shown}`, issue.key),
  );
  return onlyIfVerdict(value, jira, shown, issue.key);
}

/**
 * "Only if" can share one evaluation with the templates' field values when it is a single expression: `let`
 * declarations or `return` need statements of their own, so such an expression is evaluated on its own first.
 */
const foldable = (expression: string): boolean =>
  !expression.includes(';') && !/^\s*return\b/.test(expression);

/** The key of the acting user's display name in the evaluated map (no Jira field id has this form). */
const ACTOR_NAME = 'wgActorName';

export type BeforeEffect =
  { holds: true; values: ReadonlyMap<string, string>; actorName?: string } | { holds: false; reason: string };

/**
 * What Jira must answer before a post-function acts, in one evaluation as the acting identity: its "Only if" and the
 * values of the fields its templates show (by field id, as text), and, when `actorName` is asked and an evaluation is
 * made anyway, the acting user's display name (`user.displayName`: `user` is the caller, the User type reference).
 * Folded, the expression binds "Only if" with `let`
 * (https://developer.atlassian.com/cloud/jira/platform/jira-expressions-grammar/) and reads the rest only when it is
 * true, so a false "Only if" skips exactly as before and the values cost nothing then. The parenthesis closes on a
 * line of its own, after whatever the last line of "Only if" holds.
 */
export async function evaluateBeforeEffect(
  jira: JiraClient,
  {
    onlyIf,
    fields,
    actorName = false,
  }: { onlyIf?: string | undefined; fields: readonly TemplateField[]; actorName?: boolean },
  issue: { key: string; projectKey?: string },
): Promise<BeforeEffect> {
  const none = new Map<string, string>();
  const asksName = actorName && (onlyIf !== undefined || fields.length > 0);
  if (fields.length === 0 && !asksName) {
    const verdict = onlyIf ? await checkOnlyIf(jira, onlyIf, issue) : { holds: true as const };
    return verdict.holds ? { holds: true, values: none } : verdict;
  }
  const fieldsMap = valuesExpression(fields);
  const values = asksName
    ? `${fieldsMap.slice(0, -1)}${fields.length ? ', ' : ''}${ACTOR_NAME}: user.displayName}`
    : fieldsMap;
  const read = (evaluated: unknown) => {
    const name = (evaluated as Record<string, unknown> | null | undefined)?.[ACTOR_NAME];
    return {
      holds: true as const,
      values: readValues(evaluated, fields),
      ...(asksName && typeof name === 'string' ? { actorName: name } : {}),
    };
  };
  const names = fields.length
    ? `the fields the post-function's template shows (${fields.map((f) => `{{field:${f.name}}}`).join(', ')})`
    : "the acting user's name";
  if (onlyIf && foldable(onlyIf)) {
    const shown = `“${echoInput(onlyIf, 200)}”`;
    const answer = Folded.parse(
      await evaluateForIssue(
        jira,
        `let wgOnlyIf = (\n${onlyIf}\n);\nwgOnlyIf == true ? {onlyIf: true, values: ${values}} : {onlyIf: wgOnlyIf}`,
        issue,
      ).catch(rejected(`the post-function's "Only if" expression ${shown} or ${names}`, issue.key)),
    );
    const verdict = onlyIfVerdict(answer.onlyIf, jira, shown, issue.key);
    return verdict.holds ? read(answer.values) : verdict;
  }
  if (onlyIf) {
    const verdict = await checkOnlyIf(jira, onlyIf, issue);
    if (!verdict.holds) return verdict;
    // "Only if" needed statements of its own: a second call only for what the effect shows.
    if (fields.length === 0) return { holds: true, values: none };
  }
  const evaluated = await evaluateForIssue(jira, values, issue).catch(rejected(names, issue.key));
  return read(evaluated);
}

/** The folded evaluation's answer: "Only if"'s value, and the field values when it was true. */
const Folded = z.object({ onlyIf: z.unknown(), values: z.unknown().optional() });
