import { useCallback, useState, type ReactNode } from 'react';
import SectionMessage from '@atlaskit/section-message';
import { Box, Stack, Text } from '@atlaskit/primitives/compiled';
import type { z } from 'zod';
import type { FullContext } from '@forge/bridge';
import { ErrorMessage } from '../../components/ErrorMessage';
import { readStoredConfig, validate } from './config-state';
import { useOnConfigure } from './useOnConfigure';

export interface RuleScreenProps<D> {
  context: FullContext;
  title: string;
  description: string;
  schema: z.ZodType;
  /** The form's state from the stored configuration (empty on create). */
  toDraft: (stored: Record<string, unknown>) => D;
  /** The configuration JSON object the draft stands for. */
  toConfig: (draft: D) => Record<string, unknown>;
  form: (draft: D, setDraft: (draft: D) => void, errors: Record<string, string>) => ReactNode;
  /** One or two sentences for the workflow editor's read-only view. */
  summary: (draft: D) => ReactNode;
}

/**
 * A post-function's configuration screen for the three entry points Jira opens: `create` and `edit` show the form
 * and hand Jira the validated configuration on Add/Update; `view` shows a summary.
 */
export function RuleScreen<D>({
  context,
  title,
  description,
  schema,
  toDraft,
  toConfig,
  form,
  summary,
}: RuleScreenProps<D>) {
  const extension = context.extension as { entryPoint?: string };
  const [draft, setDraft] = useState<D>(() => toDraft(readStoredConfig(context.extension)));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [bridgeError, setBridgeError] = useState<unknown>();
  const onError = useCallback((error: unknown) => setBridgeError(error), []);
  const editing = extension.entryPoint !== 'view';
  // Once errors are shown, each edit re-checks, so a fixed field stops being flagged at once.
  const change = (next: D) => {
    setDraft(next);
    if (Object.keys(errors).length === 0) return;
    const result = validate(schema, toConfig(next));
    setErrors(result.ok ? {} : result.errors);
  };

  useOnConfigure(() => {
    if (!editing) return undefined;
    const result = validate(schema, toConfig(draft));
    setErrors(result.ok ? {} : result.errors);
    return result.ok ? result.json : undefined;
  }, onError);

  if (!editing) {
    return (
      <Box padding="space.100" testId="rule-summary">
        <Text>{summary(draft)}</Text>
      </Box>
    );
  }
  const errorCount = Object.keys(errors).length;
  return (
    <Box as="main" padding="space.200">
      <Stack space="space.200">
        <Text as="p" color="color.text.subtle">
          {title}: {description}
        </Text>
        {bridgeError !== undefined && (
          <ErrorMessage title="Jira did not accept this screen" error={bridgeError} />
        )}
        {errorCount > 0 && (
          <SectionMessage
            appearance="error"
            title="Fix the settings below before saving"
            testId="config-errors"
          >
            <Stack space="space.050">
              {Object.entries(errors).map(([path, message]) => (
                <Text as="p" key={path}>
                  {path}: {message}
                </Text>
              ))}
            </Stack>
          </SectionMessage>
        )}
        {form(draft, change, errors)}
      </Stack>
    </Box>
  );
}
