import type { AccessSession } from '../../access/session';
import { buildRelatedStatusExpression, describeRelatedStatus } from '../expression-builders/related-status';
import { RelatedChoices, someRelatedChosen } from '../related-issues/configuration';
import { assertLinksExist } from '../related-issues/prepare';
import { parseConfiguration, type Prepared } from '../validator-config/prepare';

const RelatedStatusConditionConfig = RelatedChoices.strict().refine(...someRelatedChosen);

/**
 * The condition twin of the Related issues validator: the same choices, checked by Jira in the expression it
 * evaluates (no app call), so the transition is not even offered until the related issues are ready.
 */
export async function prepareRelatedStatusCondition(raw: unknown, session: AccessSession): Promise<Prepared> {
  const config = parseConfiguration(RelatedStatusConditionConfig, raw);
  await assertLinksExist(session, config.links);
  const expression = buildRelatedStatusExpression(config);
  return {
    saved: { ...config, expression },
    description: describeRelatedStatus(config),
    expression: { text: expression, what: 'the generated expression' },
  };
}
