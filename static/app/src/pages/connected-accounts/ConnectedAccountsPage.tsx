import { useCallback, useEffect, useState } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import { invokeResolver } from '../../bridge/invoke';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageShell } from '../../components/PageShell';
import type { AccountStatus } from '@backend/connections/account-resolver';

/**
 * jira:personalSettingsPage: each user connects their own accounts for Notify connections that send "as you".
 * Connecting starts Forge's consent flow, which only works from a page like this one (a UI-started call).
 */
export default function ConnectedAccountsPage() {
  const [accounts, setAccounts] = useState<AccountStatus[]>();
  const [error, setError] = useState<unknown>();
  const [connectError, setConnectError] = useState<unknown>();
  const [busy, setBusy] = useState<string>();

  const reload = useCallback(() => {
    setError(undefined);
    invokeResolver<AccountStatus[]>('listAccounts').then(setAccounts, setError);
  }, []);
  useEffect(reload, [reload]);

  async function connect(provider: string) {
    setBusy(provider);
    setConnectError(undefined);
    try {
      await invokeResolver('connectAccount', { provider });
    } catch (failure) {
      setConnectError(failure);
    } finally {
      setBusy(undefined);
      reload();
    }
  }

  return (
    <PageShell
      heading="Workflow Guard connected accounts"
      isLoading={accounts === undefined}
      error={error}
      errorTitle="Could not load your connected accounts"
      empty={accounts?.length === 0 && { title: 'No services use your own account' }}
    >
      <Stack space="space.200">
        <Text as="p">
          Some workflow post-functions notify an external service with your own account when you transition an
          issue. Connect the account here once; Jira keeps the sign-in and renews it. Until you connect, those
          notifications fail and your Jira admin sees why in the audit log.
        </Text>
        {connectError !== undefined && (
          <ErrorMessage title="Could not connect the account" error={connectError} />
        )}
        {accounts?.map((account) => (
          <Box key={account.provider} padding="space.200" backgroundColor="color.background.neutral.subtle">
            <Inline spread="space-between" alignBlock="center">
              <Stack space="space.050">
                <Text weight="bold">{account.name}</Text>
                <Inline space="space.100" alignBlock="center">
                  <Lozenge appearance={account.connected ? 'success' : 'moved'}>
                    {account.connected ? 'Connected' : 'Not connected'}
                  </Lozenge>
                  {account.displayName && <Text color="color.text.subtle">as {account.displayName}</Text>}
                </Inline>
              </Stack>
              <Button
                appearance={account.connected ? 'default' : 'primary'}
                isLoading={busy === account.provider}
                onClick={() => void connect(account.provider)}
              >
                {account.connected ? 'Reconnect' : 'Connect'} {account.name}
              </Button>
            </Inline>
          </Box>
        ))}
      </Stack>
    </PageShell>
  );
}
