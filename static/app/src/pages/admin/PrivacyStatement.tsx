import { useState, type MouseEvent } from 'react';
import Button from '@atlaskit/button/new';
import { Box, Stack } from '@atlaskit/primitives/compiled';
import { router } from '@forge/bridge';
import statement from 'virtual:privacy-statement';
import { useT } from '../../i18n';

/**
 * The full privacy and security statement (docs/privacy.md, rendered at build time with raw HTML switched off, so
 * nothing but the file's own Markdown reaches the page). Its links leave through the bridge's router, which asks
 * before opening another site (https://developer.atlassian.com/platform/forge/apis-reference/ui-api-bridge/router/).
 */
export function PrivacyStatement() {
  const t = useT();
  const [open, setOpen] = useState(false);
  const follow = (event: MouseEvent) => {
    const link = (event.target as HTMLElement).closest('a');
    if (!link) return;
    event.preventDefault();
    void router.open(link.href);
  };
  return (
    <Stack space="space.100">
      <Box>
        <Button appearance="subtle" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? t('lifecycle.privacy.hide') : t('lifecycle.privacy.show')}
        </Button>
      </Box>
      {open && (
        // Build-time HTML of the project's own file: see above.
        <div
          data-testid="privacy-statement"
          onClick={follow}
          dangerouslySetInnerHTML={{ __html: statement }}
        />
      )}
    </Stack>
  );
}
