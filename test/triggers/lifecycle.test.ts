import type { MemoryKvs } from '../harness';
import { callResolver, runTrigger } from '../harness';
import type { JiraSite } from '../emulator';
import { adminContext, seedAdminSite, seedAudit } from '../pages/admin/admin-site';
import { auditEntries } from '../support/audit';
import { adminResolver } from '../../src/pages/admin';
import { appInstalledTrigger, appUpgradedTrigger } from '../../src';
import type { ExecutionsView } from '../../src/shared/admin-page';

type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

/** Payloads as https://developer.atlassian.com/platform/forge/events-reference/life-cycle/ shows them. */
const installed = {
  id: 'fff8e466-31f4-4c73-a337-c3309dd930dc',
  installerAccountId: 'admin',
  app: { id: '406d303d-0393-4ec4-ad7c-1435be94583a', version: '9.0.0', name: 'Workflow Guard' },
  environment: { id: '23863033-1de4-4ebf-b30d-c906264a1e92' },
};
const upgraded = {
  ...installed,
  installerAccountId: undefined,
  upgraderAccountId: 'admin',
  app: { ...installed.app, version: '10.0.0' },
};

describe('life cycle events', () => {
  let site: JiraSite;
  let kvs: MemoryKvs;
  beforeEach(() => {
    ({ site, kvs } = seedAdminSite());
  });

  it('records an installation and an upgrade, with who and which version, on the admin page', async () => {
    await runTrigger(appInstalledTrigger, installed, { site, kvs });
    await runTrigger(appUpgradedTrigger, upgraded, { site, kvs });
    // Nothing was asked of Jira: the events need no call.
    expect(site.calls).toEqual([]);
    const envelope = (await callResolver(adminResolver, 'getExecutions', {}, adminContext('admin'), {
      site,
      kvs,
    })) as Envelope<ExecutionsView>;
    if (!envelope.ok) throw new Error(envelope.error.message);
    expect(envelope.data.entries.map((e) => [e.ruleTitle, e.outcome, e.summary, e.triggeredBy])).toEqual([
      ['Installation', 'changed', 'Workflow Guard upgraded to version 10.0.0', 'admin'],
      ['Installation', 'changed', 'Workflow Guard 9.0.0 installed on this site', 'admin'],
    ]);
  });

  it('says so when data of an earlier installation is already there (recovered by Atlassian)', async () => {
    await seedAudit(site, kvs, [{ issueKey: 'OPS-1' }]);
    await runTrigger(appInstalledTrigger, installed, { site, kvs });
    expect(auditEntries(kvs)[0]?.summary).toBe(
      'Workflow Guard 9.0.0 installed on this site: data from an earlier installation is present and in use again',
    );
  });

  it('still leaves a record when the payload is not what the docs show, without copying odd values', async () => {
    await runTrigger(
      appUpgradedTrigger,
      { upgraderAccountId: 'x y<script>', app: { version: 42 } },
      { site, kvs },
    );
    expect(auditEntries(kvs)[0]).toMatchObject({ summary: 'Workflow Guard upgraded to version (not given)' });
    expect(auditEntries(kvs)[0]?.triggeredBy).toBeUndefined();
  });
});
