import SectionMessage from '@atlaskit/section-message';
import { Text } from '@atlaskit/primitives/compiled';
import { ResolverError } from '../bridge/resolver-error';
import { useLoadedT } from '../i18n/context';
import type { Translate } from '../i18n';

/** Said in English only before App has loaded the catalogue (main.tsx's and App.tsx's own failures). */
const BEFORE_TEXTS = { unknown: 'Unknown error', code: 'Code: {code}' };

/**
 * Pulls a readable message, and a resolver error code if any, out of whatever was thrown: a resolver's failure in
 * the viewer's language when `t` is given (where the texts are loaded), else in English.
 */
export function describeError(error: unknown, t?: Translate): { message: string; code?: string } {
  if (error instanceof ResolverError) return { message: t ? error.said(t) : error.message, code: error.code };
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? { message: error.message, code } : { message: error.message };
  }
  if (typeof error === 'string') return { message: error };
  return { message: t ? t('components.errorMessage.unknown') : BEFORE_TEXTS.unknown };
}

export interface ErrorMessageProps {
  title: string;
  error: unknown;
}

export function ErrorMessage({ title, error }: ErrorMessageProps) {
  const t = useLoadedT();
  const { message, code } = describeError(error, t);
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
