import { useEffect, useState } from 'react';
import { view, type FullContext } from '@forge/bridge';
import { Box } from '@atlaskit/primitives/compiled';
import { ErrorMessage } from './components/ErrorMessage';
import { loadTranslate, TranslationsProvider, type Translate } from './i18n';
import { LoadingState } from './components/LoadingState';
import { Router } from './router/Router';
import { enableTheme } from './theme';

type ContextState =
  | { kind: 'loading' }
  | { kind: 'ready'; context: FullContext; translate: Translate }
  | { kind: 'error'; error: unknown };

/**
 * Loads the Forge context and the texts of the viewer's language once; the router then picks the page for the
 * module Jira opened.
 */
export function App() {
  const [state, setState] = useState<ContextState>({ kind: 'loading' });

  useEffect(() => {
    let mounted = true;
    void enableTheme();
    view
      .getContext()
      .then(async (context) => ({ context, translate: await loadTranslate(context.locale) }))
      .then(
        ({ context, translate }) => mounted && setState({ kind: 'ready', context, translate }),
        (error: unknown) => mounted && setState({ kind: 'error', error }),
      );
    return () => {
      mounted = false;
    };
  }, []);

  if (state.kind === 'loading') return <LoadingState />;
  if (state.kind === 'error') {
    // Said in English: without the context or the catalogue there is no language to say it in.
    return (
      <Box padding="space.300">
        <ErrorMessage title="Could not load the Jira context" error={state.error} />
      </Box>
    );
  }
  return (
    <TranslationsProvider translate={state.translate} locale={state.context.locale}>
      <Router context={state.context} />
    </TranslationsProvider>
  );
}
