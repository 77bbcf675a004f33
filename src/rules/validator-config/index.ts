import { z } from 'zod';
import type { AccessSession } from '../../access/session';
import { buildResolver, type ResolverFunctions } from '../../execution/resolver-runner';
import { listConnections } from '../../connections/store';
import { requireWorkflowEditor, signedIn } from '../../permissions/authorize';
import {
  CONDITION_RULES,
  VALIDATOR_RULES,
  type ConditionRuleKey,
  type ValidatorRuleKey,
} from '../../shared/validator-config';
import { prepareCommentRequired } from '../comment-required/prepare';
import { prepareCustomExpressionCondition } from '../custom-expression-condition/prepare';
import { prepareCustomExpression } from '../custom-expression/prepare';
import { prepareFieldChanged } from '../field-changed/prepare';
import { prepareFieldValueCondition } from '../field-value-condition/prepare';
import { prepareFieldsRequirement } from '../fields-requirement/prepare';
import { prepareRelatedIssues } from '../related-issues/prepare';
import { prepareRelatedStatusCondition } from '../related-status-condition/prepare';
import { prepareRequiredWhen } from '../required-when/prepare';
import { preparePreviousStatus } from '../previous-status/prepare';
import { prepareDateCompare } from '../date-compare/prepare';
import { prepareWhoMayTransitionCondition } from '../who-may-transition-condition/prepare';
import { prepareWhoMayTransition } from '../who-may-transition/prepare';
import { MAX_PICKER_QUERY, ISSUE_KEY_PATTERN } from '../../shared/expression-tester';
import { PostFunctionSettings } from '../../shared/post-function-settings';
import { CURRENT_USER } from '../../access/actor';
import { readCreateIssueTypes, readSubtaskTypes } from '../create-issue/create-meta';
import { checkCreateIssue, CreateCheckInput } from '../create-issue/prepare';
import { checkTemplateFields, TemplateFieldsInput } from '../field-templates/resolve';
import {
  assertExpressionValid,
  CONDITION_EXPRESSION,
  ONLY_IF_EXPRESSION,
  VALIDATOR_EXPRESSION,
} from './expression-analysis';
import { pickIssues, testExpression } from './expression-tester';
import {
  readCreatableProjects,
  readFields,
  readLinkTypes,
  readRoles,
  readStatuses,
  readUserFields,
  readWorkflowTransitions,
} from './jira-catalog';
import { finishConfiguration, type Preparer } from './prepare';

const VALIDATOR_PREPARERS: Readonly<Record<ValidatorRuleKey, Preparer>> = {
  'fields-requirement': prepareFieldsRequirement,
  'related-issues': prepareRelatedIssues,
  'who-may-transition': prepareWhoMayTransition,
  'custom-expression': prepareCustomExpression,
  'comment-required': prepareCommentRequired,
  'field-changed': prepareFieldChanged,
  'required-when': prepareRequiredWhen,
  'previous-status': preparePreviousStatus,
  'date-compare': prepareDateCompare,
};

/** Conditions' expressions are analysed with the condition's context (no originalIssue, a Boolean result). */
const CONDITION_PREPARERS: Readonly<Record<ConditionRuleKey, Preparer>> = {
  'who-may-transition-condition': prepareWhoMayTransitionCondition,
  'custom-expression-condition': prepareCustomExpressionCondition,
  'field-value-condition': prepareFieldValueCondition,
  'related-status-condition': prepareRelatedStatusCondition,
};

const PrepareInput = z.strictObject({
  rule: z.enum([...VALIDATOR_RULES, ...CONDITION_RULES]),
  configuration: z.unknown(),
});

const isCondition = (rule: string): rule is ConditionRuleKey =>
  (CONDITION_RULES as readonly string[]).includes(rule);
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
  /**
   * Notify's connection picker (the post-function screens share this resolver): ids and names only, to whoever may
   * edit a workflow. The project allows connections in its own settings, checked when Notify runs.
   */
  listConnections: {
    input: z.strictObject({}),
    authorize: (session: AccessSession, context: Parameters<typeof signedIn>[0]) =>
      requireWorkflowEditor(session, context),
    handle: async () =>
      (await listConnections())
        .map(({ id, name }) => ({ id, name }))
        .sort((a, b) => a.name.localeCompare(b.name)),
  },
  /** The Previous status picker: Jira's statuses as the admin sees them. */
  listStatuses: {
    input: z.strictObject({}),
    authorize,
    handle: (_input, _principal, session) => readStatuses(session),
  },
  listLinkTypes: {
    input: z.strictObject({}),
    authorize,
    handle: (_input, _principal, session) => readLinkTypes(session),
  },
  /** The transition picker of Transition related issues (a post-function screen served by this resolver too). */
  listWorkflowTransitions: {
    input: z.strictObject({}),
    authorize,
    handle: (_input, _principal, session) => readWorkflowTransitions(session),
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
  /**
   * The `{{field:…}}` placeholders of a post-function's templates, looked up in Jira's field list (one read, as the
   * admin): the fields to save with the rule, or what is wrong by template path, said beside each template.
   */
  checkTemplateFields: {
    input: TemplateFieldsInput,
    authorize,
    handle: (input: z.infer<typeof TemplateFieldsInput>, _principal, session: AccessSession) =>
      checkTemplateFields(input, session),
  },
  prepareConfiguration: {
    input: PrepareInput,
    authorize,
    async handle({ rule, configuration }: z.infer<typeof PrepareInput>, _principal, session: AccessSession) {
      const kind = isCondition(rule) ? CONDITION_EXPRESSION : VALIDATOR_EXPRESSION;
      const prepared = isCondition(rule)
        ? await CONDITION_PREPARERS[rule](configuration, session)
        : await VALIDATOR_PREPARERS[rule](configuration, session);
      const finished = finishConfiguration(prepared);
      if (prepared.expression) {
        await assertExpressionValid(session, prepared.expression, kind);
      }
      return finished;
    },
  },
  /** Every post-function's "Only if": Jira analyses it before the post-function can be saved. */
  checkOnlyIf: {
    input: OnlyIfInput,
    authorize,
    async handle({ expression }: z.infer<typeof OnlyIfInput>, _principal, session: AccessSession) {
      await assertExpressionValid(
        session,
        { text: expression, what: 'the "Only if" expression' },
        ONLY_IF_EXPRESSION,
      );
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

/** Resolver of the rule configuration screens (create, edit, view) of validators, conditions and post-functions. */
export const validatorConfigResolver = buildResolver('rules/validator-config', validatorConfigFunctions);
