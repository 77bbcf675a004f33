import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge, { type ThemeAppearance } from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import { Code } from '../../components/Code';
import { Sentence } from '../../components/Sentence';
import { say } from '../../components/texts';
import { useT } from '../../i18n';
import type { PermissionsOverview, ScopeStatus } from '@backend/shared/admin-page';
import { adminApi } from './api';
import { Section } from './Section';
import { useLoad } from './useLoad';

const STATUS: Readonly<Record<ScopeStatus, { textKey: string; appearance: ThemeAppearance }>> = {
  granted: { textKey: 'admin.permissions.status.granted', appearance: 'success' },
  'awaiting-approval': { textKey: 'admin.permissions.status.awaitingApproval', appearance: 'moved' },
  'no-longer-requested': { textKey: 'admin.permissions.status.noLongerRequested', appearance: 'default' },
};

function Scopes({ view }: { view: PermissionsOverview }) {
  const t = useT();
  return (
    <DynamicTable
      testId="scopes"
      head={{
        cells: [
          { key: 'scope', content: t('admin.permissions.columns.scope'), width: 18 },
          { key: 'why', content: t('admin.permissions.columns.why'), width: 30 },
          { key: 'features', content: t('common.usedBy'), width: 16 },
          { key: 'endpoints', content: t('admin.permissions.columns.endpoints'), width: 26 },
          { key: 'as-user', content: t('admin.permissions.columns.asUser'), width: 10 },
        ],
      }}
      rows={view.scopes.map((row) => ({
        key: row.scope,
        cells: [
          {
            key: 'scope',
            content: (
              <Stack space="space.050">
                <Code>{row.scope}</Code>
                <Inline>
                  <Lozenge appearance={STATUS[row.status].appearance}>
                    {t(STATUS[row.status].textKey)}
                  </Lozenge>
                </Inline>
              </Stack>
            ),
          },
          {
            key: 'why',
            content: (
              <Stack space="space.050">
                <Text>{say(t, row.reason)}</Text>
                {row.requiredBy && (
                  <Text size="small" color="color.text.subtlest">
                    {say(t, row.requiredBy.rule)}
                  </Text>
                )}
              </Stack>
            ),
          },
          {
            key: 'features',
            content: row.features.length
              ? row.features.map((feature) => say(t, feature)).join(', ')
              : t('admin.permissions.forgePlatform'),
          },
          {
            key: 'endpoints',
            content: row.endpoints.length ? (
              <Stack space="space.050">
                {row.endpoints.map((e) => (
                  <Text key={`${e.method} ${e.pathTemplate}`} size="small">
                    <Code>{`${e.method} ${e.pathTemplate}`}</Code> {e.summary}
                  </Text>
                ))}
              </Stack>
            ) : (
              t('admin.permissions.forgeItself')
            ),
          },
          { key: 'as-user', content: t(row.allowImpersonation ? 'common.yes' : 'common.no') },
        ],
      }))}
    />
  );
}

function Egress({ view }: { view: PermissionsOverview }) {
  const t = useT();
  const baseUrl = (address: string) =>
    address.startsWith('remote:')
      ? view.remotes.find((r) => `remote:${r.key}` === address)?.baseUrl
      : undefined;
  return (
    <Stack space="space.150">
      <h3>{t('admin.permissions.egress.title')}</h3>
      <DynamicTable
        testId="egress"
        head={{
          cells: [
            { key: 'destination', content: t('admin.permissions.egress.destination') },
            { key: 'kind', content: t('admin.permissions.egress.kind') },
            { key: 'origin', content: t('admin.permissions.egress.origin') },
          ],
        }}
        rows={view.egress.map((rule) => ({
          key: `${rule.kind} ${rule.address}`,
          cells: [
            {
              key: 'destination',
              content: (
                <Stack space="space.050">
                  <Code>{rule.address}</Code>
                  {baseUrl(rule.address) && <Text size="small">{baseUrl(rule.address)}</Text>}
                </Stack>
              ),
            },
            {
              key: 'kind',
              content: rule.kind === 'fetch.backend' ? t('admin.permissions.egress.fetchBackend') : rule.kind,
            },
            {
              key: 'origin',
              content:
                rule.origin === 'declared' ? (
                  <Lozenge>{t('admin.permissions.egress.byDeveloper')}</Lozenge>
                ) : (
                  <Lozenge appearance="new">{t('admin.permissions.egress.byAdmin')}</Lozenge>
                ),
            },
          ],
        }))}
        emptyView={<Text>{t('admin.permissions.egress.empty')}</Text>}
      />
      <Text as="p">
        {t(
          view.customerManagedEgress
            ? 'admin.permissions.egress.customerManaged'
            : 'admin.permissions.egress.notCustomerManaged',
        )}
      </Text>
    </Stack>
  );
}

function ProvidersAndContent({ view }: { view: PermissionsOverview }) {
  const { scripts, styles } = view.contentSecurity;
  const t = useT();
  return (
    <Stack space="space.150">
      <h3>{t('admin.permissions.providers.title')}</h3>
      {view.authProviders.length ? (
        view.authProviders.map((p) => (
          <Text as="p" key={p.key}>
            <Sentence
              text={t(
                p.scopes.length
                  ? 'admin.permissions.providers.providerWithScopes'
                  : 'admin.permissions.providers.provider',
                { remotes: p.remotes.join(', '), scopes: p.scopes.join(', ') },
              )}
              parts={{ name: <strong>{p.name}</strong>, key: <Code>{p.key}</Code> }}
            />
          </Text>
        ))
      ) : (
        <Text as="p">{t('admin.permissions.providers.none')}</Text>
      )}
      <Text as="p">
        {scripts.length + styles.length
          ? t('admin.permissions.providers.cspRelaxed', { sources: [...scripts, ...styles].join(', ') })
          : t('admin.permissions.providers.cspUnchanged')}
      </Text>
    </Stack>
  );
}

/** Section 1: what the app may do on this site, and why. */
export function PermissionsPanel() {
  const { data, error, loading } = useLoad(adminApi.permissions);
  const t = useT();
  return (
    <Section
      title={t('admin.permissions.title')}
      intro={t('admin.permissions.intro')}
      loading={loading}
      error={error}
      errorTitle={t('admin.permissions.errorTitle')}
    >
      {data && (
        <Stack space="space.300">
          {data.source === 'manifest' && (
            <SectionMessage appearance="information" title={t('admin.permissions.fromManifest.title')}>
              <Text as="p">{t('admin.permissions.fromManifest.body')}</Text>
            </SectionMessage>
          )}
          {data.awaitingApproval.length > 0 && (
            <SectionMessage appearance="warning" title={t('admin.permissions.awaiting.title')}>
              <Text as="p">
                {t('admin.permissions.awaiting.body', {
                  count: data.awaitingApproval.length,
                  scopes: data.awaitingApproval.join(', '),
                })}
              </Text>
            </SectionMessage>
          )}
          <Scopes view={data} />
          <Egress view={data} />
          <ProvidersAndContent view={data} />
        </Stack>
      )}
    </Section>
  );
}
