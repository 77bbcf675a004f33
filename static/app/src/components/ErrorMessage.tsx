import SectionMessage from '@atlaskit/section-message';
import { Text } from '@atlaskit/primitives/compiled';
import { useLoadedT } from '../i18n/context';

/** Said in English only before App has loaded the catalogue (main.tsx's and App.tsx's own failures). */
const BEFORE_TEXTS = { unknown: 'Unknown error', code: 'Code: {code}' };

/**
 * Pulls a readable message, and a resolver error code if any, out of whatever was thrown. `unknown` says what to
 * show for a value that carries no message; pass `t('components.errorMessage.unknown')` where the texts are loaded.
 */
export function describeError(
  error: unknown,
  unknown = BEFORE_TEXTS.unknown,
): { message: string; code?: string } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? { message: error.message, code } : { message: error.message };
  }
  return { message: typeof error === 'string' ? error : unknown };
}

export interface ErrorMessageProps {
  title: string;
  error: unknown;
}

export function ErrorMessage({ title, error }: ErrorMessageProps) {
  const t = useLoadedT();
  const { message, code } = describeError(error, t?.('components.errorMessage.unknown'));
  return (
    <SectionMessage appearance="error" title={title}>
      <Text as="p">{message}</Text>
      {code !== undefined && (
        <Text as="p" size="small" color="color.text.subtlest">
          {t ? t('components.errorMessage.code', { code }) : BEFORE_TEXTS.code.replace('{code}', code)}
        </Text>
      )}
    </SectionMessage>
  );
}
