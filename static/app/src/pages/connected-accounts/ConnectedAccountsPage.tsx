import { useCallback, useEffect, useState } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import { invokeResolver } from '../../bridge/invoke';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PageShell } from '../../components/PageShell';
import { useT } from '../../i18n';
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
  const t = useT();

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
      heading={t('personal.heading')}
      isLoading={accounts === undefined}
      error={error}
      errorTitle={t('personal.errorTitle')}
      empty={accounts?.length === 0 && { title: t('personal.empty') }}
    >
      <Stack space="space.200">
        <Text as="p">{t('personal.intro')}</Text>
        {connectError !== undefined && (
          <ErrorMessage title={t('personal.connectError')} error={connectError} />
        )}
        {accounts?.map((account) => (
          <Box key={account.provider} padding="space.200" backgroundColor="color.background.neutral.subtle">
            <Inline spread="space-between" alignBlock="center">
              <Stack space="space.050">
                <Text weight="bold">{account.name}</Text>
                <Inline space="space.100" alignBlock="center">
                  <Lozenge appearance={account.connected ? 'success' : 'moved'}>
                    {t(account.connected ? 'common.connected' : 'common.notConnected')}
                  </Lozenge>
                  {account.displayName && (
                    <Text color="color.text.subtle">{t('personal.as', { name: account.displayName })}</Text>
                  )}
                </Inline>
              </Stack>
              <Button
                appearance={account.connected ? 'default' : 'primary'}
                isLoading={busy === account.provider}
                onClick={() => void connect(account.provider)}
              >
                {t(account.connected ? 'personal.reconnect' : 'personal.connect', { name: account.name })}
              </Button>
            </Inline>
          </Box>
        ))}
      </Stack>
    </PageShell>
  );
}
