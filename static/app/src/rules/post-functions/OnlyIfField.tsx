import { ErrorMessage, HelperMessage, Label } from '@atlaskit/form';
import { Box, Stack } from '@atlaskit/primitives/compiled';
import { ExpressionArea, ExpressionTester } from '../ExpressionTester';
import { useFieldError } from '../ConfigFrame';
import { useT } from '../../i18n';
import { codeNames, codeParts, Sentence } from '../Sentence';
import { text } from '../stored';

/** The stored "Only if" expression, or empty when the post-function always acts. */
export const onlyIfDraft = (stored: Record<string, unknown>): string => text(stored.onlyIf);

/** Nothing is saved for an empty field, so the post-function acts on every transition. */
export const onlyIfConfig = (draft: string): Record<string, unknown> => ({
  onlyIf: draft.trim() === '' ? undefined : draft.trim(),
});

/** The summary's sentence on "Only if", with the expression as code; nothing when the field is empty. */
export function OnlyIfSummary({ draft }: { draft: string }) {
  const t = useT();
  if (draft.trim() === '') return null;
  return (
    <>
      {' '}
      <Sentence text={t('rules.onlyIf.summary')} parts={codeParts({ expression: draft.trim() })} />
    </>
  );
}

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
  const t = useT();
  // Its errors are the form's at `onlyIf` too: claimed here, so the form's banner does not repeat them.
  const formError = useFieldError('onlyIf');
  const shown = error ?? formError;
  return (
    <Stack space="space.100">
      <Box>
        <Label htmlFor="onlyIf">{t('rules.onlyIf.label')}</Label>
        <ExpressionArea id="onlyIf" value={value} invalid={Boolean(shown)} onChange={onChange} />
        {shown ? (
          <ErrorMessage testId="onlyIf-error">{shown}</ErrorMessage>
        ) : (
          <HelperMessage>
            <Sentence text={t('rules.onlyIf.help')} parts={codeNames('issue', 'project', 'user')} />
          </HelperMessage>
        )}
      </Box>
      {value.trim() !== '' && (
        <ExpressionTester id="onlyIf" expression={value} runtimeNote={t('rules.onlyIf.runtimeNote')} />
      )}
    </Stack>
  );
}
