import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import { Box, Stack } from '@atlaskit/primitives/compiled';
import { ExpressionArea, ExpressionTester } from '../ExpressionTester';
import { useFieldError } from '../ConfigFrame';
import { text } from '../stored';

/** The stored "Only if" expression, or empty when the post-function always acts. */
export const onlyIfDraft = (stored: Record<string, unknown>): string => text(stored.onlyIf);

/** Nothing is saved for an empty field, so the post-function acts on every transition. */
export const onlyIfConfig = (draft: string): Record<string, unknown> => ({
  onlyIf: draft.trim() === '' ? undefined : draft.trim(),
});

export const describeOnlyIf = (draft: string): string =>
  draft.trim() === '' ? '' : ` Only if ${draft.trim()} is true.`;

/**
 * Every post-function's optional "Only if": a Jira expression evaluated after the transition, as whoever the
 * post-function acts as; when it is false nothing is done and the execution is recorded as skipped. Jira
 * analyses it on save (the error shows beside the field); the tester tries it on an issue first.
 */
export function OnlyIfField({
  value,
  error,
  onChange,
}: {
  value: string;
  error?: string;
  onChange: (value: string) => void;
}) {
  // Its errors are the form's at `onlyIf` too: claimed here, so the form's banner does not repeat them.
  const formError = useFieldError('onlyIf');
  const shown = error ?? formError;
  return (
    <Stack space="space.100">
      <Box>
        <Label htmlFor="onlyIf">Only if (optional)</Label>
        <ExpressionArea id="onlyIf" value={value} invalid={Boolean(shown)} onChange={onChange} />
        {shown ? (
          <ErrorMessage testId="onlyIf-error">{shown}</ErrorMessage>
        ) : (
          <HelperMessage>
            A Jira expression; when it is false for the issue, nothing is done and the audit log says why.
            Leave empty to act on every transition. Available: issue, project, user (whoever the post-function
            acts as).
          </HelperMessage>
        )}
      </Box>
      {value.trim() !== '' && (
        <ExpressionTester
          id="onlyIf"
          expression={value}
          runtimeNote="When the post-function runs, Jira evaluates it for the user the post-function acts as: the user who made the transition, or the app’s bot user."
        />
      )}
    </Stack>
  );
}
