import type { ReactNode } from 'react';
import { Box, Inline, Stack } from '@atlaskit/primitives/compiled';
import { EmptyState, type EmptyStateProps } from './EmptyState';
import { ErrorMessage } from './ErrorMessage';
import { LoadingState } from './LoadingState';
import { useT } from '../i18n';

export interface PageShellProps {
  heading: string;
  /** Buttons shown next to the heading. */
  actions?: ReactNode;
  isLoading?: boolean;
  /** Anything thrown (e.g. a ResolverError); shown instead of the content when not undefined/null. */
  error?: unknown;
  /** Title of the error message; defaults to a generic one. */
  errorTitle?: string;
  /** Shown instead of the content when set, e.g. `empty={rules.length === 0 && { title: 'No rules yet' }}`. */
  empty?: EmptyStateProps | false;
  children?: ReactNode;
}

/** Heading plus exactly one of: error, spinner, empty state, content (in that priority). */
export function PageShell({
  heading,
  actions,
  isLoading = false,
  error,
  errorTitle,
  empty,
  children,
}: PageShellProps) {
  const t = useT();
  let body: ReactNode = children;
  if (error !== undefined && error !== null)
    body = <ErrorMessage title={errorTitle ?? t('components.pageShell.errorTitle')} error={error} />;
  else if (isLoading) body = <LoadingState />;
  else if (empty) body = <EmptyState {...empty} />;
  return (
    <Box as="main" padding="space.300">
      <Stack space="space.300">
        <Inline spread="space-between" alignBlock="center">
          <h1>{heading}</h1>
          {actions}
        </Inline>
        {body}
      </Stack>
    </Box>
  );
}
