import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { FullContext } from '@forge/bridge';
import { workflowRules } from '@forge/jira-bridge';
import { Text } from '@atlaskit/primitives/compiled';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ConfigForm, RuleSummary } from '../ConfigFrame';
import { readStored, text, type Stored } from '../stored';
import { invokeResolver } from '../../bridge/invoke';
import type { ConfigRuleKey, PreparedConfiguration } from '@backend/shared/validator-config';

export const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/** A condition's screen (jira:workflowCondition) rather than a validator's: no message, the rule hides the transition. */
export const isConditionScreen = (context: FullContext): boolean =>
  (context.extension as { type?: unknown }).type === 'jira:workflowCondition';

export interface ValidatorScreenProps<D> {
  context: FullContext;
  rule: ConfigRuleKey;
  title: string;
  description: string;
  toDraft: (stored: Stored) => D;
  /** The configuration the draft stands for; the resolver checks and completes it. */
  toConfig: (draft: D) => Stored;
  form: (draft: D, setDraft: (draft: D) => void) => ReactNode;
}

/**
 * A validator's or an expression condition's configuration screen for the three entry points Jira opens (both
 * modules save through workflowRules.onConfigure; Jira hands a condition's configuration back as `conditionConfig`). On Add/Update the draft goes to the
 * resolver, which validates it (and has Jira analyse any expression); its error is shown and undefined returned,
 * which keeps Jira from saving (https://developer.atlassian.com/platform/forge/apis-reference/jira-api-bridge/workflowRules/).
 */
export function ValidatorScreen<D>({
  context,
  rule,
  title,
  description,
  toDraft,
  toConfig,
  form,
}: ValidatorScreenProps<D>) {
  const stored = readStored(
    context.extension,
    isConditionScreen(context) ? 'conditionConfig' : 'validatorConfig',
  );
  const editing = (context.extension as { entryPoint?: string }).entryPoint !== 'view';
  const [draft, setDraft] = useState<D>(() => toDraft(stored));
  const [error, setError] = useState<unknown>();
  const [checking, setChecking] = useState(false);
  const latest = useRef(draft);
  latest.current = draft;

  const prepare = useCallback(async (): Promise<string | undefined> => {
    setChecking(true);
    try {
      const prepared = await invokeResolver<PreparedConfiguration>('prepareConfiguration', {
        rule,
        configuration: toConfig(latest.current),
      });
      setError(undefined);
      return prepared.configuration;
    } catch (failure) {
      setError(failure);
      return undefined;
    } finally {
      setChecking(false);
    }
    // toConfig is a pure mapping supplied once per screen.
  }, [rule]);

  useEffect(() => {
    if (!editing) return;
    workflowRules
      .onConfigure(prepare as () => Promise<string>)
      .catch((failure: unknown) => setError(failure));
  }, [editing, prepare]);

  if (!editing) return <RuleSummary>{text(stored.description) || 'Not configured yet.'}</RuleSummary>;
  return (
    <ConfigForm title={title} description={description}>
      {error !== undefined && (
        <div role="alert" data-testid="config-error">
          <ErrorMessage title="This configuration was not saved" error={error} />
        </div>
      )}
      {checking && (
        <Text as="p" size="small" color="color.text.subtlest">
          Checking the configuration with Jira…
        </Text>
      )}
      {form(draft, setDraft)}
    </ConfigForm>
  );
}
