import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { FullContext } from '@forge/bridge';
import { workflowRules } from '@forge/jira-bridge';
import { Box, Stack, Text } from '@atlaskit/primitives/compiled';
import { ErrorMessage } from '../../components/ErrorMessage';
import { invokeResolver } from '../../bridge/invoke';
import type { PreparedConfiguration, ValidatorRuleKey } from '@backend/shared/validator-config';

export type Stored = Record<string, unknown>;

/**
 * Jira hands a validator screen its saved configuration as `extension.validatorConfig`, the JSON string onConfigure
 * returned (https://developer.atlassian.com/platform/forge/manifest-reference/modules/jira-workflow-validator/).
 * Anything unreadable starts the form empty rather than failing the screen.
 */
export function readValidatorConfig(extension: unknown): Stored {
  const raw = (extension as { validatorConfig?: unknown } | undefined)?.validatorConfig;
  try {
    const value: unknown = typeof raw === 'string' ? JSON.parse(raw) : raw;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Stored) : {};
  } catch {
    return {};
  }
}

export const text = (value: unknown): string => (typeof value === 'string' ? value : '');
export const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

export interface ValidatorScreenProps<D> {
  context: FullContext;
  rule: ValidatorRuleKey;
  title: string;
  description: string;
  toDraft: (stored: Stored) => D;
  /** The configuration the draft stands for; the resolver checks and completes it. */
  toConfig: (draft: D) => Stored;
  form: (draft: D, setDraft: (draft: D) => void) => ReactNode;
}

/**
 * A validator's configuration screen for the three entry points Jira opens. On Add/Update the draft goes to the
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
  const stored = readValidatorConfig(context.extension);
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

  if (!editing) {
    return (
      <Box padding="space.100" testId="rule-summary">
        <Text>{text(stored.description) || 'Not configured yet.'}</Text>
      </Box>
    );
  }
  return (
    <Box as="main" padding="space.200">
      <Stack space="space.200">
        <Text as="p" color="color.text.subtle">
          {title}: {description}
        </Text>
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
      </Stack>
    </Box>
  );
}
