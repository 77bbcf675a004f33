import type { AccessSession } from '../../access/session';
import {
  buildWhoMayTransitionExpression,
  describeWhoMayTransition,
  type WhoMayTransition,
} from '../expression-builders/who-may-transition';
import { parseConfiguration, type Prepared } from '../validator-config/prepare';
import {
  WhoMayTransitionConditionConfig,
  type WhoMayTransitionChoices,
} from '../who-may-transition/configuration';
import { resolveWho } from '../who-may-transition/prepare';

/**
 * The condition twin of the Who may transition validator: the same choices and the same builder, saved as the
 * `expression` that overrides the manifest's
 * (https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-workflow-condition/#overriding-jira-expression).
 * Jira hides the transition from anyone else.
 */
export async function prepareWhoMayTransitionCondition(
  raw: unknown,
  session: AccessSession,
): Promise<Prepared> {
  const config = parseConfiguration(WhoMayTransitionConditionConfig, raw);
  return completeWhoMayTransitionCondition(config, await resolveWho(config, session));
}

/** The saved configuration once the user fields' kinds are known (pure: the sandbox seeds with it too). */
export function completeWhoMayTransitionCondition(
  config: WhoMayTransitionChoices,
  who: WhoMayTransition,
): Prepared {
  const expression = buildWhoMayTransitionExpression(who);
  return {
    saved: { ...config, userFields: who.userFields, expression },
    description: describeWhoMayTransition(who),
    expression: { text: expression, what: 'the generated expression' },
  };
}
