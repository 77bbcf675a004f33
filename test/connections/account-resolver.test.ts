import { checkedTexts } from '../support/envelope';
import { NeedsAuthenticationError } from '@forge/api';
import { callResolver, type ResolverHandler } from '../harness';
import { accountsResolver } from '../../src/connections/account-resolver';
import { startThirdParty, type ThirdParty } from '../third-party';
import { seedSite } from '../support/seed';
import { forgeTokenService } from './support';

const resolver: ResolverHandler = accountsResolver;

describe('connected accounts resolver', () => {
  let tp: ThirdParty;
  beforeAll(async () => {
    tp = await startThirdParty();
  });
  afterAll(() => tp.close());

  it("lists the user's own account at each provider", async () => {
    const { site, kvs } = seedSite();
    const { provider } = forgeTokenService(tp);
    const opts = { site, kvs, externalAuth: [provider] };
    expect(await callResolver(resolver, 'listAccounts', {}, { accountId: 'dev' }, opts)).toEqual({
      ok: true,
      data: [
        { provider: 'notify-account', name: 'notification service', connected: true, displayName: 'alice' },
      ],
    });
    expect(
      await callResolver(
        resolver,
        'listAccounts',
        {},
        { accountId: 'dev' },
        { ...opts, externalAuth: [{ ...provider, accounts: [] }] },
      ),
    ).toEqual({
      ok: true,
      data: [{ provider: 'notify-account', name: 'notification service', connected: false }],
    });
  });

  it("lets Forge's consent request through to the page, and refuses unknown providers and anonymous callers", async () => {
    const { site, kvs } = seedSite();
    const opts = { site, kvs, externalAuth: [{ ...forgeTokenService(tp).provider, accounts: [] }] };
    await expect(
      callResolver(resolver, 'connectAccount', { provider: 'notify-account' }, { accountId: 'dev' }, opts),
    ).rejects.toBeInstanceOf(NeedsAuthenticationError);
    expect(
      checkedTexts(
        await callResolver(resolver, 'connectAccount', { provider: 'github' }, { accountId: 'dev' }, opts),
      ),
    ).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: 'Invalid request: provider: "github" is not one Workflow Guard uses.',
      },
    });
    expect(await callResolver(resolver, 'listAccounts', {}, {}, opts)).toMatchObject({
      ok: false,
      error: { code: 'NEEDS_AUTHENTICATION' },
    });
  });
});
