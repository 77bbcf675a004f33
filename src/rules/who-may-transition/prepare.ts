import { parseConfiguration, type Prepared } from '../validator-config/prepare';
import { WhoMayTransitionConfig } from './configuration';
import { buildWhoMayTransitionExpression, describeWhoMayTransition } from './expression';

/**
 * Builds the expression from the configuration (never from text the screen sent as an expression: an
 * `expression` key is refused as unknown) and names it for Jira to analyse before it can be saved. The saved
 * `expression` overrides the manifest's
 * (https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-workflow-validator/#overriding-jira-expression).
 */
export function prepareWhoMayTransition(raw: unknown): Prepared {
  const config = parseConfiguration(WhoMayTransitionConfig.strict(), raw);
  const expression = buildWhoMayTransitionExpression(config);
  const description = describeWhoMayTransition(config);
  return {
    saved: { ...config, message: config.message || description, expression },
    description,
    expression: { text: expression, what: 'the generated expression' },
  };
}
