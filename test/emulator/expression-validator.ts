import { MANIFEST_PATH, readManifest } from '../harness/manifest';
import { evaluateExpression, ExpressionEvaluationError, UnsupportedExpressionError } from './expression-eval';
import { fromJson, JiraObjects, type JiraValue } from './expression-values';
import type { SiteState } from './state';

/**
 * An expression validator run the way Jira runs it at transition time
 * (https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-workflow-validator/): the
 * configuration's `expression` overrides the manifest's; the context is `user` (who transitions), `issue` (with
 * the transition screen's edits), `originalIssue`, `project`, `transition`, `workflow` and `config`; only `true`
 * lets the transition through; a String result is the error message; an error or any other result blocks with
 * the validator's `errorMessage` (a string, or an expression evaluated in the same context).
 */
export interface ExpressionValidatorModule {
  expression?: string;
  errorMessage?: string | { expression: string } | { i18n: string };
}

export interface ValidatorExpressionInput extends ExpressionValidatorModule {
  /** The rule's saved configuration, as an object or the JSON string Jira keeps. */
  config: unknown;
  issueKey: string;
  transitionId: string;
  /** The user making the transition. */
  accountId: string;
  /** Field values changed on the transition screen (REST "Get issue" format, users as { accountId }). */
  screenEdits?: Readonly<Record<string, unknown>>;
  /** A comment written on the transition screen (plain text), by the user making the transition. */
  screenComment?: string;
}

/** Jira's verdict: let the transition through, or block it with the message the user sees. */
export type ValidatorExpressionResult =
  | { result: true }
  | {
      result: false;
      errorMessage: string;
      /** Why evaluation failed, when it did (Jira then treats the validator as false). */
      failure?: string;
    };

/**
 * Shown when a blocking validator has no message of its own. Jira's exact default wording is not documented; this
 * is the emulator's.
 */
export const DEFAULT_VALIDATOR_MESSAGE = 'The transition was blocked by a validator.';

/**
 * The expression Jira evaluates for a rule: a string `expression` in its configuration overrides the module's
 * ("Overriding Jira expression" on the validator and condition module pages,
 * https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-workflow-validator/).
 */
export function configuredExpression<M extends string | undefined>(
  config: unknown,
  moduleExpression: M,
): string | M {
  const configured = (config as { expression?: unknown } | null)?.expression;
  return typeof configured === 'string' ? configured : moduleExpression;
}

export function evaluateValidatorExpression(
  site: SiteState,
  input: ValidatorExpressionInput,
): ValidatorExpressionResult {
  const config: unknown = typeof input.config === 'string' ? JSON.parse(input.config) : input.config;
  const expression = configuredExpression(config, input.expression);
  if (expression === undefined) {
    throw new Error('The validator has no expression: neither its configuration nor its module defines one');
  }
  const variables = validatorContext(site, input, config);
  const outcome = evaluate(expression, variables, site.clock);
  if (outcome.value === true) return { result: true };
  if (typeof outcome.value === 'string') return { result: false, errorMessage: outcome.value };
  return {
    result: false,
    errorMessage: messageOf(input.errorMessage, variables, site.clock),
    ...(outcome.failure ? { failure: outcome.failure } : {}),
  };
}

function validatorContext(
  site: SiteState,
  input: ValidatorExpressionInput,
  config: unknown,
): Record<string, JiraValue> {
  const record = site.requireIssue(input.issueKey);
  const project = site.requireProject(record.projectKey);
  const workflow = site.workflowOf(project, record.issueType);
  const transition = site.transitionsFor(record).find((t) => t.id === input.transitionId);
  if (!transition) {
    throw new Error(
      `Transition ${input.transitionId} is not available for ${record.key} in status ${record.status}`,
    );
  }
  const objects = new JiraObjects(site);
  return {
    user: objects.user(site.requireUser(input.accountId)),
    issue: objects.issue(
      record,
      input.screenEdits,
      input.screenComment === undefined
        ? undefined
        : { authorId: input.accountId, text: input.screenComment },
    ),
    originalIssue: objects.issue(record),
    project: objects.project(project),
    transition: objects.transition(transition, site.requireStatus(record.status)),
    workflow: objects.workflow(workflow),
    config: fromJson(config),
  };
}

/** Jira turns a failed evaluation into false; an expression the emulator cannot evaluate must fail the test. */
function evaluate(
  expression: string,
  variables: Record<string, JiraValue>,
  now: () => number,
): { value: JiraValue; failure?: string } {
  try {
    return { value: evaluateExpression(expression, variables, now).value };
  } catch (e) {
    if (e instanceof ExpressionEvaluationError) return { value: null, failure: e.message };
    throw e;
  }
}

function messageOf(
  errorMessage: ExpressionValidatorModule['errorMessage'],
  variables: Record<string, JiraValue>,
  now: () => number,
) {
  if (errorMessage === undefined) return DEFAULT_VALIDATOR_MESSAGE;
  if (typeof errorMessage === 'string') return errorMessage;
  if ('i18n' in errorMessage) {
    throw new UnsupportedExpressionError('The Jira emulator does not translate i18n error messages');
  }
  const { value } = evaluate(errorMessage.expression, variables, now);
  return typeof value === 'string' ? value : DEFAULT_VALIDATOR_MESSAGE;
}

/** The `jira:workflowValidator` module `key` of manifest.yml, which must be an expression validator. */
export function manifestExpressionValidator(key: string, file = MANIFEST_PATH): ExpressionValidatorModule {
  const manifest = readManifest(file) as {
    modules?: {
      'jira:workflowValidator'?: Array<ExpressionValidatorModule & { key: string; function?: string }>;
    };
  };
  const module = manifest.modules?.['jira:workflowValidator']?.find((m) => m.key === key);
  if (!module) throw new Error(`manifest.yml has no jira:workflowValidator "${key}"`);
  if (module.function !== undefined || module.expression === undefined) {
    throw new Error(`The validator "${key}" is not an expression validator`);
  }
  return {
    expression: module.expression,
    ...(module.errorMessage ? { errorMessage: module.errorMessage } : {}),
  };
}
