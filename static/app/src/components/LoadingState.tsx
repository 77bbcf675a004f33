import { Box } from '@atlaskit/primitives/compiled';
import Spinner from '@atlaskit/spinner';

export function LoadingState({ label = 'Loading' }: { label?: string }) {
  return (
    <Box padding="space.400" role="status" aria-live="polite">
      <Spinner size="large" label={label} />
    </Box>
  );
}
