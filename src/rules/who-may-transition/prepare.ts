import { invalidInput } from '../../access/failures';
import { text } from '../../access/texts';
import type { AccessSession } from '../../access/session';
import { kindsOfFields } from '../expression-builders/field-test';
import {
  buildWhoMayTransitionExpression,
  describeWhoMayTransition,
  type WhoMayTransition,
} from '../expression-builders/who-may-transition';
import { parseConfiguration, type Prepared } from '../validator-config/prepare';
import { WhoMayTransitionConfig, type WhoMayTransitionChoices } from './configuration';

/** The user fields' kinds, from Jira: only user pickers may be chosen. */
export async function resolveWho(
  choices: WhoMayTransitionChoices,
  session: AccessSession | undefined,
): Promise<WhoMayTransition> {
  if (!choices.userFields.length) return { ...choices, userFields: [] };
  if (!session) throw new Error('Looking up user fields needs a Jira session');
  const userFields = await kindsOfFields(session, choices.userFields, 'userFields');
  userFields.forEach((field, index) => {
    if (field.kind !== 'user' && field.kind !== 'users') {
      throw invalidInput(
        text('errors.config.notUserPicker', { path: `userFields.${index}`, field: field.name }),
      );
    }
  });
  return { ...choices, userFields };
}

/**
 * Builds the expression from the configuration (never from text the screen sent as an expression: an
 * `expression` key is refused as unknown) and names it for Jira to analyse before it can be saved. The saved
 * `expression` overrides the manifest's
 * (https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-workflow-validator/#overriding-jira-expression).
 */
export async function prepareWhoMayTransition(raw: unknown, session?: AccessSession): Promise<Prepared> {
  const config = parseConfiguration(WhoMayTransitionConfig, raw);
  return completeWhoMayTransition(config, await resolveWho(config, session));
}

/** The saved configuration once the user fields' kinds are known (pure: the sandbox seeds with it too). */
export function completeWhoMayTransition(config: WhoMayTransitionConfig, who: WhoMayTransition): Prepared {
  const expression = buildWhoMayTransitionExpression(who);
  const description = describeWhoMayTransition(who);
  return {
    saved: { ...config, userFields: who.userFields, message: config.message || description, expression },
    description,
    expression: { text: expression, what: 'the generated expression' },
  };
}
