import type { FullContext } from '@forge/bridge';
import SectionMessage from '@atlaskit/section-message';
import { Box, Text } from '@atlaskit/primitives/compiled';

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
  if (!inactive(context)) return null;
  return (
    <Box paddingInline="space.300" paddingBlockStart="space.300">
      <SectionMessage appearance="warning" title="Workflow Guard's licence is not active on this site">
        <Text as="p">
          Until it is, the validators Workflow Guard checks itself let every transition through unchecked, and
          its post-functions do nothing; the audit log records each one. Validators and conditions that are
          Jira expressions keep working: Jira evaluates them without the app.
        </Text>
        <Text as="p">
          A Jira admin can renew the licence or start a trial in Jira: Settings › Apps › Manage your apps ›
          Workflow Guard.
        </Text>
      </SectionMessage>
    </Box>
  );
}
