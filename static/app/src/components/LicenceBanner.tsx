import type { FullContext } from '@forge/bridge';
import SectionMessage from '@atlaskit/section-message';
import { Box, Text } from '@atlaskit/primitives/compiled';
import { useT } from '../i18n';

/**
 * The licence as the page's context reports it: the bridge types it `active`, the backend SDK also `isActive`.
 * Only production installations of a paid app have one; none means development, staging or free.
 */
const inactive = (context: FullContext): boolean => {
  const license = context.license as { active?: unknown; isActive?: unknown } | undefined;
  const active = license?.isActive ?? license?.active;
  return active === false;
};

/** Shown above every page and configuration screen while the licence is inactive, with what stops and what to do. */
export function LicenceBanner({ context }: { context: FullContext }) {
  const t = useT();
  if (!inactive(context)) return null;
  return (
    <Box paddingInline="space.300" paddingBlockStart="space.300">
      <SectionMessage appearance="warning" title={t('licence.inactive.title')}>
        <Text as="p">{t('licence.inactive.effect')}</Text>
        <Text as="p">{t('licence.inactive.action')}</Text>
      </SectionMessage>
    </Box>
  );
}
