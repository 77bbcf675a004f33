import { english, render, type Text } from '../../src/access/texts';
import { catalogueTranslate } from '../support/envelope';
import {
  buildPostFunctionEvent,
  callResolver,
  isInvocationError,
  runPlatformRetry,
  runPostFunction,
} from '../harness';
import { validatorConfigResolver } from '../../src/rules/validator-config';
import { createIssuePostFunction } from '../../src/rules/create-issue';
import { CreateIssueConfig } from '../../src/rules/create-issue/configuration';
import { CREATED_PROPERTY } from '../../src/rules/create-issue/plan';
import { auditEntries } from '../support/audit';
import { seedIssueCreation, seedTeamManagedSite } from '../support/seed';
import type { JiraSite } from '../emulator';

const TASK = (site: JiraSite) => site.issueTypes.get('Task')!.id;
const SUBTASK = (site: JiraSite) => site.issueTypes.get('Subtask')!.id;

/** A linked Task in SUP copying Severity and labels, "SUP-n blocks OPS-1". */
const linkedTask = (site: JiraSite) => ({
  kind: 'issue',
  projectId: '20000',
  projectName: 'Support',
  issueTypeId: TASK(site),
  issueTypeName: 'Task',
  summary: 'Follow up {{issue.key}}: {{issue.summary}}',
  copyFields: ['customfield_10050', 'labels'],
  linkBack: { linkType: 'Blocks', direction: 'outward' },
});

function setup(configuration: (site: JiraSite) => Record<string, unknown>, atlassianId = 'dev') {
  const { site, kvs } = seedIssueCreation();
  const event = buildPostFunctionEvent(site, {
    issueKey: 'OPS-1',
    transitionId: '21',
    atlassianId,
    configuration: JSON.stringify(configuration(site)),
    postFunctionId: 'pf-create',
  });
  return { site, kvs, event, opts: { site, kvs } };
}

const createdIn = (site: JiraSite, projectKey: string) =>
  [...site.issues.values()].filter((i) => i.projectKey === projectKey && i.properties.has(CREATED_PROPERTY));

describe('Create issue post-function', () => {
  it('creates a linked issue in another project as the app, with the summary, copied fields and the mark', async () => {
    const { site, kvs, event, opts } = setup(linkedTask);
    await runPostFunction(createIssuePostFunction, event, opts);
    const [created, ...more] = createdIn(site, 'SUP');
    expect(more).toEqual([]);
    const snapshot = site.issue(created!.key);
    expect(snapshot).toMatchObject({
      summary: 'Follow up OPS-1: Rotate the certificates',
      issueType: 'Task',
      reporter: site.appBot.accountId,
      fields: { customfield_10050: 'High', labels: ['cert'] },
      properties: { [CREATED_PROPERTY]: { source: 'OPS-1' } },
    });
    expect(site.links).toEqual([
      expect.objectContaining({ type: 'Blocks', outwardKey: created!.key, inwardKey: 'OPS-1' }),
    ]);
    expect(auditEntries(kvs)[0]).toMatchObject({
      rule: 'create-issue',
      actor: { kind: 'app' },
      outcome: 'applied',
      summary: `Created ${created!.key} and linked it to OPS-1 (Blocks)`,
      otherProjectKeys: ['SUP'],
    });
  });

  it('creates a sub-task as the transitioning user, who is its reporter', async () => {
    const { site, kvs, event, opts } = setup((s) => ({
      kind: 'sub-task',
      issueTypeId: SUBTASK(s),
      issueTypeName: 'Subtask',
      summary: 'Check {{issue.key}} after {{transition.name}}',
      actor: 'transitioning-user',
    }));
    await runPostFunction(createIssuePostFunction, event, opts);
    const [created] = createdIn(site, 'OPS');
    expect(site.issue(created!.key)).toMatchObject({
      parentKey: 'OPS-1',
      reporter: 'dev',
      summary: 'Check OPS-1 after Done',
    });
    expect(auditEntries(kvs)[0]).toMatchObject({ actor: { kind: 'impersonated' }, outcome: 'applied' });
  });

  it('fails by default when the user may not create issues, naming the permission, and creates nothing', async () => {
    const { site, kvs, event, opts } = setup(
      (s) => ({
        ...linkedTask(s),
        projectId: undefined,
        kind: 'sub-task',
        issueTypeId: SUBTASK(s),
        linkBack: undefined,
        copyFields: [],
        actor: 'transitioning-user',
      }),
      'viewer',
    );
    await runPostFunction(createIssuePostFunction, event, opts);
    expect(createdIn(site, 'OPS')).toEqual([]);
    expect(auditEntries(kvs)[0]).toMatchObject({
      outcome: 'failed',
      error: { code: 'MISSING_PERMISSION', message: expect.stringContaining('"Create issues"') },
    });
  });

  it('acts as the app when the fallback allows it, and records the fallback', async () => {
    const { site, kvs, event, opts } = setup(
      (s) => ({ ...linkedTask(s), actor: 'transitioning-user', fallback: 'act-as-app' }),
      'viewer',
    );
    await runPostFunction(createIssuePostFunction, event, opts);
    expect(createdIn(site, 'SUP')).toHaveLength(1);
    expect(auditEntries(kvs)[0]).toMatchObject({
      actor: { kind: 'app' },
      fallback: true,
      outcome: 'applied',
    });
  });

  it('names a required field the rule would leave empty, at run time, and creates nothing', async () => {
    const { site, kvs, event, opts } = setup((s) => ({ ...linkedTask(s), copyFields: ['labels'] }));
    await runPostFunction(createIssuePostFunction, event, opts);
    expect(createdIn(site, 'SUP')).toEqual([]);
    expect(site.calls.some((c) => c.operationId === 'createIssue')).toBe(false);
    expect(auditEntries(kvs)[0]).toMatchObject({
      outcome: 'failed',
      error: {
        code: 'INVALID_INPUT',
        message: expect.stringContaining(
          '"Severity" (customfield_10050) is required and the rule does not set it',
        ),
      },
    });
  });

  it('names a copied required field that is empty on the transitioned issue', async () => {
    const { site, kvs, event, opts } = setup(linkedTask);
    site.issues.get('OPS-1')!.fields.customfield_10050 = null;
    await runPostFunction(createIssuePostFunction, event, opts);
    expect(createdIn(site, 'SUP')).toEqual([]);
    expect(auditEntries(kvs)[0]?.error?.message).toContain(
      '"Severity" (customfield_10050) is copied but empty on OPS-1',
    );
  });

  it('creates once when the same event is delivered twice', async () => {
    const { site, kvs, event, opts } = setup(linkedTask);
    await runPostFunction(createIssuePostFunction, event, opts);
    await runPostFunction(createIssuePostFunction, event, opts);
    expect(createdIn(site, 'SUP')).toHaveLength(1);
    expect(auditEntries(kvs).map((e) => e.outcome)).toEqual(['skipped', 'applied']);
  });

  it('after a lost answer, the retry finds the issue the first delivery created and links it once', async () => {
    const { site, kvs, event, opts } = setup(linkedTask);
    site.faults.inject({ match: { operationId: 'createIssue' }, times: 1, response: { kind: 'lostAnswer' } });
    const report = await runPlatformRetry(createIssuePostFunction, event, opts);
    expect(report.deliveries.length).toBeGreaterThan(1);
    const created = createdIn(site, 'SUP');
    expect(created).toHaveLength(1);
    expect(site.links).toHaveLength(1);
    expect(site.calls.filter((c) => c.operationId === 'createIssue')).toHaveLength(1);
    expect(auditEntries(kvs)[0]).toMatchObject({
      outcome: 'applied',
      summary: `${created[0]!.key} had already been created by an earlier delivery and linked it to OPS-1 (Blocks)`,
    });
  });

  it('after a lost answer on the link, the retry links the issue it created without creating another', async () => {
    const { site, event, opts } = setup(linkedTask);
    site.faults.inject({ match: { operationId: 'linkIssues' }, times: 1, response: { kind: 'lostAnswer' } });
    await runPlatformRetry(createIssuePostFunction, event, opts);
    expect(createdIn(site, 'SUP')).toHaveLength(1);
    expect(site.links).toHaveLength(1);
  });

  it('hands a 429 storm to the platform retry, then creates once', async () => {
    const { site, kvs, event, opts } = setup(linkedTask);
    site.faults.inject({
      match: { operationId: 'createIssue' },
      times: 2,
      response: { kind: 'rateLimit', reason: 'jira-burst-based', retryAfterSeconds: 60 },
    });
    const report = await runPlatformRetry(createIssuePostFunction, event, opts);
    expect(report.deliveries.map((d) => isInvocationError(d.result))).toEqual([true, true, false]);
    expect(createdIn(site, 'SUP')).toHaveLength(1);
    expect(auditEntries(kvs).map((e) => e.outcome)).toEqual(['applied', 'retrying', 'retrying']);
  });

  it('creates a linked story in a team-managed project', async () => {
    const { site, kvs } = seedTeamManagedSite();
    site.grant('CREATE_ISSUES', { accountId: 'dev', projectKey: 'OPS' });
    site.grant('LINK_ISSUES', { accountId: 'dev', projectKey: 'OPS' });
    const event = buildPostFunctionEvent(site, {
      issueKey: 'OPS-3',
      transitionId: '21',
      atlassianId: 'dev',
      configuration: JSON.stringify({
        kind: 'issue',
        projectId: site.requireProject('OPS').id,
        issueTypeId: site.issueTypes.get('Task')!.id,
        summary: 'Retro for {{issue.key}}',
        linkBack: { linkType: 'Relates', direction: 'inward' },
        actor: 'transitioning-user',
      }),
      postFunctionId: 'pf-create',
    });
    await runPostFunction(createIssuePostFunction, event, { site, kvs });
    const [created] = createdIn(site, 'OPS');
    expect(site.issue(created!.key)).toMatchObject({ summary: 'Retro for OPS-3', reporter: 'dev' });
    expect(site.links).toContainEqual(
      expect.objectContaining({ type: 'Relates', outwardKey: 'OPS-3', inwardKey: created!.key }),
    );
  });
});

describe('Create issue configuration', () => {
  const base = { issueTypeId: '10001', summary: 'x' };
  const errors = (value: unknown) => {
    const parsed = CreateIssueConfig.safeParse(value);
    return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('names each mistake by its field', () => {
    expect(errors({ ...base, kind: 'issue' })).toEqual([
      'projectId: pick the project to create the issue in',
    ]);
    expect(errors({ ...base, kind: 'sub-task', projectId: '1' })).toEqual([
      'projectId: a sub-task is created in the project of the transitioned issue',
    ]);
    expect(errors({ ...base, kind: 'sub-task', summary: 'About {{issue.reporter}}' })).toEqual([
      'summary: unknown placeholder {{issue.reporter}}; use {{issue.key}}, {{issue.summary}}, {{transition.name}}',
    ]);
    expect(errors({ ...base, kind: 'sub-task', copyFields: ['summary', 'labels', 'labels'] })).toEqual([
      'copyFields.0: summary is set by the rule itself',
      'copyFields.2: labels is copied twice',
    ]);
    expect(errors({ ...base, kind: 'sub-task', issueTypeId: 'Task' })).toEqual([
      'issueTypeId: pick it from the list',
    ]);
  });
});

describe('Create issue configuration screen, through the configuration resolver', () => {
  const ask = async (functionKey: string, payload: unknown) => {
    const { site, kvs } = seedIssueCreation();
    const answer = (await callResolver(
      validatorConfigResolver,
      functionKey,
      payload,
      { accountId: 'dev', moduleKey: 'create-issue', extension: { type: 'jira:workflowPostFunction' } },
      { site, kvs },
    )) as { ok: boolean; data?: unknown; error?: { message: string } };
    return { answer, site };
  };
  const check = (copyFields: string[]) =>
    ask('checkCreateIssue', {
      projectId: '20000',
      projectName: 'Support (SUP)',
      issueTypeId: seedIssueCreation().site.issueTypes.get('Task')!.id,
      issueTypeName: 'Task',
      copyFields,
    });

  it('names a required field the rule leaves empty when the rule is saved, as the configuring user', async () => {
    const { answer, site } = await check(['labels']);
    expect(answer.data).toEqual({
      ok: false,
      fields: ['customfield_10050'],
      message:
        'Jira requires more to create a Task in Support (SUP): "Severity" (customfield_10050) is required and the rule does not set it. Copy the field from the transitioned issue, or ask a Jira admin to give it a default value or make it optional.',
      text: expect.any(Object),
    });
    // The screen says the same in its viewer's language.
    const said = answer.data as { message: string; text: Text };
    expect(render(english, [said.text])).toBe(said.message);
    expect(render(catalogueTranslate('fr-FR'), [said.text])).toBe(
      'Pour créer un ticket de type « Task » dans Support (SUP), Jira exige davantage : « Severity » (customfield_10050) est obligatoire et la règle ne le renseigne pas. Copiez le champ depuis le ticket de la transition, ou demandez à un administrateur Jira de lui donner une valeur par défaut ou de le rendre facultatif.',
    );
    expect(site.calls.map((c) => `${c.identity.kind} ${c.operationId}`)).toEqual([
      'user getCreateIssueMetaIssueTypeId',
    ]);
  });

  it('accepts the configuration once the field is copied', async () => {
    expect((await check(['customfield_10050'])).answer.data).toEqual({ ok: true });
  });

  it('lists the projects the user may create issues in, by name', async () => {
    const { answer } = await ask('listCreatableProjects', {});
    expect(answer.data).toEqual([
      { id: expect.any(String), key: 'OPS', name: 'Operations' },
      { id: '20000', key: 'SUP', name: 'Support' },
    ]);
  });
});
