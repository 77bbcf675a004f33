import { Suspense } from 'react';
import type { FullContext } from '@forge/bridge';
import SectionMessage from '@atlaskit/section-message';
import { Box, Text } from '@atlaskit/primitives/compiled';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { LicenceBanner } from '../components/LicenceBanner';
import { LoadingState } from '../components/LoadingState';
import { useT } from '../i18n';
import { findRoute, routes } from './routes';

const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

function UnknownModule({ context }: { context: FullContext }) {
  const t = useT();
  const { type, entryPoint } = context.extension as { type?: unknown; entryPoint?: unknown };
  return (
    <Box padding="space.300">
      <SectionMessage
        appearance="warning"
        title={t('components.router.unknownModule.title', { moduleKey: context.moduleKey })}
      >
        <Text as="p">
          {entryPoint === undefined
            ? t('components.router.unknownModule.body', { type: text(type) })
            : t('components.router.unknownModule.bodyWithEntryPoint', {
                type: text(type),
                entryPoint: text(entryPoint),
              })}
        </Text>
      </SectionMessage>
    </Box>
  );
}

export function Router({ context }: { context: FullContext }) {
  const t = useT();
  const route = findRoute(routes, context);
  return (
    <>
      {route ? (
        <ErrorBoundary title={t('components.router.failed')}>
          <LicenceBanner context={context} />
          <Suspense fallback={<LoadingState />}>
            <route.Page context={context} />
          </Suspense>
        </ErrorBoundary>
      ) : (
        <UnknownModule context={context} />
      )}
    </>
  );
}
