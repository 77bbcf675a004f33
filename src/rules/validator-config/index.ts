import { z } from 'zod';
import type { AccessSession } from '../../access/session';
import { buildResolver, type ResolverFunctions } from '../../execution/resolver-runner';
import { signedIn } from '../../permissions/authorize';
import { VALIDATOR_RULES, type ValidatorRuleKey } from '../../shared/validator-config';
import { prepareCustomExpression } from '../custom-expression/prepare';
import { prepareFieldsRequirement } from '../fields-requirement/prepare';
import { prepareRelatedIssues } from '../related-issues/prepare';
import { prepareWhoMayTransition } from '../who-may-transition/prepare';
import { assertExpressionValid } from './expression-analysis';
import { readFields, readLinkTypes } from './jira-catalog';
import { finishConfiguration, type Preparer } from './prepare';

const PREPARERS: Readonly<Record<ValidatorRuleKey, Preparer>> = {
  'fields-requirement': prepareFieldsRequirement,
  'related-issues': prepareRelatedIssues,
  'who-may-transition': prepareWhoMayTransition,
  'custom-expression': prepareCustomExpression,
};

const PrepareInput = z.strictObject({ rule: z.enum(VALIDATOR_RULES), configuration: z.unknown() });

/**
 * Any signed-in user may call these: every Jira call here runs as that user (CURRENT_USER), so Jira grants them
 * nothing they could not read themselves, and nothing is stored (Jira stores what onConfigure returns).
 */
const authorize = (_session: unknown, context: Parameters<typeof signedIn>[0]) =>
  Promise.resolve(signedIn(context));

/** Every function of the validators' configuration resolver, by function key (exported for the proof suites). */
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
} satisfies ResolverFunctions;

/** Resolver of the validators' configuration screens (create, edit, view). */
export const validatorConfigResolver = buildResolver('rules/validator-config', validatorConfigFunctions);
