import { english, render, type Translate } from '../../src/access/texts';
import { catalogueTranslate } from '../support/envelope';
import {
  buildPostFunctionEvent,
  callResolver,
  runPostFunction,
  type MemoryKvs,
  type ResolverHandler,
} from '../harness';
import { commentPostFunction } from '../../src/rules/comment';
import { createIssuePostFunction } from '../../src/rules/create-issue';
import { setFieldsPostFunction } from '../../src/rules/set-fields';
import { validatorConfigResolver } from '../../src/rules/validator-config';
import type { TemplateFieldsCheck } from '../../src/shared/field-templates';
import { auditEntries } from '../support/audit';
import { seedIssueCreation, seedSite, seedTeamManagedSite } from '../support/seed';
import type { JiraSite } from '../emulator';

type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

/** OPS-7 with a value in every kind of field a template shows (and one left empty). */
function seedFieldValues(site: JiraSite): void {
  site.addUser({ accountId: 'sam', displayName: 'Sam Support' });
  site.addGroup('support');
  const fields: Array<[string, string, string, string?]> = [
    ['customfield_10100', 'Story Points', 'number'],
    ['customfield_10101', 'Severity', 'option'],
    ['customfield_10102', 'Platforms', 'array', 'option'],
    ['customfield_10103', 'Customer', 'string'],
    ['customfield_10104', 'Approver', 'user'],
    ['customfield_10105', 'Reviewers', 'array', 'user'],
    ['customfield_10106', 'Owning group', 'group'],
    ['customfield_10107', 'Launch day', 'date'],
    ['customfield_10108', 'Change window', 'datetime'],
    ['customfield_10109', 'Tags', 'array', 'string'],
    ['customfield_10110', 'Notes', 'string'],
    ['customfield_10111', 'Informed groups', 'array', 'group'],
  ];
  for (const [id, name, type, items] of fields)
    site.addField({ id, name, type, ...(items ? { items } : {}) });
  site.addIssue({
    key: 'OPS-7',
    projectKey: 'OPS',
    summary: 'Renew the TLS certificate',
    assignee: 'dev',
    reporter: 'sam',
    fields: {
      priority: 'High',
      labels: ['tls', 'ops'],
      description: {
        type: 'doc',
        version: 1,
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Expires Friday' }] }],
      },
      customfield_10100: 5,
      customfield_10101: { id: '1', value: 'Major' },
      customfield_10102: [
        { id: '2', value: 'iOS' },
        { id: '3', value: 'Android' },
      ],
      customfield_10103: 'Acme *bold* <b>Corp</b> [x](https://evil.example)',
      customfield_10104: { accountId: 'sam' },
      customfield_10105: [{ accountId: 'dev' }, { accountId: 'sam' }],
      customfield_10106: { name: 'support' },
      customfield_10107: '2026-12-24',
      customfield_10108: '2026-12-24T18:30:00.000+0200',
      customfield_10109: ['blue', 'green'],
      customfield_10110: null,
      customfield_10111: [{ name: 'support' }, { name: 'ops' }],
    },
  });
}

const handler = validatorConfigResolver as unknown as ResolverHandler;

/** The save-time lookup, through the configuration screens' resolver, as the admin `dev`. */
async function lookUp(
  site: JiraSite,
  kvs: MemoryKvs,
  templates: Array<{ path: string; text: string }>,
): Promise<TemplateFieldsCheck> {
  const answer = (await callResolver(
    handler,
    'checkTemplateFields',
    { templates },
    { accountId: 'dev', moduleKey: 'comment', extension: { type: 'jira:workflowPostFunction' } },
    { site, kvs },
  )) as Envelope<TemplateFieldsCheck>;
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.data;
}

async function resolved(site: JiraSite, kvs: MemoryKvs, template: string) {
  const check = await lookUp(site, kvs, [{ path: 'template', text: template }]);
  if (!check.ok) throw new Error(JSON.stringify(check.errors));
  return check.fields;
}

async function comment(
  template: string,
  more: Record<string, unknown> = {},
  seeded = seedSite(),
  issueKey = 'OPS-7',
) {
  const { site, kvs } = seeded;
  if (!site.issues.has('OPS-7')) seedFieldValues(site);
  const templateFields = await resolved(site, kvs, template);
  const before = site.calls.length;
  const event = buildPostFunctionEvent(site, {
    issueKey,
    transitionId: '11',
    atlassianId: 'dev',
    configuration: JSON.stringify({ template, templateFields, ...more }),
    postFunctionId: 'pf-comment',
  });
  await runPostFunction(commentPostFunction, event, { site, kvs });
  const calls = site.calls.slice(before).map((c) => [c.identity.kind, c.operationId]);
  return { site, kvs, calls, comments: site.issue(issueKey).comments, templateFields };
}

describe('field values in templates (issue 18, point 5)', () => {
  it('shows every kind of field it supports, read in one Jira evaluation as the acting identity', async () => {
    const { comments, calls, site, templateFields } = await comment(
      [
        'P={{field:Priority}} S={{field:Status}} T={{field:Issue Type}} J={{field:Project}}',
        'A={{field:Assignee}} R={{field:reporter}} L={{field:Labels}} D={{field:Description}}',
        'SP={{field:Story Points}} Sev={{field:severity}} Pl={{field:Platforms}} Ap={{field:Approver}}',
        'Rv={{field:Reviewers}} G={{field:Owning group}} Gs={{field:Informed groups}} Tg={{field:Tags}}',
        'Day={{field:Launch day}} Win={{field:Change window}} N={{field:Notes}} K={{issue.key}}',
      ].join('\n'),
    );
    expect(comments.map((c) => c.text)).toEqual([
      'P=High S=To Do T=Task J=Operations A=Dana Developer R=Sam Support L=tls, ops D=Expires Friday ' +
        'SP=5 Sev=Major Pl=iOS, Android Ap=Sam Support Rv=Dana Developer, Sam Support G=support ' +
        'Gs=support, ops Tg=blue, green Day=2026-12-24 Win=2026-12-24 16:30 UTC N=(none) K=OPS-7',
    ]);
    // Resolved at save with ids and kinds; names keep how the template writes them.
    expect(templateFields).toEqual(
      expect.arrayContaining([
        { name: 'reporter', id: 'reporter', kind: 'user' },
        { name: 'severity', id: 'customfield_10101', kind: 'option' },
        { name: 'Change window', id: 'customfield_10108', kind: 'datetime' },
      ]),
    );
    expect(calls).toEqual([
      ['app', 'evaluateJSISJiraExpression'],
      ['app', 'addComment'],
    ]);
    expect(site.contractViolations).toEqual([]);
  });

  it('keeps markup in a value as text: one text node, no link, no mark', async () => {
    const { comments } = await comment('Customer: {{field:Customer}}');
    const paragraph = comments[0]?.body.content[0] as { content: Array<Record<string, unknown>> };
    expect(paragraph.content).toEqual([
      { type: 'text', text: 'Customer: ' },
      { type: 'text', text: 'Acme *bold* <b>Corp</b> [x](https://evil.example)' },
    ]);
  });

  it('evaluates as the transitioning user when the rule acts as them, and folds "Only if" into the same call', async () => {
    const { comments, calls } = await comment('Severity {{field:Severity}}', {
      actor: 'transitioning-user',
      onlyIf: 'issue.priority.name == "High"',
    });
    expect(comments.map((c) => c.text)).toEqual(['Severity Major']);
    expect(calls).toEqual([
      ['impersonated', 'evaluateJSISJiraExpression'],
      ['impersonated', 'addComment'],
    ]);
  });

  it('a false "Only if" skips as before, in the one evaluation, and reads no field value', async () => {
    const { comments, calls, kvs } = await comment('Severity {{field:Severity}}', {
      onlyIf: 'issue.priority.name == "Low"',
    });
    expect(comments).toEqual([]);
    expect(calls).toEqual([['app', 'evaluateJSISJiraExpression']]);
    const [entry] = auditEntries(kvs);
    expect(entry).toMatchObject({
      outcome: 'skipped',
      summary: expect.stringContaining('was false for OPS-7'),
    });
  });

  it('an "Only if" with statements of its own is evaluated first, then the values (two calls)', async () => {
    const { comments, calls } = await comment('Points {{field:Story Points}}', {
      onlyIf: 'let p = issue.priority; p != null',
    });
    expect(comments.map((c) => c.text)).toEqual(['Points 5']);
    expect(calls.map(([, op]) => op)).toEqual([
      'evaluateJSISJiraExpression',
      'evaluateJSISJiraExpression',
      'addComment',
    ]);
  });

  it('puts a value on one line in a summary, newlines removed and cut at 255 characters', async () => {
    const seeded = seedIssueCreation();
    const { site, kvs } = seeded;
    site.addField({ id: 'customfield_10103', name: 'Customer', type: 'string' });
    site.issues.get('OPS-1')!.fields.customfield_10103 = `Acme\nCorp ${'x'.repeat(300)}`;
    const summary = 'For {{field:Customer}}';
    const check = await lookUp(site, kvs, [{ path: 'summary', text: summary }]);
    if (!check.ok) throw new Error('not resolved');
    const event = buildPostFunctionEvent(site, {
      issueKey: 'OPS-1',
      transitionId: '21',
      atlassianId: 'dev',
      configuration: JSON.stringify({
        kind: 'issue',
        projectId: '20000',
        projectName: 'Support',
        issueTypeId: site.issueTypes.get('Task')!.id,
        summary,
        copyFields: ['customfield_10050'],
        templateFields: check.fields,
      }),
      postFunctionId: 'pf-create',
    });
    const before = site.calls.length;
    await runPostFunction(createIssuePostFunction, event, { site, kvs });
    const created = [...site.issues.values()].find((i) => i.projectKey === 'SUP');
    expect(created?.summary.startsWith('For Acme Corp xxx')).toBe(true);
    expect(created?.summary).toHaveLength(255);
    expect(created?.summary).not.toContain('\n');
    expect(
      site.calls.slice(before).filter((c) => c.operationId === 'evaluateJSISJiraExpression'),
    ).toHaveLength(1);
  });

  it('reads the values of an issue in a team-managed project', async () => {
    const seeded = seedTeamManagedSite();
    seeded.site.addField({ id: 'customfield_10200', name: 'Story point estimate', type: 'number' });
    seeded.site.issues.get('OPS-3')!.fields.customfield_10200 = 3;
    seeded.site.issues.get('OPS-3')!.fields.labels = ['launch'];
    const { site, kvs } = seeded;
    const template = '{{field:Story point estimate}} points, {{field:Labels}}';
    const templateFields = await resolved(site, kvs, template);
    const event = buildPostFunctionEvent(site, {
      issueKey: 'OPS-3',
      transitionId: '11',
      atlassianId: 'dev',
      configuration: JSON.stringify({ template, templateFields, actor: 'transitioning-user' }),
    });
    await runPostFunction(commentPostFunction, event, { site, kvs });
    expect(site.issue('OPS-3').comments.map((c) => c.text)).toEqual(['3 points, launch']);
  });

  it('refuses at save, beside the template: an unknown name, a shared name (naming the ids), a field it cannot show', async () => {
    const { site, kvs } = seedSite();
    site.addField({ id: 'customfield_10300', name: 'Team', type: 'string' });
    site.addField({ id: 'customfield_10301', name: 'Team', type: 'number' });
    const check = await lookUp(site, kvs, [
      { path: 'template', text: 'A {{field:Sevrity}} B {{field:Team}}' },
      { path: 'summary', text: 'Parent {{field:Parent}}' },
      { path: 'operations.0.value', text: 'fine {{field:customfield_10301}}' },
    ]);
    expect(check).toEqual({
      ok: false,
      errors: {
        template:
          'Jira has no field named "Sevrity" that you can see: check the spelling, or pick the field from the list; ' +
          '2 fields are named "Team" (customfield_10300, customfield_10301): write {{field:customfield_10300}} or ' +
          '{{field:customfield_10301}} to choose one.',
        summary: expect.stringContaining('"Parent" (parent) is a kind of field a template cannot show'),
      },
      errorTexts: { template: expect.any(Object), summary: expect.any(Object) },
    });
    // The texts a screen says in its viewer's language: in English, the same words; in French, French.
    if (check.ok) return;
    const inLanguage = (translate: Translate) =>
      Object.fromEntries(
        Object.entries(check.errorTexts).map(([path, said]) => [path, render(translate, [said])]),
      );
    expect(inLanguage(english)).toEqual(check.errors);
    expect(inLanguage(catalogueTranslate('fr-FR')).template).toBe(
      "Jira n'a aucun champ nommé « Sevrity » visible pour vous : vérifiez l'orthographe, ou choisissez le champ dans la liste ; " +
        "2 champs s'appellent « Team » (customfield_10300, customfield_10301) : écrivez {{field:customfield_10300}} ou " +
        '{{field:customfield_10301}} pour en choisir un.',
    );
    // One read of the field list, as the admin.
    expect(site.calls.map((c) => [c.identity.kind, c.operationId])).toEqual([['user', 'getFields']]);
  });

  it('fails visibly, and comments nothing, when a template names a field the saved rule did not resolve', async () => {
    const seeded = seedSite();
    seedFieldValues(seeded.site);
    const { site, kvs } = seeded;
    const event = buildPostFunctionEvent(site, {
      issueKey: 'OPS-7',
      transitionId: '11',
      atlassianId: 'dev',
      configuration: JSON.stringify({ template: 'Points {{field:Story Points}}' }),
    });
    await runPostFunction(commentPostFunction, event, { site, kvs });
    expect(site.issue('OPS-7').comments).toEqual([]);
    const [entry] = auditEntries(kvs);
    expect(entry?.outcome).toBe('failed');
    expect(entry?.error?.message).toContain('names {{field:Story Points}}, which was not looked up');
  });

  it('Set fields writes values shown by field, as each target takes them: one line, labels word by word', async () => {
    const seeded = seedSite();
    seedFieldValues(seeded.site);
    const { site, kvs } = seeded;
    site.issues.get('OPS-7')!.fields.customfield_10103 = 'Acme\nCorp';
    const operations = [
      {
        op: 'set',
        field: 'summary',
        value: '{{field:Customer}}: {{field:Severity}} ({{field:Story Points}})',
      },
      { op: 'set', field: 'labels', value: '{{field:Tags}}, triaged' },
      {
        op: 'set',
        field: 'customfield_10110',
        value: 'Approved by {{field:Approver}} on {{field:Launch day}}',
      },
    ];
    const check = await lookUp(
      site,
      kvs,
      operations.map((o, i) => ({ path: `operations.${i}.value`, text: o.value })),
    );
    if (!check.ok) throw new Error(JSON.stringify(check.errors));
    const before = site.calls.length;
    const event = buildPostFunctionEvent(site, {
      issueKey: 'OPS-7',
      transitionId: '11',
      atlassianId: 'dev',
      configuration: JSON.stringify({ operations, templateFields: check.fields }),
    });
    await runPostFunction(setFieldsPostFunction, event, { site, kvs });
    const issue = site.issues.get('OPS-7')!;
    expect(issue.summary).toBe('Acme Corp: Major (5)');
    expect(issue.fields.labels).toEqual(['blue', 'green', 'triaged']);
    expect(issue.fields.customfield_10110).toBe('Approved by Sam Support on 2026-12-24');
    expect(site.calls.slice(before).map((c) => c.operationId)).toEqual([
      'evaluateJSISJiraExpression',
      'editIssue',
    ]);
  });

  it('{{user}}: acting as the user, their name comes from the same evaluation (2 calls instead of 3)', async () => {
    const asUser = await comment('{{user}} set {{field:Severity}}', { actor: 'transitioning-user' });
    expect(asUser.comments.map((c) => c.text)).toEqual(['@Dana Developer set Major']);
    expect(asUser.comments[0]?.body.content[0]).toMatchObject({
      content: expect.arrayContaining([{ type: 'mention', attrs: { id: 'dev', text: '@Dana Developer' } }]),
    });
    expect(asUser.calls).toEqual([
      ['impersonated', 'evaluateJSISJiraExpression'],
      ['impersonated', 'addComment'],
    ]);
    // Only "Only if" to evaluate: the name still rides along.
    const onlyIf = await comment('{{user}} moved it', {
      actor: 'transitioning-user',
      onlyIf: 'issue.key == "OPS-7"',
    });
    expect(onlyIf.comments.map((c) => c.text)).toEqual(['@Dana Developer moved it']);
    expect(onlyIf.calls.map(([, op]) => op)).toEqual(['evaluateJSISJiraExpression', 'addComment']);
    // As the app, `user` in Jira's evaluation is the app's bot: the name is looked up as before (3 calls).
    const asApp = await comment('{{user}} set {{field:Severity}}');
    expect(asApp.comments.map((c) => c.text)).toEqual(['@Dana Developer set Major']);
    expect(asApp.calls.map(([, op]) => op)).toEqual([
      'evaluateJSISJiraExpression',
      'bulkGetUsers',
      'addComment',
    ]);
  });
});
