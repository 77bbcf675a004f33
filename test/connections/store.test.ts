import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { MANIFEST_PATH, withInvocation } from '../harness';
import { openSession } from '../../src/access/session';
import { Connection } from '../../src/connections/model';
import { ACCOUNT_PROVIDERS } from '../../src/connections/providers';
import {
  deleteConnection,
  deleteConnectionSecret,
  getConnection,
  listConnections,
  saveConnection,
  setConnectionSecret,
} from '../../src/connections/store';
import { testConnection } from '../../src/connections/test-connection';
import { storageKeys } from '../../src/access/storage-keys';
import { english, render } from '../../src/access/texts';
import { catalogueTranslate } from '../support/envelope';
import { startThirdParty, type ThirdParty } from '../third-party';
import { seedSite } from '../support/seed';
import type { JiraSite } from '../emulator';
import {
  apiTokenConnection,
  approveHostsOf,
  clientCredentialsConnection,
  viaLoopback,
  forgeTokenService,
  userAccountConnection,
} from './support';

describe('connection store', () => {
  let tp: ThirdParty;
  beforeAll(async () => {
    tp = await startThirdParty();
  });
  afterAll(() => tp.close());
  beforeEach(() => tp.state.reset());

  const run = <T>(fn: (site: JiraSite) => Promise<T>, extra: Record<string, unknown> = {}) => {
    const { site, kvs } = seedSite();
    return { kvs, result: withInvocation({ site, kvs, accountId: 'admin', ...extra }, () => fn(site)) };
  };

  it('accepts https, and plain http only for loopback hosts', () => {
    const base = { id: 'x', name: 'X', auth: { kind: 'api-token', scheme: 'bearer' } };
    const issues = (url: string) =>
      Connection.safeParse({ ...base, url }).error?.issues.map((i) => i.path.join('.'));
    expect(issues('https://hooks.example.com/a')).toBeUndefined();
    expect(issues('http://127.0.0.1:8080/a')).toBeUndefined();
    expect(issues('http://localhost/a')).toBeUndefined();
    expect(issues('http://hooks.example.com/a')).toEqual(['url']);
    expect(issues('https://user:pw@hooks.example.com/a')).toEqual(['url']);
    expect(
      Connection.safeParse({
        ...base,
        url: 'https://h.example.com',
        auth: { kind: 'api-token', scheme: 'basic' },
      }).error?.issues[0],
    ).toMatchObject({
      path: ['auth', 'username'],
      message: 'Basic authentication needs the user name the API token belongs to',
    });
  });

  it('saves, lists with the secret status only, and deletes the secret and cached token with the connection', async () => {
    const { kvs, result } = run(async () => {
      await saveConnection(apiTokenConnection(tp));
      const status = await setConnectionSecret('ops-hook', 'tok-123456', 'admin');
      const listed = await listConnections();
      await deleteConnection('ops-hook');
      return { status, listed, after: await getConnection('ops-hook') };
    });
    const { status, listed, after } = await result;
    expect(status).toEqual({ set: true, setAt: expect.any(String), setBy: 'admin' });
    expect(listed).toEqual([{ ...apiTokenConnection(tp), secret: status }]);
    expect(JSON.stringify(listed)).not.toContain('tok-123456');
    expect(after).toBeUndefined();
    expect(kvs.snapshot().secrets).toEqual({});
    expect(Object.keys(kvs.snapshot().kvs).filter((k) => k.startsWith('connection'))).toEqual([]);
  });

  it('rejects bad input by field name and writes nothing', async () => {
    const { kvs, result } = run(async () => {
      const failures: string[] = [];
      const attempt = (fn: () => Promise<unknown>) => fn().catch((e: Error) => void failures.push(e.message));
      await attempt(() => saveConnection({ ...apiTokenConnection(tp), url: 'http://hooks.example.com/x' }));
      await attempt(() =>
        saveConnection({ ...userAccountConnection(tp), auth: { kind: 'user-account', provider: 'nope' } }),
      );
      await attempt(() => setConnectionSecret('ops-hook', 'tok-123456', 'admin'));
      await saveConnection(userAccountConnection(tp));
      await attempt(() => setConnectionSecret('ops-user', 'tok-123456', 'admin'));
      await attempt(() => setConnectionSecret('Bad Id', 'x', 'admin'));
      return failures;
    });
    expect(await result).toEqual([
      expect.stringContaining('Invalid connection: url: must start with https://'),
      'Invalid connection: auth.provider: "nope" is not an account provider Workflow Guard declares.',
      'There is no connection "ops-hook": save the connection before its secret.',
      'Connection "Ops as you" uses each user\'s own account: Forge keeps those credentials, so it takes no secret.',
      'Invalid connection id: use 1–40 lower-case letters, digits or dashes.',
    ]);
    expect(kvs.snapshot().secrets).toEqual({});
  });

  it('deleting a secret forgets the cached access token too', async () => {
    const { kvs, result } = run(async (site) => {
      await approveHostsOf(site, clientCredentialsConnection(tp));
      await saveConnection(clientCredentialsConnection(tp));
      await setConnectionSecret('ops-oauth', 'workflow-guard-secret', 'admin');
      const session = openSession('connections/test');
      expect(await testConnection('ops-oauth', session)).toMatchObject({ ok: true, status: 202 });
      await deleteConnectionSecret('ops-oauth');
    }, viaLoopback);
    await result;
    expect(kvs.snapshot().secrets).toEqual({});
    expect(kvs.snapshot().kvs[storageKeys.connectionSecretStatus('ops-oauth')]).toBeUndefined();
  });

  it('tests a connection and says exactly what failed', async () => {
    const { result } = run(async (site) => {
      const session = openSession('connections/test');
      await approveHostsOf(site, apiTokenConnection(tp));
      await saveConnection(apiTokenConnection(tp));
      const noSecret = await testConnection('ops-hook', session);
      await setConnectionSecret('ops-hook', 'wrong-token-value', 'admin');
      const wrong = await testConnection('ops-hook', session);
      await setConnectionSecret('ops-hook', 'alice-api-token', 'admin');
      const ok = await testConnection('ops-hook', session);
      const missing = await testConnection('nope', session);
      return { noSecret, wrong, ok, missing };
    }, viaLoopback);
    const answers = await result;
    const said = expect.anything();
    expect(answers).toEqual({
      noSecret: {
        ok: false,
        code: 'INVALID_INPUT',
        message:
          'Connection "Ops hook" has no API token yet: a Jira admin sets it on the Workflow Guard admin page.',
        said,
      },
      wrong: {
        ok: false,
        code: 'RECONNECT_REQUIRED',
        message: expect.stringContaining('enters a valid API token'),
        said,
      },
      ok: { ok: true, status: 202, detail: 'Ops hook accepted a test notification (HTTP 202).', said },
      missing: { ok: false, code: 'NOT_FOUND', message: 'There is no connection "nope".', said },
    });
    // What the admin page shows: in English the words it showed before, in French each answer in French.
    for (const answer of Object.values(answers))
      expect(render(english, [answer.said])).toBe(
        answer.ok ? answer.detail : `${answer.message} (${answer.code})`,
      );
    const french = catalogueTranslate('fr-FR');
    expect(render(french, [answers.ok.said])).toBe('Ops hook a accepté une notification de test (HTTP 202).');
    expect(render(french, [answers.missing.said])).toBe("Il n'existe aucune connexion « nope ». (NOT_FOUND)");
    expect(render(french, [answers.wrong.said])).toBe(
      "Ops hook n'accepte plus les identifiants de Workflow Guard (révoqués, renouvelés ou expirés sans actualisation possible) ; réessayer n'y changera rien." +
        " Correction : un administrateur Jira saisit un jeton d'API valide pour la connexion « Ops hook » sur la page d'administration de Workflow Guard. (RECONNECT_REQUIRED)",
    );
    expect(tp.state.received.map((r) => r.body)).toContainEqual(
      expect.objectContaining({ type: 'workflow-guard.test' }),
    );
  });

  it("tests a user-account connection with the admin's own account", async () => {
    const forge = forgeTokenService(tp);
    const { result } = run(
      async () => {
        await saveConnection(userAccountConnection(tp));
        return testConnection('ops-user', openSession('connections/test'));
      },
      { ...viaLoopback, externalAuth: [forge.provider], providerFetch: forge.providerFetch },
    );
    expect(await result).toMatchObject({ ok: true, status: 202 });
  });
});

describe('account providers', () => {
  it('match the providers.auth entries and remotes of manifest.yml', () => {
    const manifest = parse(readFileSync(MANIFEST_PATH, 'utf8')) as {
      providers?: { auth?: { key: string; remotes: string[] }[] };
      remotes?: { key: string }[];
    };
    const declared = (manifest.providers?.auth ?? []).map((p) => ({ key: p.key, remotes: p.remotes }));
    expect(declared).toEqual(ACCOUNT_PROVIDERS.map((p) => ({ key: p.key, remotes: [p.remote] })));
    for (const provider of ACCOUNT_PROVIDERS) {
      expect(manifest.remotes?.map((r) => r.key)).toContain(provider.remote);
    }
  });
});
