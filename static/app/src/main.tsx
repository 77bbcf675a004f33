import '@atlaskit/css-reset';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Box } from '@atlaskit/primitives/compiled';
import { hasForgeBridge } from './bridge/available';
import { ErrorMessage } from './components/ErrorMessage';
import { enableTheme } from './theme';

const root = createRoot(document.getElementById('root')!);

// App imports @forge/bridge, which throws at import time without a bridge; only load it inside Jira.
if (hasForgeBridge()) {
  import('./App').then(
    ({ App }) =>
      root.render(
        <StrictMode>
          <App />
        </StrictMode>,
      ),
    (error: unknown) => root.render(<ErrorMessage title="Workflow Guard failed to start" error={error} />),
  );
} else {
  void enableTheme();
  root.render(
    <Box padding="space.300">
      <ErrorMessage
        title="Open this page from Jira"
        error="The Forge Custom UI bridge is missing, so this page is not running inside Jira."
      />
    </Box>,
  );
}
