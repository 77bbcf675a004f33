import { buildPostFunctionEvent, isInvocationError, runPlatformRetry, runPostFunction } from '../harness';
import { linkIssuesPostFunction } from '../../src/rules/link-issues';
import { LinkIssuesConfig } from '../../src/rules/link-issues/configuration';
import { keysInField } from '../../src/rules/link-issues/plan';
import { auditEntries } from '../support/audit';
import { seedIssueCreation, seedTeamManagedSite } from '../support/seed';
import type { JiraSite } from '../emulator';

/** Links OPS-1 to the other open issues of OPS: "OPS-1 blocks OPS-5". */
const BY_JQL = { source: 'jql', jql: 'project = OPS AND statusCategory != Done', linkType: 'Blocks' };

function setup(configuration: Record<string, unknown>, atlassianId = 'dev') {
  const { site, kvs } = seedIssueCreation();
  const event = buildPostFunctionEvent(site, {
    issueKey: 'OPS-1',
    transitionId: '21',
    atlassianId,
    configuration: JSON.stringify(configuration),
    postFunctionId: 'pf-link',
  });
  return { site, kvs, event, opts: { site, kvs } };
}

const links = (site: JiraSite) => site.links.map((l) => `${l.outwardKey} ${l.type} ${l.inwardKey}`);

describe('Link issues post-function', () => {
  it('links the issues a JQL query finds, never the issue itself, as the app', async () => {
    const { site, kvs, event, opts } = setup(BY_JQL);
    await runPostFunction(linkIssuesPostFunction, event, opts);
    expect(links(site)).toEqual(['OPS-1 Blocks OPS-5']);
    expect(auditEntries(kvs)[0]).toMatchObject({
      rule: 'link-issues',
      actor: { kind: 'app' },
      outcome: 'applied',
      summary: 'Linked OPS-1 to OPS-5 (Blocks)',
    });
  });

  it('links the issues a field names, inward, as the transitioning user', async () => {
    const { site, kvs, event, opts } = setup({
      source: 'field',
      fieldId: 'customfield_10060',
      fieldName: 'Related tickets',
      linkType: 'Relates',
      direction: 'inward',
      actor: 'transitioning-user',
    });
    site.addField({ id: 'customfield_10060', name: 'Related tickets', type: 'string' });
    site.issues.get('OPS-1')!.fields.customfield_10060 = 'See ops-5 and OPS-6, not OPS-1';
    await runPostFunction(linkIssuesPostFunction, event, opts);
    expect(links(site)).toEqual(['OPS-5 Relates OPS-1', 'OPS-6 Relates OPS-1']);
    expect(auditEntries(kvs)[0]).toMatchObject({ actor: { kind: 'impersonated' }, outcome: 'applied' });
  });

  it('links only what the user can see when it acts as them', async () => {
    const { site, event, opts } = setup({
      ...BY_JQL,
      jql: 'project in (OPS, SUP)',
      actor: 'transitioning-user',
    });
    site.addIssue({ key: 'SUP-1', projectKey: 'SUP', summary: 'Hidden from dev' });
    site.revoke('BROWSE_PROJECTS', { accountId: 'dev', projectKey: 'SUP' });
    await runPostFunction(linkIssuesPostFunction, event, opts);
    expect(links(site)).toEqual(['OPS-1 Blocks OPS-5', 'OPS-1 Blocks OPS-6']);
  });

  it('fails by default when the user may not link issues, naming the permission', async () => {
    const { site, kvs, event, opts } = setup({ ...BY_JQL, actor: 'transitioning-user' }, 'viewer');
    await runPostFunction(linkIssuesPostFunction, event, opts);
    expect(links(site)).toEqual([]);
    expect(auditEntries(kvs)[0]).toMatchObject({
      outcome: 'failed',
      error: { code: 'MISSING_PERMISSION', message: expect.stringContaining('"Link issues"') },
    });
  });

  it('acts as the app when the fallback allows it, and records the fallback', async () => {
    const { site, kvs, event, opts } = setup(
      { ...BY_JQL, actor: 'transitioning-user', fallback: 'act-as-app' },
      'viewer',
    );
    await runPostFunction(linkIssuesPostFunction, event, opts);
    expect(links(site)).toEqual(['OPS-1 Blocks OPS-5']);
    expect(auditEntries(kvs)[0]).toMatchObject({ actor: { kind: 'app' }, fallback: true });
  });

  it('skips, saying why, when nothing is found', async () => {
    const { kvs, event, opts } = setup({ ...BY_JQL, jql: 'labels = nothing' });
    await runPostFunction(linkIssuesPostFunction, event, opts);
    expect(auditEntries(kvs)[0]).toMatchObject({
      outcome: 'skipped',
      summary: 'The JQL found no issue to link',
    });
  });

  it('links once when the same event is delivered twice', async () => {
    const { site, event, opts } = setup(BY_JQL);
    await runPostFunction(linkIssuesPostFunction, event, opts);
    await runPostFunction(linkIssuesPostFunction, event, opts);
    expect(links(site)).toEqual(['OPS-1 Blocks OPS-5']);
  });

  it('after a lost answer, the retry links again without doubling the link', async () => {
    const { site, kvs, event, opts } = setup({ ...BY_JQL, jql: 'project = OPS' });
    site.faults.inject({
      match: { operationId: 'linkIssues' },
      after: 1,
      times: 1,
      response: { kind: 'lostAnswer' },
    });
    const report = await runPlatformRetry(linkIssuesPostFunction, event, opts);
    expect(report.deliveries.length).toBeGreaterThan(1);
    expect(links(site)).toEqual(['OPS-1 Blocks OPS-5', 'OPS-1 Blocks OPS-6']);
    expect(auditEntries(kvs)[0]).toMatchObject({ outcome: 'applied' });
  });

  it('hands a 429 storm to the platform retry, then links once', async () => {
    const { site, kvs, event, opts } = setup(BY_JQL);
    site.faults.inject({
      match: { operationId: 'linkIssues' },
      times: 2,
      response: { kind: 'rateLimit', reason: 'jira-per-issue-on-write', retryAfterSeconds: 60 },
    });
    const report = await runPlatformRetry(linkIssuesPostFunction, event, opts);
    expect(report.deliveries.map((d) => isInvocationError(d.result))).toEqual([true, true, false]);
    expect(links(site)).toEqual(['OPS-1 Blocks OPS-5']);
    expect(auditEntries(kvs).map((e) => e.outcome)).toEqual(['applied', 'retrying', 'retrying']);
  });

  it('links in a team-managed project', async () => {
    const { site, kvs } = seedTeamManagedSite();
    site.grant('LINK_ISSUES', { accountId: 'dev', projectKey: 'OPS' });
    const event = buildPostFunctionEvent(site, {
      issueKey: 'OPS-3',
      transitionId: '21',
      atlassianId: 'dev',
      configuration: JSON.stringify({ ...BY_JQL, jql: 'parent = OPS-10', actor: 'transitioning-user' }),
      postFunctionId: 'pf-link',
    });
    await runPostFunction(linkIssuesPostFunction, event, { site, kvs });
    expect(links(site)).toEqual(['OPS-3 Blocks OPS-1']);
  });
});

describe('Link issues configuration and plan', () => {
  it('asks for the JQL or the field its source needs', () => {
    const issues = (value: unknown) => {
      const parsed = LinkIssuesConfig.safeParse(value);
      return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(issues({ source: 'jql', linkType: 'Blocks' })).toEqual([
      'jql: write the JQL that finds the issues to link',
    ]);
    expect(issues({ source: 'field', linkType: '' })).toEqual([
      'linkType: pick a link type',
      'fieldId: pick the field that names the issues',
    ]);
  });

  it('reads keys from issue pickers, lists and documents', () => {
    expect(keysInField({ key: 'OPS-2' }, 'OPS-1')).toEqual(['OPS-2']);
    expect(keysInField([{ key: 'OPS-2' }, { key: 'OPS-1' }], 'OPS-1')).toEqual(['OPS-2']);
    expect(
      keysInField(
        {
          type: 'doc',
          content: [{ type: 'paragraph', content: [{ type: 'text', text: 'see ops-3, OPS-3' }] }],
        },
        'OPS-1',
      ),
    ).toEqual(['OPS-3']);
    expect(keysInField(null, 'OPS-1')).toEqual([]);
  });
});
