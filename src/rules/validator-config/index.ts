import { z } from 'zod';
import type { AccessSession } from '../../access/session';
import { buildResolver, type ResolverFunctions } from '../../execution/resolver-runner';
import { signedIn } from '../../permissions/authorize';
import { VALIDATOR_RULES, type ValidatorRuleKey } from '../../shared/validator-config';
import { prepareCustomExpression } from '../custom-expression/prepare';
import { prepareFieldsRequirement } from '../fields-requirement/prepare';
import { prepareRelatedIssues } from '../related-issues/prepare';
import { prepareWhoMayTransition } from '../who-may-transition/prepare';
import { MAX_PICKER_QUERY, ISSUE_KEY_PATTERN } from '../../shared/expression-tester';
import { PostFunctionSettings } from '../../shared/post-function-settings';
import { CURRENT_USER } from '../../access/actor';
import { readCreateIssueTypes, readSubtaskTypes } from '../create-issue/create-meta';
import { checkCreateIssue, CreateCheckInput } from '../create-issue/prepare';
import { assertExpressionValid, ONLY_IF_EXPRESSION } from './expression-analysis';
import { pickIssues, testExpression } from './expression-tester';
import { readCreatableProjects, readFields, readLinkTypes, readRoles, readUserFields } from './jira-catalog';
import { finishConfiguration, type Preparer } from './prepare';

const PREPARERS: Readonly<Record<ValidatorRuleKey, Preparer>> = {
  'fields-requirement': prepareFieldsRequirement,
  'related-issues': prepareRelatedIssues,
  'who-may-transition': prepareWhoMayTransition,
  'custom-expression': prepareCustomExpression,
};

const PrepareInput = z.strictObject({ rule: z.enum(VALIDATOR_RULES), configuration: z.unknown() });
const OnlyIfInput = z.strictObject({ expression: PostFunctionSettings.shape.onlyIf.unwrap() });
const PickInput = z.strictObject({ query: z.string().trim().max(MAX_PICKER_QUERY) });
const TestInput = z.strictObject({
  expression: z.string().trim().min(1, 'write an expression to test'),
  issueKey: z.string().regex(ISSUE_KEY_PATTERN, 'pick an issue'),
});

/**
 * Any signed-in user may call these: every Jira call here runs as that user (CURRENT_USER), so Jira grants them
 * nothing they could not read themselves, and nothing is stored (Jira stores what onConfigure returns).
 */
const authorize = (_session: unknown, context: Parameters<typeof signedIn>[0]) =>
  Promise.resolve(signedIn(context));

/**
 * Every function of the rule configuration screens' resolver (validators, and post-functions for "Only if" and the
 * expression tester), by function key (exported for the proof suites).
 */
export const validatorConfigFunctions = {
  listFields: {
    input: z.strictObject({}),
    authorize,
    handle: (_input, _principal, session) => readFields(session),
  },
  listLinkTypes: {
    input: z.strictObject({}),
    authorize,
    handle: (_input, _principal, session) => readLinkTypes(session),
  },
  // Pickers and checks of the post-functions that need Jira's catalogue (Create issue, Link issues, Assign).
  listCreatableProjects: {
    input: z.strictObject({}),
    authorize,
    handle: (_input, _principal, session) => readCreatableProjects(session),
  },
  listIssueTypes: {
    input: z.strictObject({ projectId: z.string().regex(/^\d{1,18}$/) }),
    authorize,
    handle: ({ projectId }: { projectId: string }, _principal, session: AccessSession) =>
      readCreateIssueTypes(session.jira(CURRENT_USER), projectId),
  },
  listSubtaskTypes: {
    input: z.strictObject({}),
    authorize,
    handle: (_input, _principal, session: AccessSession) => readSubtaskTypes(session.jira(CURRENT_USER)),
  },
  listUserFields: {
    input: z.strictObject({}),
    authorize,
    handle: (_input, _principal, session) => readUserFields(session),
  },
  listRoles: {
    input: z.strictObject({}),
    authorize,
    handle: (_input, _principal, session) => readRoles(session),
  },
  checkCreateIssue: {
    input: CreateCheckInput,
    authorize,
    handle: (input: z.infer<typeof CreateCheckInput>, _principal, session: AccessSession) =>
      checkCreateIssue(input, session),
  },
  prepareConfiguration: {
    input: PrepareInput,
    authorize,
    async handle({ rule, configuration }: z.infer<typeof PrepareInput>, _principal, session: AccessSession) {
      const prepared = await PREPARERS[rule](configuration, session);
      const finished = finishConfiguration(prepared);
      if (prepared.expression) {
        await assertExpressionValid(session, prepared.expression.text, prepared.expression.what);
      }
      return finished;
    },
  },
  /** Every post-function's "Only if": Jira analyses it before the post-function can be saved. */
  checkOnlyIf: {
    input: OnlyIfInput,
    authorize,
    async handle({ expression }: z.infer<typeof OnlyIfInput>, _principal, session: AccessSession) {
      await assertExpressionValid(session, expression, 'the "Only if" expression', ONLY_IF_EXPRESSION);
      return { valid: true };
    },
  },
  /** The expression tester's issue picker: only issues Jira offers the admin. */
  pickIssues: {
    input: PickInput,
    authorize,
    handle: ({ query }: z.infer<typeof PickInput>, _principal, session: AccessSession) =>
      pickIssues(session, query),
  },
  /** The expression tester: the expression evaluated for the picked issue, as the admin. */
  testExpression: {
    input: TestInput,
    authorize,
    handle: ({ expression, issueKey }: z.infer<typeof TestInput>, _principal, session: AccessSession) =>
      testExpression(session, expression, issueKey),
  },
} satisfies ResolverFunctions;

/** Resolver of the rule configuration screens (create, edit, view) of validators and post-functions. */
export const validatorConfigResolver = buildResolver('rules/validator-config', validatorConfigFunctions);
