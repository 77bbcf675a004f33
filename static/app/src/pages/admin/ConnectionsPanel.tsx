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
import { say } from '../../components/texts';
import { useFormat, type Formats } from '../../format';
import { useT, type Translate } from '../../i18n';
import { adminApi, type ConnectionDefinition } from './api';
import { Code } from '../../components/Code';
import { ConnectionForm } from './ConnectionForm';
import { SecretForm } from './SecretForm';
import { Section } from './Section';
import { useLoad } from './useLoad';

const authText = (t: Translate, c: ConnectionView): string => {
  switch (c.auth.kind) {
    case 'api-token':
      return c.auth.scheme === 'basic'
        ? t('admin.connections.auth.basic', { user: c.auth.username ?? '?' })
        : t('admin.connections.auth.bearer');
    case 'oauth-client-credentials':
      return t('admin.connections.auth.oauth', { clientId: c.auth.clientId });
    case 'user-account':
      return t('admin.connections.auth.userAccount');
  }
};

function SecretState({ connection }: { connection: ConnectionView }) {
  const t = useT();
  const format = useFormat();
  if (connection.auth.kind === 'user-account')
    return <Text>{t('admin.connections.secret.userAccount')}</Text>;
  const { secret } = connection;
  if (!secret.set)
    return (
      <Lozenge appearance="moved" maxWidth="none">
        {t('admin.connections.secret.notSet')}
      </Lozenge>
    );
  const time = secret.setAt ? format.time(secret.setAt) : undefined;
  const name = secret.setBy ? (secret.setByName ?? t('admin.connections.secret.aJiraAdmin')) : undefined;
  return (
    <Text>
      {time && name
        ? t('admin.connections.secret.setOnBy', { time, name })
        : time
          ? t('admin.connections.secret.setOn', { time })
          : name
            ? t('admin.connections.secret.setBy', { name })
            : t('admin.connections.secret.set')}
    </Text>
  );
}

type Busy = { id: string; action: string } | undefined;

/**
 * "Connection “Ops hook” saved", and which hosts stay approved though no connection uses them any more (the admin
 * kept them in Forge's dialog).
 */
function keptNotice(
  t: Translate,
  format: Formats,
  what: keyof typeof NOTICES,
  name: string,
  kept: string[],
): string {
  const [done, doneKept] = NOTICES[what];
  return kept.length
    ? t(doneKept, { name, count: kept.length, hosts: format.list(kept) })
    : t(done, { name });
}
const NOTICES = {
  saved: ['admin.connections.notice.saved', 'admin.connections.notice.savedKept'],
  changed: ['admin.connections.notice.changed', 'admin.connections.notice.changedKept'],
  deleted: ['admin.connections.notice.deleted', 'admin.connections.notice.deletedKept'],
} as const;

/** The section's data, plus why Forge's list of approved hosts could not be read, if it could not. */
type Loaded = ConnectionsView & { egressProblem?: { reason: string | undefined } };

/** Reads the approved hosts from Forge (the bridge), then the connections from the resolver, which records them. */
async function loadConnections(): Promise<Loaded> {
  try {
    return await adminApi.connections(await egressBridge.approved());
  } catch (error) {
    return { ...(await adminApi.connections(undefined)), egressProblem: { reason: rejectionText(error) } };
  }
}

const definitionOf = ({ id, name, url, auth }: ConnectionView): ConnectionDefinition => ({
  id,
  name,
  url,
  auth,
});

const hostsOf = (groups: EgressGroupView[]) => groups.flatMap((g) => g.configured.map((c) => c.domain));

/** Whether each of a connection's hosts is approved; a user-account connection needs none. */
function HostsState({ connection }: { connection: ConnectionView }) {
  const t = useT();
  if (connection.hosts.length === 0)
    return <Text size="small">{t('admin.connections.hosts.viaProvider')}</Text>;
  return (
    <Stack space="space.050">
      {connection.hosts.map((host) => (
        <Inline key={host.origin} space="space.050" alignBlock="center" shouldWrap>
          <Text size="small">{host.origin}</Text>
          {host.role === 'token endpoint' && <Text size="small">{t('admin.connections.hosts.token')}</Text>}
          <Lozenge appearance={host.approved ? 'success' : 'removed'} maxWidth="none">
            {t(host.approved ? 'admin.connections.hosts.approved' : 'admin.connections.hosts.notApproved')}
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
  const t = useT();
  const format = useFormat();
  const reason = (error: unknown) => rejectionText(error) ?? t('admin.connections.noReason');

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
  const approveHosts = async (
    connection: ConnectionDefinition,
    consequence: 'admin.connections.declined.nothingSaved' | 'admin.connections.declined.stillCannotSend',
  ): Promise<boolean> => {
    const plan = await adminApi.planConnection(connection, await egressBridge.approved());
    if (plan.request.length === 0) return true;
    try {
      await egressBridge.request(plan.request);
      return true;
    } catch (e) {
      const hosts = hostsOf(plan.request);
      setDeclined({
        title: t('admin.connections.declined.title', { count: hosts.length, hosts: format.list(hosts) }),
        text: t(consequence, { name: connection.name, reason: reason(e) }),
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
      if (!(await approveHosts(connection, 'admin.connections.declined.nothingSaved'))) return;
      const view = await adminApi.saveConnection(connection, await egressBridge.approved());
      set(view);
      setForm(undefined);
      const kept = await removeUnused(view);
      setNotice(keptNotice(t, format, editing ? 'changed' : 'saved', connection.name, kept));
    });
  return (
    <Section
      title={t('admin.connections.title')}
      intro={t('admin.connections.intro')}
      loading={loading}
      error={error}
      errorTitle={t('admin.connections.errorTitle')}
    >
      {data && (
        <Stack space="space.300">
          {actionError !== undefined && (
            <ErrorMessage title={t('admin.connections.actionError')} error={actionError} />
          )}
          {declined && (
            <SectionMessage appearance="warning" title={declined.title} testId="egress-declined">
              <Text as="p">{declined.text}</Text>
            </SectionMessage>
          )}
          {data.egressProblem && (
            <SectionMessage appearance="warning" title={t('admin.connections.egressProblem.title')}>
              <Text as="p">
                {t('admin.connections.egressProblem.body', {
                  reason: data.egressProblem.reason ?? t('admin.connections.noReason'),
                })}
              </Text>
            </SectionMessage>
          )}
          {notice && (
            <SectionMessage appearance="success" title={notice}>
              <Text as="p">{t('admin.connections.notice.recorded')}</Text>
            </SectionMessage>
          )}
          {tested && (
            <SectionMessage
              appearance={tested.result.ok ? 'success' : 'error'}
              title={t(
                tested.result.ok ? 'admin.connections.testResult.ok' : 'admin.connections.testResult.failed',
              )}
            >
              <Text as="p">{say(t, tested.result.said)}</Text>
            </SectionMessage>
          )}
          <DynamicTable
            testId="connections"
            head={{
              cells: [
                { key: 'name', content: t('admin.connections.columns.connection'), width: 20 },
                { key: 'hosts', content: t('admin.connections.columns.hosts'), width: 22 },
                { key: 'auth', content: t('admin.connections.columns.auth'), width: 14 },
                { key: 'secret', content: t('admin.connections.columns.secret'), width: 14 },
                { key: 'actions', content: t('admin.connections.columns.actions'), width: 30 },
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
                { key: 'auth', content: authText(t, c) },
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
                            setNotice(t('admin.connections.notice.secretSaved', { name: c.name }));
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
                                const consequence = 'admin.connections.declined.stillCannotSend';
                                if (await approveHosts(definitionOf(c), consequence)) {
                                  await refresh();
                                  setNotice(t('admin.connections.notice.hostsApproved', { name: c.name }));
                                }
                              })
                            }
                          >
                            {t('admin.connections.approveHosts')}
                          </Button>
                        )}
                        <Button onClick={() => setForm({ initial: definitionOf(c) })}>
                          {t('common.edit')}
                        </Button>
                        {c.auth.kind !== 'user-account' && (
                          <Button onClick={() => setEditingSecret(c.id)}>
                            {t(
                              c.secret.set
                                ? 'admin.connections.replaceSecret'
                                : 'admin.connections.setSecret',
                            )}
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
                                setNotice(t('admin.connections.notice.secretDeleted', { name: c.name }));
                              })
                            }
                          >
                            {t('admin.connections.deleteSecret')}
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
                          {t('admin.connections.testConnection')}
                        </Button>
                        <Button
                          appearance="subtle"
                          isLoading={isBusy(c.id, 'delete')}
                          onClick={() =>
                            void run(c.id, 'delete', async () => {
                              const kept = await removeUnused(await adminApi.deleteConnection(c.id));
                              setNotice(keptNotice(t, format, 'deleted', c.name, kept));
                            })
                          }
                        >
                          {t('common.delete')}
                        </Button>
                      </Inline>
                    ),
                },
              ],
            }))}
            emptyView={<Text>{t('admin.connections.empty')}</Text>}
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
                {t('admin.connections.add')}
              </Button>
            </Inline>
          )}
          <Stack space="space.150">
            <h3>{t('admin.connections.approved.title')}</h3>
            <Text as="p" color="color.text.subtle">
              {t('admin.connections.approved.intro', {
                inUse: format.number(data.egress.groupsInUse),
                max: format.number(data.egress.maxGroups),
              })}
            </Text>
            <DynamicTable
              testId="approved-hosts"
              head={{
                cells: [
                  { key: 'host', content: t('admin.connections.columns.host'), width: 40 },
                  { key: 'used', content: t('common.usedBy'), width: 40 },
                  { key: 'actions', content: '', width: 20 },
                ],
              }}
              rows={data.egress.hosts.map((h) => ({
                key: `${h.group} ${h.origin}`,
                cells: [
                  { key: 'host', content: h.origin },
                  {
                    key: 'used',
                    content: h.usedBy.length ? h.usedBy.join(', ') : t('admin.connections.approved.unused'),
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
                            setNotice(
                              t(
                                kept.length
                                  ? 'admin.connections.notice.hostKept'
                                  : 'admin.connections.notice.hostRemoved',
                                { host: h.origin },
                              ),
                            );
                          })
                        }
                      >
                        {t('common.remove')}
                      </Button>
                    ),
                  },
                ],
              }))}
              emptyView={<Text>{t('admin.connections.approved.empty')}</Text>}
            />
          </Stack>
          <Stack space="space.150">
            <h3>{t('admin.connections.accounts.title')}</h3>
            <Text as="p" color="color.text.subtle">
              {t('admin.connections.accounts.intro')}
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
                  {t(
                    p.connected
                      ? 'common.connected'
                      : p.problem
                        ? 'admin.connections.accounts.stateUnknown'
                        : 'common.notConnected',
                  )}
                </Lozenge>
                {p.problem && <Text color="color.text.subtle">{p.problem}</Text>}
                {p.connected ? (
                  <Text size="small">{t('admin.connections.accounts.disconnect')}</Text>
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
                    {t('common.connect')}
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
