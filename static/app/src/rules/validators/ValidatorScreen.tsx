import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { FullContext } from '@forge/bridge';
import { workflowRules } from '@forge/jira-bridge';
import { Text } from '@atlaskit/primitives/compiled';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ConfigForm, RuleSummary, type FieldErrors } from '../ConfigFrame';
import { readStored, text, type Stored } from '../stored';
import { invokeResolver, ResolverError } from '../../bridge/invoke';
import { useT } from '../../i18n';
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
  /** The rule's fields; each given its configuration `path` shows the resolver's objection to it beside itself. */
  form: (draft: D, setDraft: (draft: D) => void) => ReactNode;
}

/** The value at a field path (`requirements.0.pattern`) of a configuration. */
function valueAt(value: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (at, key) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined),
      value,
    );
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
  const t = useT();
  const stored = readStored(
    context.extension,
    isConditionScreen(context) ? 'conditionConfig' : 'validatorConfig',
  );
  const editing = (context.extension as { entryPoint?: string }).entryPoint !== 'view';
  const [draft, setDraft] = useState<D>(() => toDraft(stored));
  const [error, setError] = useState<unknown>();
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [checking, setChecking] = useState(false);
  const latest = useRef(draft);
  latest.current = draft;
  // An edit clears the objections to the fields it changed; the others stay until the next save.
  const change = (next: D) => {
    const before = toConfig(draft);
    const after = toConfig(next);
    setFieldErrors((current) =>
      Object.fromEntries(
        Object.entries(current).filter(
          ([path]) => JSON.stringify(valueAt(before, path)) === JSON.stringify(valueAt(after, path)),
        ),
      ),
    );
    setDraft(next);
  };

  const prepare = useCallback(async (): Promise<string | undefined> => {
    setChecking(true);
    try {
      const prepared = await invokeResolver<PreparedConfiguration>('prepareConfiguration', {
        rule,
        configuration: toConfig(latest.current),
      });
      setError(undefined);
      setFieldErrors({});
      return prepared.configuration;
    } catch (failure) {
      // Objections to fields are said beside them; anything else above the form.
      const fields = failure instanceof ResolverError ? failure.saidBesideFields(t) : undefined;
      setFieldErrors(fields ?? {});
      setError(fields ? undefined : failure);
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

  // The description is the sentence the resolver wrote when the rule was saved (a backend text, kept as saved).
  if (!editing)
    return <RuleSummary>{text(stored.description) || t('rules.common.notConfigured')}</RuleSummary>;
  return (
    <ConfigForm title={title} description={description} errors={fieldErrors}>
      {error !== undefined && (
        <div role="alert" data-testid="config-error">
          <ErrorMessage title={t('rules.common.notSaved')} error={error} />
        </div>
      )}
      {checking && (
        <Text as="p" size="small" color="color.text.subtlest">
          {t('rules.validator.checking')}
        </Text>
      )}
      {form(draft, change)}
    </ConfigForm>
  );
}
