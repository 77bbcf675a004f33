import type { ReactNode } from 'react';
import { Stack, Text } from '@atlaskit/primitives/compiled';
import { ErrorMessage } from '../../components/ErrorMessage';
import { LoadingState } from '../../components/LoadingState';
import { useT } from '../../i18n';

/** A section of the admin page: a heading, a line saying what it answers, then error, spinner or content. */
export function Section({
  title,
  intro,
  loading,
  error,
  errorTitle,
  children,
}: {
  title: string;
  intro: ReactNode;
  loading: boolean;
  error: unknown;
  errorTitle: string;
  children?: ReactNode;
}) {
  const t = useT();
  return (
    <Stack space="space.200">
      <h2>{title}</h2>
      <Text as="p" color="color.text.subtle">
        {intro}
      </Text>
      {error !== undefined ? (
        <ErrorMessage title={errorTitle} error={error} />
      ) : loading ? (
        <LoadingState label={t('admin.section.loading', { what: title.toLowerCase() })} />
      ) : (
        children
      )}
    </Stack>
  );
}
