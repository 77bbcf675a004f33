import { buildPostFunctionEvent, isInvocationError, runPlatformRetry, runPostFunction } from '../harness';
import type { JiraSite } from '../emulator';
import { copyFieldValuesPostFunction } from '../../src/rules/copy-field-values';
import { CopyFieldValuesConfig } from '../../src/rules/copy-field-values/configuration';
import { auditEntries } from '../support/audit';
import { COPY_FIELDS, seedCopyValues, seedTeamManagedSite } from '../support/seed';

const { points, total, start, notes, digest } = COPY_FIELDS;
type Field = { id: string; name: string; type: string };
const DUE: Field = { id: 'duedate', name: 'Due date', type: 'date' };

/** A pair as the screen saves it: ids with the names and schemas the field picker gave. */
const pair = (from: Field, to: Field, aggregation = 'first', extra: Record<string, unknown> = {}) => ({
  from: from.id,
  fromName: from.name,
  fromSchema: { type: from.type },
  to: to.id,
  toName: to.name,
  toSchema: { type: to.type },
  aggregation,
  ...extra,
});
const BLOCKS = { name: 'Blocks', inward: 'is blocked by', outward: 'blocks' };

function run(
  site: JiraSite,
  kvs: Parameters<typeof runPostFunction>[2]['kvs'],
  issueKey: string,
  configuration: Record<string, unknown>,
  atlassianId = 'dev',
) {
  const event = buildPostFunctionEvent(site, {
    issueKey,
    transitionId: '21',
    atlassianId,
    configuration: JSON.stringify(configuration),
    postFunctionId: 'pf-copy',
  });
  return { event, result: runPostFunction(copyFieldValuesPostFunction, event, { site, kvs }) };
}

/** Each Jira call: who, what, and the issue it names (the search names none). */
const calls = (site: JiraSite) =>
  site.calls.map((c) =>
    c.path.startsWith('/rest/api/3/issue/')
      ? `${c.identity.kind} ${c.operationId} ${c.path.split('?')[0]?.split('/')[5] ?? ''}`
      : `${c.identity.kind} ${c.operationId}`,
  );
const edits = (site: JiraSite) =>
  site.calls
    .filter((c) => c.operationId === 'editIssue' && c.status === 204)
    .map((c) => `${c.path.split('/')[5] ?? '?'} by ${c.identity.kind}`);

describe('Copy field values: pull into the issue', () => {
  it('combines the sub-tasks with each aggregation in one search and one edit', async () => {
    const { site, kvs } = seedCopyValues();
    await run(site, kvs, 'OPS-1', {
      relation: 'sub-tasks',
      pairs: [
        pair(points, total, 'sum'),
        pair(start, DUE, 'min'),
        pair(start, start, 'max'),
        pair(notes, notes, 'join', { separator: ' / ' }),
        pair(notes, digest, 'first'),
      ],
    }).result;
    expect(site.issue('OPS-1').fields).toMatchObject({
      [total.id]: 8,
      duedate: '2026-12-01',
      [start.id]: '2026-12-03',
      [notes.id]: 'alpha / beta',
      [digest.id]: 'alpha',
    });
    expect(calls(site)).toEqual(['app searchAndReconsileIssuesUsingJqlPost', 'app editIssue OPS-1']);
    expect(auditEntries(kvs)[0]).toMatchObject({
      rule: 'copy-field-values',
      outcome: 'applied',
      summary:
        'Copied the sum of Story points into Total points, the minimum of Start date into Due date, the maximum of Start date into Start date, the joined Notes into Notes, Notes into Digest from the sub-tasks (OPS-2, OPS-3, OPS-4) into OPS-1',
    });
  });

  it('copies from the parent: two reads (only the issue names its parent) and one edit', async () => {
    const { site, kvs } = seedCopyValues();
    site.issues.get('OPS-1')!.fields[notes.id] = 'from the parent';
    await run(site, kvs, 'OPS-2', { relation: 'parent', pairs: [pair(notes, notes)] }).result;
    expect(site.issue('OPS-2').fields[notes.id]).toBe('from the parent');
    expect(calls(site)).toEqual(['app getIssue OPS-2', 'app getIssue OPS-1', 'app editIssue OPS-2']);
  });

  it('copies from issues linked with the link type, on the chosen side only', async () => {
    const { site, kvs } = seedCopyValues();
    site.addIssue({
      key: 'OPS-6',
      projectKey: 'OPS',
      summary: 'Blocked by us',
      fields: { [points.id]: 100 },
    });
    site.linkIssues('OPS-1', 'OPS-6', 'Blocks');
    await run(site, kvs, 'OPS-1', {
      relation: 'linked',
      linkType: BLOCKS,
      linkSide: 'inward',
      pairs: [pair(points, total, 'sum')],
    }).result;
    expect(site.issue('OPS-1').fields[total.id]).toBe(8);
    await run(site, kvs, 'OPS-1', {
      relation: 'linked',
      linkType: BLOCKS,
      pairs: [pair(points, total, 'max')],
    }).result;
    expect(site.issue('OPS-1').fields[total.id]).toBe(100);
  });

  it('writes nothing when the issue already holds the values, or has no such related issue', async () => {
    const { site, kvs } = seedCopyValues();
    site.issues.get('OPS-1')!.fields[total.id] = 8;
    await run(site, kvs, 'OPS-1', { relation: 'sub-tasks', pairs: [pair(points, total, 'sum')] }).result;
    await run(site, kvs, 'OPS-5', { relation: 'sub-tasks', pairs: [pair(points, total, 'sum')] }).result;
    expect(edits(site)).toEqual([]);
    expect(auditEntries(kvs).map((e) => [e.outcome, e.summary])).toEqual([
      ['skipped', 'OPS-5 has no sub-tasks: nothing to copy'],
      [
        'skipped',
        'OPS-1 already holds the sum of Story points into Total points from the sub-tasks (OPS-2, OPS-3, OPS-4)',
      ],
    ]);
  });

  it('empties the target when no source holds a value', async () => {
    const { site, kvs } = seedCopyValues();
    site.issues.get('OPS-1')!.fields[digest.id] = 'stale';
    site.issues.get('OPS-2')!.fields[notes.id] = null;
    site.issues.get('OPS-3')!.fields[notes.id] = null;
    await run(site, kvs, 'OPS-1', { relation: 'sub-tasks', pairs: [pair(notes, digest, 'join')] }).result;
    expect(site.issue('OPS-1').fields[digest.id]).toBeNull();
  });
});

describe('Copy field values: push from the issue', () => {
  it('writes into each sub-task whose values differ, one edit each', async () => {
    const { site, kvs } = seedCopyValues();
    site.issues.get('OPS-1')!.fields.duedate = '2026-12-24';
    site.issues.get('OPS-3')!.fields.duedate = '2026-12-24';
    await run(site, kvs, 'OPS-1', { direction: 'push', relation: 'sub-tasks', pairs: [pair(DUE, DUE)] })
      .result;
    expect(edits(site)).toEqual(['OPS-2 by app', 'OPS-4 by app']);
    expect(['OPS-2', 'OPS-3', 'OPS-4'].map((k) => site.issue(k).fields.duedate)).toEqual([
      '2026-12-24',
      '2026-12-24',
      '2026-12-24',
    ]);
    expect(auditEntries(kvs)[0]?.summary).toBe(
      'Copied Due date into Due date from OPS-1 into the sub-tasks: OPS-2 updated, OPS-3 already held them, OPS-4 updated',
    );
  });

  it('writes into the parent and into linked issues', async () => {
    const { site, kvs } = seedCopyValues();
    await run(site, kvs, 'OPS-2', { direction: 'push', relation: 'parent', pairs: [pair(notes, digest)] })
      .result;
    expect(site.issue('OPS-1').fields[digest.id]).toBe('alpha');
    expect(calls(site)).toEqual(['app getIssue OPS-2', 'app editIssue OPS-1']);
    site.issues.get('OPS-1')!.fields[points.id] = 13;
    await run(site, kvs, 'OPS-1', {
      direction: 'push',
      relation: 'linked',
      linkType: BLOCKS,
      pairs: [pair(points, points)],
    }).result;
    expect(site.issue('OPS-5').fields[points.id]).toBe(13);
  });

  it('refuses to write into more than 50 issues in one transition, before writing any', async () => {
    const { site, kvs } = seedCopyValues();
    site.issues.get('OPS-1')!.fields.duedate = '2026-12-24';
    for (let n = 0; n < 51; n += 1)
      site.addIssue({
        key: `OPS-${100 + n}`,
        projectKey: 'OPS',
        summary: 'Sub',
        issueType: 'Subtask',
        parentKey: 'OPS-1',
      });
    await run(site, kvs, 'OPS-1', { direction: 'push', relation: 'sub-tasks', pairs: [pair(DUE, DUE)] })
      .result;
    expect(edits(site)).toEqual([]);
    expect(auditEntries(kvs)[0]).toMatchObject({
      outcome: 'failed',
      error: {
        code: 'INVALID_INPUT',
        message: expect.stringContaining('Copy field values handles at most 50'),
      },
    });
  });
});

describe('Copy field values: who acts', () => {
  it('acts as the transitioning user when so configured: the search and the edit are theirs', async () => {
    const { site, kvs } = seedCopyValues();
    await run(site, kvs, 'OPS-1', {
      relation: 'sub-tasks',
      actor: 'transitioning-user',
      pairs: [pair(points, total, 'sum')],
    }).result;
    expect(calls(site)).toEqual([
      'impersonated searchAndReconsileIssuesUsingJqlPost',
      'impersonated editIssue OPS-1',
    ]);
    expect(auditEntries(kvs)[0]).toMatchObject({ actor: { kind: 'impersonated' }, outcome: 'applied' });
    expect(auditEntries(kvs)[0]?.fallback).toBeFalsy();
  });

  it('fails by default when the user may not edit, naming the permission, and changes nothing', async () => {
    const { site, kvs } = seedCopyValues();
    await run(
      site,
      kvs,
      'OPS-1',
      {
        relation: 'sub-tasks',
        actor: 'transitioning-user',
        pairs: [pair(points, total, 'sum')],
      },
      'viewer',
    ).result;
    expect(edits(site)).toEqual([]);
    expect(auditEntries(kvs)[0]).toMatchObject({
      outcome: 'failed',
      error: { code: 'MISSING_PERMISSION', message: expect.stringContaining('"Edit issues"') },
    });
  });

  it('falls back to the app when the policy allows it, and says why', async () => {
    const { site, kvs } = seedCopyValues();
    await run(
      site,
      kvs,
      'OPS-1',
      {
        relation: 'sub-tasks',
        actor: 'transitioning-user',
        fallback: 'act-as-app',
        pairs: [pair(points, total, 'sum')],
      },
      'viewer',
    ).result;
    expect(edits(site)).toEqual(['OPS-1 by app']);
    expect(site.issue('OPS-1').fields[total.id]).toBe(8);
    expect(auditEntries(kvs)[0]).toMatchObject({
      actor: { kind: 'app' },
      fallback: true,
      summary: expect.stringContaining('acted as the app instead of the user: the user viewer'),
    });
  });

  it('pushing as the user, falls back per issue to the app where the policy allows it', async () => {
    const { site, kvs } = seedCopyValues();
    site.issues.get('OPS-1')!.fields.duedate = '2026-12-24';
    site.revoke('EDIT_ISSUES', { accountId: 'dev', projectKey: 'OPS' });
    await run(site, kvs, 'OPS-1', {
      direction: 'push',
      relation: 'sub-tasks',
      actor: 'transitioning-user',
      fallback: 'act-as-app',
      pairs: [pair(DUE, DUE)],
    }).result;
    expect(edits(site)).toEqual(['OPS-2 by app', 'OPS-3 by app', 'OPS-4 by app']);
    expect(auditEntries(kvs)[0]).toMatchObject({
      outcome: 'applied',
      actor: { kind: 'app' },
      fallback: true,
      summary: expect.stringContaining('OPS-2 updated as the app: the user dev'),
    });
  });
});

describe('Copy field values: exactly once', () => {
  const pushDue = { direction: 'push', relation: 'sub-tasks', pairs: [pair(DUE, DUE)] };
  const dueOnOps1 = (site: JiraSite) => void (site.issues.get('OPS-1')!.fields.duedate = '2026-12-24');

  it('applies once when the same event is delivered twice', async () => {
    const { site, kvs } = seedCopyValues();
    dueOnOps1(site);
    const { event, result } = run(site, kvs, 'OPS-1', pushDue);
    await result;
    await runPostFunction(copyFieldValuesPostFunction, event, { site, kvs });
    expect(edits(site)).toHaveLength(3);
    expect(auditEntries(kvs).map((e) => e.outcome)).toEqual(['skipped', 'applied']);
  });

  const pushEvent = (site: JiraSite) =>
    buildPostFunctionEvent(site, {
      issueKey: 'OPS-1',
      transitionId: '21',
      atlassianId: 'dev',
      configuration: JSON.stringify(pushDue),
      postFunctionId: 'pf-copy',
    });

  it('after a lost answer, sends the same edit again: the issue changes once', async () => {
    const { site, kvs } = seedCopyValues();
    dueOnOps1(site);
    site.faults.inject({ match: { operationId: 'editIssue' }, after: 1, response: { kind: 'lostAnswer' } });
    await runPlatformRetry(copyFieldValuesPostFunction, pushEvent(site), { site, kvs });
    expect(site.calls.filter((c) => c.operationId === 'editIssue').map((c) => c.path.split('/')[5])).toEqual([
      'OPS-2',
      'OPS-3',
      'OPS-3',
      'OPS-4',
    ]);
    expect(['OPS-2', 'OPS-3', 'OPS-4'].map((k) => site.issue(k).history.length)).toEqual([1, 1, 1]);
    expect(auditEntries(kvs).map((e) => e.outcome)).toEqual(['applied']);
  });

  it('a redelivery after part was written writes only what is still missing', async () => {
    const { site, kvs } = seedCopyValues();
    dueOnOps1(site);
    // OPS-3's edit is refused for a minute, longer than an invocation waits: the platform delivers again.
    site.faults.inject({
      match: { operationId: 'editIssue' },
      after: 1,
      response: { kind: 'rateLimit', reason: 'jira-per-issue-on-write', retryAfterSeconds: 60 },
    });
    const report = await runPlatformRetry(copyFieldValuesPostFunction, pushEvent(site), { site, kvs });
    expect(report.deliveries.map((d) => isInvocationError(d.result))).toEqual([true, false]);
    expect(edits(site)).toEqual(['OPS-2 by app', 'OPS-3 by app', 'OPS-4 by app']);
    expect(auditEntries(kvs).map((e) => [e.outcome, e.summary])).toEqual([
      [
        'applied',
        'Copied Due date into Due date from OPS-1 into the sub-tasks: OPS-2 already held them, OPS-3 updated, OPS-4 updated',
      ],
      ['retrying', "Handed to the platform's retry 1 of 4"],
    ]);
  });

  it('hands a 429 storm to the platform retry, then applies once', async () => {
    const { site, kvs } = seedCopyValues();
    site.faults.inject({
      match: { operationId: 'editIssue' },
      times: 2,
      response: { kind: 'rateLimit', reason: 'jira-per-issue-on-write', retryAfterSeconds: 60 },
    });
    const event = buildPostFunctionEvent(site, {
      issueKey: 'OPS-1',
      transitionId: '21',
      atlassianId: 'dev',
      configuration: JSON.stringify({ relation: 'sub-tasks', pairs: [pair(points, total, 'sum')] }),
    });
    const report = await runPlatformRetry(copyFieldValuesPostFunction, event, { site, kvs });
    expect(report.deliveries.map((d) => isInvocationError(d.result))).toEqual([true, true, false]);
    expect(edits(site)).toEqual(['OPS-1 by app']);
    expect(site.issue('OPS-1').fields[total.id]).toBe(8);
    expect(auditEntries(kvs).map((e) => e.outcome)).toEqual(['applied', 'retrying', 'retrying']);
  });
});

describe('Copy field values in team-managed projects', () => {
  it('pulls from child issues (the parent field at every level) and pushes into the parent', async () => {
    const { site, kvs } = seedTeamManagedSite();
    site.addField(points);
    site.addField(total);
    site.issues.get('OPS-2')!.fields[points.id] = 2;
    site.addIssue({
      key: 'OPS-4',
      projectKey: 'OPS',
      summary: 'Child',
      parentKey: 'OPS-10',
      fields: { [points.id]: 5 },
    });
    site.issues.get('OPS-1')!.fields[points.id] = 3;
    await run(site, kvs, 'OPS-10', { relation: 'sub-tasks', pairs: [pair(points, total, 'sum')] }).result;
    expect(site.issue('OPS-10').fields[total.id]).toBe(8);
    await run(site, kvs, 'OPS-2', { direction: 'push', relation: 'parent', pairs: [pair(points, total)] })
      .result;
    expect(site.issue('OPS-1').fields[total.id]).toBe(2);
    expect(auditEntries(kvs).map((e) => e.outcome)).toEqual(['applied', 'applied']);
  });
});

describe('Copy field values configuration', () => {
  const parse = (pairs: unknown[], extra: Record<string, unknown> = {}) =>
    CopyFieldValuesConfig.safeParse({ relation: 'sub-tasks', pairs, ...extra });
  const problems = (result: ReturnType<typeof parse>) =>
    result.error?.issues.map((i) => [i.path.join('.'), i.message]);

  it('refuses incompatible types when saved, beside the field to change', () => {
    expect(
      problems(
        parse([
          pair(notes, total, 'sum'),
          pair(points, digest, 'sum'),
          pair(notes, start, 'min'),
          pair(start, points, 'max'),
          pair(points, DUE, 'join'),
          pair(points, notes, 'first'),
        ]),
      ),
    ).toEqual([
      ['pairs.0.from', 'a sum adds numbers, and "Notes" holds a string'],
      ['pairs.1.to', 'a sum is a number, and "Digest" holds a string'],
      ['pairs.2.from', 'the minimum compares numbers or dates, and "Notes" holds a string'],
      ['pairs.3.to', '"Story points" holds a number, not a date like "Start date"'],
      ['pairs.4.to', 'joined values are text, and "Due date" holds a date'],
      ['pairs.5.to', '"Notes" holds a string, and "Story points" holds a number'],
    ]);
  });

  it('needs a link type for linked issues, a writable target written once, and a pair', () => {
    expect(problems(parse([pair(points, total)], { relation: 'linked' }))).toEqual([
      ['linkType', 'choose the link type of the issues to copy between'],
    ]);
    expect(
      problems(parse([pair(points, total), pair(points, total, 'sum'), { from: 'summary', to: 'status' }])),
    ).toEqual([
      ['pairs.1.to', 'customfield_10017 is written twice'],
      ['pairs.2.to', 'status cannot be written by an edit; choose another field'],
    ]);
    expect(problems(parse([]))).toEqual([['pairs', 'add at least one field to copy']]);
  });
});
