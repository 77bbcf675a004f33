import { ExternalEndpointNotAllowedError, fetch } from '@forge/api';
import { EgressApprovals, EgressBridgeError, egressApprovalsOf, withInvocation } from '../harness';
import { EgressGroup, recordEgress } from '../../src/access/egress-approvals';
import { openSession } from '../../src/access/session';
import { egressRequest } from '../../src/connections/egress';
import type { Connection } from '../../src/connections/model';
import { testConnection } from '../../src/connections/test-connection';
import { english, render } from '../../src/access/texts';
import { auditEntries } from '../support/audit';
import { catalogueTranslate } from '../support/envelope';
import { seedSite } from '../support/seed';
import { startThirdParty, type ThirdParty } from '../third-party';
import {
  apiTokenConnection,
  approveHostsOf,
  clientCredentialsConnection,
  delivered,
  notifier,
  setUpConnection,
  viaLoopback,
} from './support';

const WHERE = 'Jira settings › Apps › Workflow Guard › Secrets and connections';

/**
 * Customer-managed egress at send time: a host no admin approved gets nothing, and the failure names the host and
 * where to approve it. The harness plays Forge, whose fetch refuses such a host as well.
 */
describe('sending only to hosts an admin approved', () => {
  let tp: ThirdParty;
  beforeAll(async () => {
    tp = await startThirdParty();
  });
  afterAll(() => tp.close());
  beforeEach(() => tp.state.reset());

  async function unapproved(connection: Connection, secret: string) {
    const { site, kvs } = seedSite();
    await setUpConnection(site, kvs, connection, secret, { approveHosts: false });
    const notify = notifier(site, { site, kvs, ...viaLoopback }, { connectionId: connection.id });
    return { site, kvs, notify };
  }

  it('sends nothing to a host nobody approved, and the audit says which host and where to approve it', async () => {
    const { kvs, notify } = await unapproved(apiTokenConnection(tp), 'alice-api-token');
    await notify();
    expect(tp.state.received).toEqual([]);
    const [entry] = auditEntries(kvs);
    expect(entry).toMatchObject({
      outcome: 'failed',
      error: {
        code: 'EGRESS_NOT_ALLOWED',
        message:
          `Nothing was sent to Ops hook: ${tp.url} is not a host a Jira admin approved for Workflow Guard on this site.` +
          ` Fix: open ${WHERE} and approve ${tp.url} for the connection (Forge asks you to confirm).`,
      },
    });
    expect(entry?.calls).toContainEqual(
      expect.objectContaining({
        pathTemplate: 'external: Ops hook',
        attempts: 0,
        status: null,
        failure: 'EGRESS_NOT_ALLOWED',
      }),
    );
  });

  it('once the host is approved, the same notification goes out', async () => {
    const { site, kvs, notify } = await unapproved(apiTokenConnection(tp), 'alice-api-token');
    await withInvocation({ site, kvs, accountId: 'admin' }, () =>
      approveHostsOf(site, apiTokenConnection(tp)),
    );
    await notify();
    expect(delivered(tp)).toHaveLength(1);
    expect(auditEntries(kvs)[0]?.outcome).toBe('applied');
  });

  it('asks no token from an OAuth token endpoint whose host is not approved', async () => {
    // The token endpoint on another host than the service (localhost vs 127.0.0.1): two hosts to approve.
    const base = clientCredentialsConnection(tp);
    const tokenHost = tp.url.replace('127.0.0.1', 'localhost');
    const connection: Connection = {
      ...base,
      auth: {
        ...base.auth,
        kind: 'oauth-client-credentials',
        tokenUrl: `${tokenHost}/oauth/token`,
        clientId: 'c',
      },
    };
    const { site, kvs, notify } = await unapproved(connection, 'workflow-guard-secret');
    // The admin approved only the service's host.
    await withInvocation({ site, kvs, accountId: 'admin' }, async () => {
      const forge = egressApprovalsOf(site);
      const request = egressRequest(connection, []);
      expect(request.map((g) => g.configured[0]?.domain)).toEqual([tp.url, tokenHost]);
      forge.set({ egresses: request.slice(0, 1) });
      await recordEgress(EgressGroup.array().parse(forge.get().results), 'admin');
    });
    await notify();
    expect(tp.state.received).toEqual([]);
    expect(tp.state.tokenRequests).toEqual([]);
    expect(auditEntries(kvs)[0]?.error).toEqual({
      code: 'EGRESS_NOT_ALLOWED',
      message: expect.stringContaining(
        `Nothing was sent to Ops OAuth (token endpoint): ${tokenHost} is not a host a Jira admin approved`,
      ),
    });
  });

  it('tells the admin testing a connection which host to approve, and where', async () => {
    const { site, kvs } = await unapproved(apiTokenConnection(tp), 'alice-api-token');
    const result = await withInvocation({ site, kvs, accountId: 'admin', ...viaLoopback }, () =>
      testConnection('ops-hook', openSession('connections/test')),
    );
    expect(result).toEqual({
      ok: false,
      code: 'EGRESS_NOT_ALLOWED',
      message: expect.stringContaining(`approve ${tp.url} for the connection`),
      said: expect.anything(),
    });
    // The admin page says it in its viewer's language: in English as before, in French with the French place.
    expect(render(english, [result.said])).toBe(`${result.ok ? '' : result.message} (EGRESS_NOT_ALLOWED)`);
    expect(render(catalogueTranslate('fr-FR'), [result.said])).toBe(
      `Rien n'a été envoyé à Ops hook : ${tp.url} n'est pas un hôte qu'un administrateur Jira a approuvé pour Workflow Guard sur ce site.` +
        ` Correction : ouvrez Paramètres Jira › Applications › Workflow Guard › Secrets et connexions et approuvez ${tp.url} pour la connexion (Forge vous demande de confirmer). (EGRESS_NOT_ALLOWED)`,
    );
    expect(tp.state.received).toEqual([]);
  });

  it("Forge's fetch refuses a host neither the manifest nor an admin approved", async () => {
    const { site, kvs } = seedSite();
    const attempt = () =>
      withInvocation({ site, kvs, ...viaLoopback }, () =>
        fetch(`${tp.url}/hooks/issue-transitioned`, { method: 'POST', body: '{}' }),
      );
    await expect(attempt()).rejects.toBeInstanceOf(ExternalEndpointNotAllowedError);
    egressApprovalsOf(site).set({
      egresses: [
        { key: 'k', description: 'd', configured: [{ domain: tp.url, type: ['FETCH_CLIENT_SIDE'] }] },
      ],
    });
    // Approved for the browser only: the backend still may not.
    await expect(attempt()).rejects.toBeInstanceOf(ExternalEndpointNotAllowedError);
    egressApprovalsOf(site).set({
      egresses: [
        { key: 'k2', description: 'd', configured: [{ domain: tp.url, type: ['FETCH_BACKEND_SIDE'] }] },
      ],
    });
    await attempt(); // The service answers (401 without credentials): the request got out.
    expect(tp.state.received.map((r) => r.path)).toEqual(['/hooks/issue-transitioned']);
  });
});

describe("the stand-in for Forge's customer-managed egress store", () => {
  const group = (key: string, domain = `https://${key}.example.com`) => ({
    key,
    description: `Group ${key}`,
    configured: [{ domain, type: ['FETCH_BACKEND_SIDE'] }],
  });

  it('keeps at most 10 groups of at most 10 domains, with known types, unique keys and valid URLs', () => {
    const forge = new EgressApprovals();
    forge.set({ egresses: Array.from({ length: 10 }, (_, i) => group(`g${i}`)) });
    const refusal = (payload: unknown) => {
      try {
        forge.set(payload);
      } catch (error) {
        return error instanceof EgressBridgeError ? [error.status, error.message] : error;
      }
      return 'accepted';
    };
    expect(refusal({ egresses: [group('g10')] })).toEqual([400, 'at most 10 egress groups per installation']);
    forge.deleteGroup({ key: 'g9' });
    expect(refusal({ egresses: [group('g0', 'https://other.example.com')] })).toEqual([
      422,
      'egress group g0 exists already',
    ]);
    expect(refusal({ egresses: [group('dup', 'https://g1.example.com')] })).toEqual([
      422,
      'https://g1.example.com is configured for FETCH_BACKEND_SIDE already',
    ]);
    const many = {
      ...group('many'),
      configured: Array.from({ length: 11 }, (_, i) => ({
        domain: `https://d${i}.example.com`,
        type: ['FETCH_BACKEND_SIDE'],
      })),
    };
    expect(refusal({ egresses: [many] })).toEqual([400, 'egress group many has more than 10 domains']);
    expect(
      refusal({
        egresses: [{ ...group('t'), configured: [{ domain: 'https://t.example.com', type: ['TELEPORT'] }] }],
      }),
    ).toEqual([400, 'egress group t: unknown egress type TELEPORT']);
    expect(refusal({ egresses: [group('bad', 'not a url')] })).toEqual([
      422,
      'egress group bad: invalid domain not a url',
    ]);
    expect(forge.get().results).toHaveLength(9);
  });

  it('deletes one domain and type, or a whole group; deleting what is not there succeeds', () => {
    const forge = new EgressApprovals();
    forge.set({ egresses: [group('a')] });
    expect(forge.allowsBackendFetch('https://a.example.com/x?y')).toBe(true);
    forge.deleteDomain({ key: 'a', domain: 'https://a.example.com', type: 'FETCH_BACKEND_SIDE' });
    expect(forge.allowsBackendFetch('https://a.example.com/x')).toBe(false);
    forge.deleteGroup({ key: 'a' });
    forge.deleteGroup({ key: 'never-there' });
    expect(forge.get()).toEqual({ results: [] });
  });
});
