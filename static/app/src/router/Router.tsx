import { Suspense } from 'react';
import type { FullContext } from '@forge/bridge';
import SectionMessage from '@atlaskit/section-message';
import { Box, Text } from '@atlaskit/primitives/compiled';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { LicenceBanner } from '../components/LicenceBanner';
import { LoadingState } from '../components/LoadingState';
import { findRoute, routes } from './routes';

const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

function UnknownModule({ context }: { context: FullContext }) {
  const { type, entryPoint } = context.extension as { type?: unknown; entryPoint?: unknown };
  return (
    <Box padding="space.300">
      <SectionMessage
        appearance="warning"
        title={`This page is not available for module ${context.moduleKey}`}
      >
        <Text as="p">
          No page is registered for extension type {text(type)}
          {entryPoint === undefined ? '' : ` (entry point ${text(entryPoint)})`}.
        </Text>
      </SectionMessage>
    </Box>
  );
}

export function Router({ context }: { context: FullContext }) {
  const route = findRoute(routes, context);
  if (!route) return <UnknownModule context={context} />;
  return (
    <ErrorBoundary title="This page failed to load">
      <LicenceBanner context={context} />
      <Suspense fallback={<LoadingState />}>
        <route.Page context={context} />
      </Suspense>
    </ErrorBoundary>
  );
}
