import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge, { type ThemeAppearance } from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import { Code } from '../../components/Code';
import type { PermissionsOverview, ScopeStatus } from '@backend/shared/admin-page';
import { adminApi } from './api';
import { Section } from './Section';
import { useLoad } from './useLoad';

const STATUS: Readonly<Record<ScopeStatus, { label: string; appearance: ThemeAppearance }>> = {
  granted: { label: 'Granted', appearance: 'success' },
  'awaiting-approval': { label: 'Awaiting approval', appearance: 'moved' },
  'no-longer-requested': { label: 'No longer needed', appearance: 'default' },
};

function Scopes({ view }: { view: PermissionsOverview }) {
  return (
    <DynamicTable
      testId="scopes"
      head={{
        cells: [
          { key: 'scope', content: 'OAuth scope', width: 18 },
          { key: 'why', content: 'Why the app needs it', width: 30 },
          { key: 'features', content: 'Used by', width: 16 },
          { key: 'endpoints', content: 'Jira endpoints called', width: 26 },
          { key: 'as-user', content: 'Acts as a user offline', width: 10 },
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
                  <Lozenge appearance={STATUS[row.status].appearance}>{STATUS[row.status].label}</Lozenge>
                </Inline>
              </Stack>
            ),
          },
          {
            key: 'why',
            content: (
              <Stack space="space.050">
                <Text>{row.reason}</Text>
                {row.requiredBy && (
                  <Text size="small" color="color.text.subtlest">
                    {row.requiredBy.rule}
                  </Text>
                )}
              </Stack>
            ),
          },
          { key: 'features', content: row.features.length ? row.features.join(', ') : 'The Forge platform' },
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
              'None: required by Forge itself'
            ),
          },
          { key: 'as-user', content: row.allowImpersonation ? 'Yes' : 'No' },
        ],
      }))}
    />
  );
}

function Egress({ view }: { view: PermissionsOverview }) {
  const baseUrl = (address: string) =>
    address.startsWith('remote:')
      ? view.remotes.find((r) => `remote:${r.key}` === address)?.baseUrl
      : undefined;
  return (
    <Stack space="space.150">
      <h3>Where it sends data</h3>
      <DynamicTable
        testId="egress"
        head={{
          cells: [
            { key: 'destination', content: 'Destination' },
            { key: 'kind', content: 'Used for' },
            { key: 'origin', content: 'Added by' },
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
              content: rule.kind === 'fetch.backend' ? 'Calls from the app’s functions' : rule.kind,
            },
            {
              key: 'origin',
              content:
                rule.origin === 'declared' ? (
                  <Lozenge>App developer</Lozenge>
                ) : (
                  <Lozenge appearance="new">A site admin</Lozenge>
                ),
            },
          ],
        }))}
        emptyView={<Text>The app sends nothing outside Jira.</Text>}
      />
      <Text as="p">
        {view.customerManagedEgress
          ? 'Site admins may approve further destinations (customer-managed egress), e.g. the address of a Notify connection.'
          : 'Site admins cannot add destinations: customer-managed egress is off for this app.'}
      </Text>
    </Stack>
  );
}

function ProvidersAndContent({ view }: { view: PermissionsOverview }) {
  const { scripts, styles } = view.contentSecurity;
  return (
    <Stack space="space.150">
      <h3>External accounts and page security</h3>
      {view.authProviders.length ? (
        view.authProviders.map((p) => (
          <Text as="p" key={p.key}>
            <strong>{p.name}</strong> (<Code>{p.key}</Code>): users may connect their own account; the app
            reaches it through {p.remotes.join(', ')}
            {p.scopes.length ? ` with the scopes ${p.scopes.join(', ')}` : ''}.
          </Text>
        ))
      ) : (
        <Text as="p">The app uses no external account providers.</Text>
      )}
      <Text as="p">
        {scripts.length + styles.length
          ? `The app’s pages relax the content security policy: ${[...scripts, ...styles].join(', ')}.`
          : 'The app’s pages add nothing to Jira’s content security policy.'}
      </Text>
    </Stack>
  );
}

/** Section 1: what the app may do on this site, and why. */
export function PermissionsPanel() {
  const { data, error, loading } = useLoad(adminApi.permissions);
  return (
    <Section
      title="Permissions granted"
      intro="Every OAuth scope this installation holds, why, and which Jira endpoints use it."
      loading={loading}
      error={error}
      errorTitle="Could not load the app’s permissions"
    >
      {data && (
        <Stack space="space.300">
          {data.source === 'manifest' && (
            <SectionMessage appearance="information" title="Showing the scopes this version declares">
              <Text as="p">
                Jira did not report which scopes this site granted, so the list comes from the app’s deployed
                manifest.
              </Text>
            </SectionMessage>
          )}
          {data.awaitingApproval.length > 0 && (
            <SectionMessage appearance="warning" title="An update is waiting for your approval">
              <Text as="p">
                The running version asks for {data.awaitingApproval.join(', ')}, which this site has not
                granted. Approve the update in Jira settings › Apps › Manage apps; until then the features
                that need it fail.
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
