import { useState } from 'react';
import Button from '@atlaskit/button/new';
import DynamicTable from '@atlaskit/dynamic-table';
import Lozenge from '@atlaskit/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { Inline, Stack, Text } from '@atlaskit/primitives/compiled';
import type {
  ConnectionsView,
  ConnectionTestView,
  ConnectionView,
  EgressGroupView,
} from '@backend/shared/admin-page';
import { egressBridge, rejectionText } from '../../bridge/egress';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatTime } from '../../format';
import { adminApi, type ConnectionDefinition } from './api';
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
  if (!secret.set)
    return (
      <Lozenge appearance="moved" maxWidth="none">
        Not set
      </Lozenge>
    );
  return (
    <Text>
      Set{secret.setAt ? ` on ${formatTime(secret.setAt)}` : ''}
      {secret.setBy ? ` by ${secret.setByName ?? 'a Jira admin'}` : ''}
    </Text>
  );
}

type Busy = { id: string; action: string } | undefined;

/** The section's data, plus why Forge's list of approved hosts could not be read, if it could not. */
type Loaded = ConnectionsView & { egressProblem?: string };

/** Reads the approved hosts from Forge (the bridge), then the connections from the resolver, which records them. */
async function loadConnections(): Promise<Loaded> {
  try {
    return await adminApi.connections(await egressBridge.approved());
  } catch (error) {
    return { ...(await adminApi.connections(undefined)), egressProblem: rejectionText(error) };
  }
}

const definitionOf = ({ id, name, url, auth }: ConnectionView): ConnectionDefinition => ({
  id,
  name,
  url,
  auth,
});

const hostList = (groups: EgressGroupView[]) =>
  groups.flatMap((g) => g.configured.map((c) => c.domain)).join(' and ');

/** Whether each of a connection's hosts is approved; a user-account connection needs none. */
function HostsState({ connection }: { connection: ConnectionView }) {
  if (connection.hosts.length === 0)
    return <Text size="small">Sends through the provider’s declared address</Text>;
  return (
    <Stack space="space.050">
      {connection.hosts.map((host) => (
        <Inline key={host.origin} space="space.050" alignBlock="center" shouldWrap>
          <Text size="small">{host.origin}</Text>
          {host.role === 'token endpoint' && <Text size="small">(token)</Text>}
          <Lozenge appearance={host.approved ? 'success' : 'removed'} maxWidth="none">
            {host.approved ? 'Approved' : 'Not approved'}
          </Lozenge>
        </Inline>
      ))}
    </Stack>
  );
}

/** Section 5: connections for the Notify post-function, their write-only secrets, and your own accounts. */
export function ConnectionsPanel() {
  const { data, error, loading, set, reload } = useLoad(loadConnections);
  const [editingSecret, setEditingSecret] = useState<string>();
  const [form, setForm] = useState<{ initial?: ConnectionDefinition }>();
  const [busy, setBusy] = useState<Busy>();
  const [actionError, setActionError] = useState<unknown>();
  const [tested, setTested] = useState<{ id: string; result: ConnectionTestView }>();
  const [notice, setNotice] = useState<string>();
  const [declined, setDeclined] = useState<{ title: string; text: string }>();

  const run = async (id: string, action: string, work: () => Promise<void>) => {
    setBusy({ id, action });
    setActionError(undefined);
    setNotice(undefined);
    setDeclined(undefined);
    try {
      await work();
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(undefined);
    }
  };
  const isBusy = (id: string, action: string) => busy?.id === id && busy.action === action;
  const refresh = async () => set(await loadConnections());

  /**
   * Asks Forge to approve the hosts `connection` needs that are not approved yet (one consent dialog); false when
   * the admin declined or Forge refused, after saying so.
   */
  const approveHosts = async (connection: ConnectionDefinition, consequence: string): Promise<boolean> => {
    const plan = await adminApi.planConnection(connection, await egressBridge.approved());
    if (plan.request.length === 0) return true;
    try {
      await egressBridge.request(plan.request);
      return true;
    } catch (e) {
      setDeclined({
        title: `${hostList(plan.request)} not approved`,
        text: `Approval was declined, so ${consequence}: Workflow Guard cannot send to “${connection.name}” without it. Forge said: ${rejectionText(e)}`,
      });
      await refresh();
      return false;
    }
  };

  /** Offers to remove each host the app asked for that no connection uses any more (one dialog each). */
  const removeUnused = async (view: ConnectionsView) => {
    const kept: string[] = [];
    for (const host of view.egress.hosts.filter((h) => h.removable)) {
      await egressBridge.removeGroup(host.group).catch(() => kept.push(host.origin));
    }
    await refresh();
    return kept;
  };

  const save = (connection: ConnectionDefinition, editing: boolean) =>
    run(connection.id, 'save', async () => {
      if (!(await approveHosts(connection, 'nothing was saved'))) return;
      const view = await adminApi.saveConnection(connection, await egressBridge.approved());
      set(view);
      setForm(undefined);
      const kept = await removeUnused(view);
      setNotice(
        `Connection “${connection.name}” ${editing ? 'changed' : 'saved'}` +
          (kept.length ? `; ${kept.join(' and ')} stays approved though no connection uses it` : ''),
      );
    });
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
          {declined && (
            <SectionMessage appearance="warning" title={declined.title} testId="egress-declined">
              <Text as="p">{declined.text}</Text>
            </SectionMessage>
          )}
          {data.egressProblem && (
            <SectionMessage appearance="warning" title="Could not read the approved hosts from Forge">
              <Text as="p">Approvals shown are the ones recorded last. Forge said: {data.egressProblem}</Text>
            </SectionMessage>
          )}
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
                { key: 'name', content: 'Connection', width: 20 },
                { key: 'hosts', content: 'Hosts', width: 22 },
                { key: 'auth', content: 'Authentication', width: 14 },
                { key: 'secret', content: 'Secret', width: 14 },
                { key: 'actions', content: 'Actions', width: 30 },
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
                { key: 'hosts', content: <HostsState connection={c} /> },
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
                        {c.hosts.some((h) => !h.approved) && (
                          <Button
                            appearance="primary"
                            isLoading={isBusy(c.id, 'approve')}
                            onClick={() =>
                              void run(c.id, 'approve', async () => {
                                if (await approveHosts(definitionOf(c), 'it still cannot send')) {
                                  await refresh();
                                  setNotice(`Hosts of “${c.name}” approved`);
                                }
                              })
                            }
                          >
                            Approve hosts
                          </Button>
                        )}
                        <Button onClick={() => setForm({ initial: definitionOf(c) })}>Edit</Button>
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
                              const kept = await removeUnused(await adminApi.deleteConnection(c.id));
                              setNotice(
                                `Connection “${c.name}” deleted` +
                                  (kept.length
                                    ? `; ${kept.join(' and ')} stays approved though no connection uses it`
                                    : ''),
                              );
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
          {form ? (
            <ConnectionForm
              key={form.initial?.id ?? 'new'}
              providers={data.providers}
              {...(form.initial ? { initial: form.initial } : {})}
              onCancel={() => setForm(undefined)}
              onSave={(connection) => save(connection, form.initial !== undefined)}
            />
          ) : (
            <Inline>
              <Button appearance="primary" onClick={() => setForm({})}>
                Add connection
              </Button>
            </Inline>
          )}
          <Stack space="space.150">
            <h3>Approved hosts</h3>
            <Text as="p" color="color.text.subtle">
              Where a Jira admin allowed Workflow Guard to send ({data.egress.groupsInUse} of{' '}
              {data.egress.maxGroups} hosts Forge allows per site). You can also remove them in Atlassian
              Administration › Connected apps.
            </Text>
            <DynamicTable
              testId="approved-hosts"
              head={{
                cells: [
                  { key: 'host', content: 'Host', width: 40 },
                  { key: 'used', content: 'Used by', width: 40 },
                  { key: 'actions', content: '', width: 20 },
                ],
              }}
              rows={data.egress.hosts.map((h) => ({
                key: `${h.group} ${h.origin}`,
                cells: [
                  { key: 'host', content: h.origin },
                  {
                    key: 'used',
                    content: h.usedBy.length ? h.usedBy.join(', ') : 'No connection uses it',
                  },
                  {
                    key: 'actions',
                    content: h.removable && (
                      <Button
                        isLoading={isBusy(h.group, 'remove')}
                        onClick={() =>
                          void run(h.group, 'remove', async () => {
                            const kept = await removeUnused({
                              ...data,
                              egress: { ...data.egress, hosts: [h] },
                            });
                            setNotice(kept.length ? `${h.origin} stays approved` : `${h.origin} removed`);
                          })
                        }
                      >
                        Remove
                      </Button>
                    ),
                  },
                ],
              }))}
              emptyView={<Text>No host is approved yet. Saving a connection asks for its hosts.</Text>}
            />
          </Stack>
          <Stack space="space.150">
            <h3>Your connected accounts</h3>
            <Text as="p" color="color.text.subtle">
              Connections of kind “each user’s own account” use these. This is your own account, not the
              site’s.
            </Text>
            {data.providers.map((p) => (
              <Inline
                key={p.key}
                space="space.150"
                alignBlock="center"
                shouldWrap
                testId={`provider-${p.key}`}
              >
                <Text weight="bold">{p.name.charAt(0).toUpperCase() + p.name.slice(1)}</Text>
                {/* Whole labels: a lozenge never shrinks; an unknown state is said as unknown, not as an error. */}
                <Lozenge appearance={p.connected ? 'success' : 'default'} maxWidth="none">
                  {p.connected ? 'Connected' : p.problem ? 'State unknown' : 'Not connected'}
                </Lozenge>
                {p.problem && <Text color="color.text.subtle">{p.problem}</Text>}
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
