import { useState } from 'react';
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import type { ConnectionTestView, ConnectionView } from '@backend/shared/admin-page';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatTime } from '../../format';
import { adminApi } from './api';
import { Code } from '../../components/Code';
import { ConnectionForm } from './ConnectionForm';
import { SecretForm } from './SecretForm';
import { Section } from './Section';
import { useLoad } from './useLoad';

const authText = (c: ConnectionView): string => {
  switch (c.auth.kind) {
    case 'api-token':
      return c.auth.scheme === 'basic'
        ? `API token (Basic, user ${c.auth.username ?? '?'})`
        : 'API token (Bearer)';
    case 'oauth-client-credentials':
      return `OAuth client ${c.auth.clientId}`;
    case 'user-account':
      return 'Each user’s own account';
  }
};

function SecretState({ connection }: { connection: ConnectionView }) {
  if (connection.auth.kind === 'user-account')
    return <Text>No secret: Forge keeps each user’s credentials</Text>;
  const { secret } = connection;
  if (!secret.set) return <Lozenge appearance="moved">Not set</Lozenge>;
  return (
    <Text>
      Set{secret.setAt ? ` on ${formatTime(secret.setAt)}` : ''}
      {secret.setBy ? ` by ${secret.setBy}` : ''}
    </Text>
  );
}

type Busy = { id: string; action: string } | undefined;

/** Section 5: connections for the Notify post-function, their write-only secrets, and your own accounts. */
export function ConnectionsPanel() {
  const { data, error, loading, set, reload } = useLoad(adminApi.connections);
  const [editingSecret, setEditingSecret] = useState<string>();
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState<Busy>();
  const [actionError, setActionError] = useState<unknown>();
  const [tested, setTested] = useState<{ id: string; result: ConnectionTestView }>();
  const [notice, setNotice] = useState<string>();

  const run = async (id: string, action: string, work: () => Promise<void>) => {
    setBusy({ id, action });
    setActionError(undefined);
    setNotice(undefined);
    try {
      await work();
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(undefined);
    }
  };
  const isBusy = (id: string, action: string) => busy?.id === id && busy.action === action;

  return (
    <Section
      title="Secrets and connections"
      intro="Services the Notify post-function may call. Secrets are write-only: once saved, nobody can read them back, not even you."
      loading={loading}
      error={error}
      errorTitle="Could not load the connections"
    >
      {data && (
        <Stack space="space.300">
          {actionError !== undefined && <ErrorMessage title="That did not work" error={actionError} />}
          {notice && (
            <SectionMessage appearance="success" title={notice}>
              <Text as="p">The change is recorded in the audit log.</Text>
            </SectionMessage>
          )}
          {tested && (
            <SectionMessage
              appearance={tested.result.ok ? 'success' : 'error'}
              title={tested.result.ok ? 'The connection works' : 'The test failed'}
            >
              <Text as="p">
                {tested.result.ok ? tested.result.detail : `${tested.result.message} (${tested.result.code})`}
              </Text>
            </SectionMessage>
          )}
          <DynamicTable
            testId="connections"
            head={{
              cells: [
                { key: 'name', content: 'Connection', width: 22 },
                { key: 'auth', content: 'Authentication', width: 18 },
                { key: 'secret', content: 'Secret', width: 20 },
                { key: 'actions', content: 'Actions', width: 40 },
              ],
            }}
            rows={data.connections.map((c) => ({
              key: c.id,
              cells: [
                {
                  key: 'name',
                  content: (
                    <Stack space="space.050">
                      <Text weight="bold">{c.name}</Text>
                      <Text size="small">{c.url}</Text>
                      <Code>{c.id}</Code>
                    </Stack>
                  ),
                },
                { key: 'auth', content: authText(c) },
                { key: 'secret', content: <SecretState connection={c} /> },
                {
                  key: 'actions',
                  content:
                    editingSecret === c.id ? (
                      <SecretForm
                        connection={c}
                        onCancel={() => setEditingSecret(undefined)}
                        onSave={(value) =>
                          run(c.id, 'secret', async () => {
                            const secret = await adminApi.setSecret(c.id, value);
                            set({
                              ...data,
                              connections: data.connections.map((x) =>
                                x.id === c.id ? { ...x, secret } : x,
                              ),
                            });
                            setEditingSecret(undefined);
                            setNotice(`Secret of “${c.name}” saved`);
                          })
                        }
                      />
                    ) : (
                      <Inline space="space.100" shouldWrap>
                        {c.auth.kind !== 'user-account' && (
                          <Button onClick={() => setEditingSecret(c.id)}>
                            {c.secret.set ? 'Replace secret' : 'Set secret'}
                          </Button>
                        )}
                        {c.secret.set && (
                          <Button
                            isLoading={isBusy(c.id, 'delete-secret')}
                            onClick={() =>
                              void run(c.id, 'delete-secret', async () => {
                                const secret = await adminApi.deleteSecret(c.id);
                                set({
                                  ...data,
                                  connections: data.connections.map((x) =>
                                    x.id === c.id ? { ...x, secret } : x,
                                  ),
                                });
                                setNotice(`Secret of “${c.name}” deleted`);
                              })
                            }
                          >
                            Delete secret
                          </Button>
                        )}
                        <Button
                          isLoading={isBusy(c.id, 'test')}
                          onClick={() =>
                            void run(c.id, 'test', async () => {
                              setTested({ id: c.id, result: await adminApi.testConnection(c.id) });
                            })
                          }
                        >
                          Test connection
                        </Button>
                        <Button
                          appearance="subtle"
                          isLoading={isBusy(c.id, 'delete')}
                          onClick={() =>
                            void run(c.id, 'delete', async () => {
                              set(await adminApi.deleteConnection(c.id));
                              setNotice(`Connection “${c.name}” deleted`);
                            })
                          }
                        >
                          Delete
                        </Button>
                      </Inline>
                    ),
                },
              ],
            }))}
            emptyView={
              <Text>No connections yet. Add one so Notify post-functions have somewhere to send.</Text>
            }
          />
          {adding ? (
            <ConnectionForm
              providers={data.providers}
              onCancel={() => setAdding(false)}
              onSave={(connection) =>
                run(connection.id, 'save', async () => {
                  set(await adminApi.saveConnection(connection));
                  setAdding(false);
                  setNotice(`Connection “${connection.name}” saved`);
                })
              }
            />
          ) : (
            <Inline>
              <Button appearance="primary" onClick={() => setAdding(true)}>
                Add connection
              </Button>
            </Inline>
          )}
          <Stack space="space.150">
            <h3>Your connected accounts</h3>
            <Text as="p" color="color.text.subtle">
              Connections of kind “each user’s own account” use these. This is your own account, not the
              site’s.
            </Text>
            {data.providers.map((p) => (
              <Inline key={p.key} space="space.150" alignBlock="center" testId={`provider-${p.key}`}>
                <Text weight="bold">{p.name.charAt(0).toUpperCase() + p.name.slice(1)}</Text>
                <Lozenge appearance={p.connected ? 'success' : 'default'}>
                  {p.connected ? 'Connected' : 'Not connected'}
                </Lozenge>
                {p.problem && <Text color="color.text.danger">{p.problem}</Text>}
                {p.connected ? (
                  <Text size="small">
                    To disconnect, remove Workflow Guard’s access in your Atlassian account › Connected apps.
                  </Text>
                ) : (
                  <Button
                    isLoading={isBusy(p.key, 'connect')}
                    onClick={() =>
                      void run(p.key, 'connect', async () => {
                        // Forge shows its consent screen; afterwards the state is read again.
                        await adminApi.connectProvider(p.key).catch(() => undefined);
                        reload();
                      })
                    }
                  >
                    Connect
                  </Button>
                )}
              </Inline>
            ))}
          </Stack>
        </Stack>
      )}
    </Section>
  );
}
