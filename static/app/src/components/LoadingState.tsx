import { Box } from '@atlaskit/primitives/compiled';
import Spinner from '@atlaskit/spinner';
import { useLoadedT } from '../i18n/context';

/** A spinner; `label` is what a screen reader says, "Loading" in the viewer's language by default. */
export function LoadingState({ label }: { label?: string }) {
  const t = useLoadedT();
  // English only while App loads the catalogue itself.
  const said = label ?? (t ? t('app.loading') : 'Loading');
  return (
    <Box padding="space.400" role="status" aria-live="polite">
      <Spinner size="large" label={said} />
    </Box>
  );
}
