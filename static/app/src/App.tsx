import { useEffect, useState } from 'react';
import { view, type FullContext } from '@forge/bridge';
import { Box } from '@atlaskit/primitives/compiled';
import { ErrorMessage } from './components/ErrorMessage';
import { LoadingState } from './components/LoadingState';
import { Router } from './router/Router';
import { enableTheme } from './theme';

type ContextState =
  { kind: 'loading' } | { kind: 'ready'; context: FullContext } | { kind: 'error'; error: unknown };

/** Loads the Forge context once; the router then picks the page for the module Jira opened. */
export function App() {
  const [state, setState] = useState<ContextState>({ kind: 'loading' });

  useEffect(() => {
    let mounted = true;
    void enableTheme();
    view.getContext().then(
      (context) => mounted && setState({ kind: 'ready', context }),
      (error: unknown) => mounted && setState({ kind: 'error', error }),
    );
    return () => {
      mounted = false;
    };
  }, []);

  if (state.kind === 'loading') return <LoadingState />;
  if (state.kind === 'error') {
    return (
      <Box padding="space.300">
        <ErrorMessage title="Could not load the Jira context" error={state.error} />
      </Box>
    );
  }
  return <Router context={state.context} />;
}
