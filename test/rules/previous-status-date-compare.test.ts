import { validatorConfigResolver } from '../../src/rules/validator-config';
import type { PreparedConfiguration } from '../../src/shared/validator-config';
import { JiraSite } from '../emulator';
import { evaluateValidatorExpression, manifestExpressionValidator } from '../emulator/expression-validator';
import { callResolver, type ResolverHandler } from '../harness';

/**
 * The Previous status and Date comparison validators end to end: each configuration is prepared by the app's own
 * resolver (as the admin, checked against Jira's statuses or fields, the generated expression analysed by Jira),
 * then evaluated by the emulator as Jira evaluates an expression validator when "Done" (transition 21) is made, on a
 * company-managed and a team-managed project (both modules declare both project types).
 */
type Envelope<T> =
  | { ok: true; data: T }
  | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } };
const handler = validatorConfigResolver as unknown as ResolverHandler;

const STYLES = ['company-managed', 'team-managed'] as const;
const START = 'customfield_10110';
const DEPLOY = 'customfield_10111';
const TEAM = 'customfield_10112';
/** 2026-11-30 10:00 UTC: every emulator user is in UTC, so "today" is 30 November. */
const NOW = Date.UTC(2026, 10, 30, 10);

function seed(style: (typeof STYLES)[number]): JiraSite {
  const site = new JiraSite();
  site.clock = () => NOW;
  site.addUser({ accountId: 'admin', displayName: 'Ada Admin' });
  site.addUser({ accountId: 'dev', displayName: 'Dev Dan' });
  site.addField({ id: START, name: 'Start date', type: 'date' });
  site.addField({ id: DEPLOY, name: 'Deploy at', type: 'datetime' });
  site.addField({ id: TEAM, name: 'Team', type: 'string' });
  site.addProject({ key: 'OPS', name: 'Operations', style, leadAccountId: 'admin' });
  site.grant('ADMINISTER_PROJECTS', { accountId: 'admin', projectKey: 'OPS' });
  for (const accountId of ['admin', 'dev']) {
    site.grant('BROWSE_PROJECTS', { accountId, projectKey: 'OPS' });
    site.grant('TRANSITION_ISSUES', { accountId, projectKey: 'OPS' });
  }
  return site;
}

/** What the configuration screen gets back for the rule, prepared as the admin. */
async function prepare(site: JiraSite, rule: string, configuration: unknown) {
  return (await callResolver(
    handler,
    'prepareConfiguration',
    { rule, configuration },
    {
      accountId: 'admin',
      moduleKey: rule,
      extension: { type: 'jira:workflowValidator', entryPoint: 'create' },
    },
    { site },
  )) as Envelope<PreparedConfiguration>;
}

async function saved(site: JiraSite, rule: string, configuration: unknown): Promise<PreparedConfiguration> {
  const answer = await prepare(site, rule, configuration);
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.data;
}

/** Jira's verdict when dev makes "Done" on the issue, with the transition screen's edits. */
const run = (site: JiraSite, rule: string, config: string, issueKey: string, screenEdits?: object) =>
  evaluateValidatorExpression(site, {
    ...manifestExpressionValidator(rule),
    config,
    issueKey,
    transitionId: '21',
    accountId: 'dev',
    ...(screenEdits ? { screenEdits: { ...screenEdits } } : {}),
  });

let moves = 0;
/** Moves the issue through transitions by id, as dev, each recorded in its history by Jira an hour apart, before now. */
async function move(site: JiraSite, issueKey: string, ...transitionIds: string[]) {
  for (const id of transitionIds) {
    const at = NOW - (1000 - ++moves) * 3_600_000;
    site.clock = () => at;
    const answer = await site.handle(
      { kind: 'user', accountId: 'dev' },
      `/rest/api/3/issue/${issueKey}/transitions`,
      {
        method: 'POST',
        body: JSON.stringify({ transition: { id } }),
      },
    );
    expect(answer.status).toBe(204);
    site.clock = () => NOW;
  }
}

describe.each(STYLES)('Previous status on a %s project', (style) => {
  const statuses = (site: JiraSite, ...names: string[]) =>
    names.map((name) => ({ id: site.requireStatus(name).id, name }));

  it('most recent: the status just before the current one decides; an issue never moved has none', async () => {
    const site = seed(style);
    site.addIssue({ key: 'OPS-1', projectKey: 'OPS', summary: 'Started' });
    site.addIssue({ key: 'OPS-2', projectKey: 'OPS', summary: 'Never moved' });
    site.addIssue({ key: 'OPS-3', projectKey: 'OPS', summary: 'Reopened' });
    await move(site, 'OPS-1', '11'); // To Do -> In Progress
    await move(site, 'OPS-3', '11', '21', '31', '11'); // ... Done -> To Do -> In Progress
    const fromToDo = await saved(site, 'previous-status', {
      statuses: statuses(site, 'To Do'),
      mode: 'most-recent',
    });
    expect(fromToDo.description).toBe('Allowed only if the status just before the current one was "To Do".');
    expect(run(site, 'previous-status', fromToDo.configuration, 'OPS-1')).toEqual({ result: true });
    expect(run(site, 'previous-status', fromToDo.configuration, 'OPS-3')).toEqual({ result: true });
    // Still in the status it was created in: it has left nothing.
    expect(run(site, 'previous-status', fromToDo.configuration, 'OPS-2')).toEqual({
      result: false,
      errorMessage: 'This transition is only for issues whose previous status was "To Do".',
    });
    const fromDone = await saved(site, 'previous-status', {
      statuses: statuses(site, 'Done'),
      mode: 'most-recent',
      message: 'Only reopened work can be closed this way.',
    });
    expect(run(site, 'previous-status', fromDone.configuration, 'OPS-3')).toEqual({
      result: false,
      errorMessage: 'Only reopened work can be closed this way.',
    });
  });

  it('has ever been in: any status the issue has left counts, however long ago', async () => {
    const site = seed(style);
    site.addIssue({ key: 'OPS-3', projectKey: 'OPS', summary: 'Reopened' });
    site.addIssue({ key: 'OPS-4', projectKey: 'OPS', summary: 'Straight through' });
    await move(site, 'OPS-3', '11', '21', '31', '11');
    await move(site, 'OPS-4', '11');
    const everDone = await saved(site, 'previous-status', { statuses: statuses(site, 'Done'), mode: 'ever' });
    expect(everDone.description).toBe(
      'Allowed only if the issue has been in "Done" at some time before its current status.',
    );
    expect(run(site, 'previous-status', everDone.configuration, 'OPS-3')).toEqual({ result: true });
    expect(run(site, 'previous-status', everDone.configuration, 'OPS-4')).toEqual({
      result: false,
      errorMessage: 'This transition is only for issues that have been in "Done" before.',
    });
    // The current status does not count until the issue has left it.
    const everInProgress = await saved(site, 'previous-status', {
      statuses: statuses(site, 'In Progress'),
      mode: 'ever',
    });
    expect(run(site, 'previous-status', everInProgress.configuration, 'OPS-4').result).toBe(false);
    expect(run(site, 'previous-status', everInProgress.configuration, 'OPS-3').result).toBe(true);
  });

  it('refuses a status Jira does not have, beside the status field, and an empty choice', async () => {
    const site = seed(style);
    const unknown = await prepare(site, 'previous-status', {
      statuses: [{ id: '99999', name: 'Archived' }],
      mode: 'ever',
    });
    expect(unknown).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        fields: {
          statuses: 'Jira has no status "Archived" (99999) that you can see. Pick it from the list.',
        },
      },
    });
    const none = await prepare(site, 'previous-status', { statuses: [], mode: 'most-recent' });
    expect(none).toMatchObject({
      ok: false,
      error: { fields: { statuses: 'Choose at least one status.' } },
    });
  });
});

describe.each(STYLES)('Date comparison on a %s project', (style) => {
  const due = (site: JiraSite, key: string, duedate: string | null, fields: object = {}) =>
    site.addIssue({ key, projectKey: 'OPS', summary: key, fields: { duedate, ...fields } });

  it('Due date at least 2 days after today: passes, blocks, and an empty one blocks or allows as chosen', async () => {
    const site = seed(style);
    due(site, 'OPS-1', '2026-12-02');
    due(site, 'OPS-2', '2026-12-01');
    due(site, 'OPS-3', null);
    const blockEmpty = await saved(site, 'date-compare', {
      field: { id: 'duedate', name: 'Due date' },
      operator: '>=',
      against: 'now',
      offsetDays: 2,
      whenEmpty: 'block',
    });
    expect(blockEmpty.description).toBe(
      '"Due date" must be on or after today + 2 days. An empty "Due date" blocks the transition.',
    );
    const message = '"Due date" must be on or after today + 2 days; fill in "Due date".';
    expect(run(site, 'date-compare', blockEmpty.configuration, 'OPS-1')).toEqual({ result: true });
    expect(run(site, 'date-compare', blockEmpty.configuration, 'OPS-2')).toEqual({
      result: false,
      errorMessage: message,
    });
    expect(run(site, 'date-compare', blockEmpty.configuration, 'OPS-3')).toEqual({
      result: false,
      errorMessage: message,
    });
    // A due date set on the transition screen counts.
    expect(run(site, 'date-compare', blockEmpty.configuration, 'OPS-3', { duedate: '2026-12-09' })).toEqual({
      result: true,
    });
    const allowEmpty = await saved(site, 'date-compare', {
      field: { id: 'duedate', name: 'Due date' },
      operator: '>=',
      against: 'now',
      offsetDays: 2,
      whenEmpty: 'allow',
    });
    expect(allowEmpty.description).toBe(
      '"Due date" must be on or after today + 2 days. While "Due date" is empty, the rule lets the transition through.',
    );
    expect(run(site, 'date-compare', allowEmpty.configuration, 'OPS-3')).toEqual({ result: true });
    expect(run(site, 'date-compare', allowEmpty.configuration, 'OPS-2').result).toBe(false);
  });

  it('one date field after another plus an offset; either one empty blocks or allows as chosen', async () => {
    const site = seed(style);
    due(site, 'OPS-1', '2026-12-05', { [START]: '2026-12-03' });
    due(site, 'OPS-2', '2026-12-04', { [START]: '2026-12-03' });
    due(site, 'OPS-3', '2026-12-04');
    const config = (whenEmpty: string) =>
      saved(site, 'date-compare', {
        field: { id: 'duedate', name: 'Due date' },
        operator: '>',
        against: 'field',
        otherField: { id: START, name: 'Start date' },
        offsetDays: 1,
        whenEmpty,
      });
    const block = await config('block');
    expect(block.description).toBe(
      '"Due date" must be after "Start date" + 1 day. An empty "Due date" or "Start date" blocks the transition.',
    );
    expect(run(site, 'date-compare', block.configuration, 'OPS-1')).toEqual({ result: true });
    expect(run(site, 'date-compare', block.configuration, 'OPS-2')).toEqual({
      result: false,
      errorMessage: '"Due date" must be after "Start date" + 1 day; fill in "Due date" and "Start date".',
    });
    expect(run(site, 'date-compare', block.configuration, 'OPS-3').result).toBe(false);
    expect(run(site, 'date-compare', (await config('allow')).configuration, 'OPS-3')).toEqual({
      result: true,
    });
  });

  it('a date-time field against now, to the minute, and against a date, by day', async () => {
    const site = seed(style);
    // Deployed at least a day before now (now is 30 November, 10:00 UTC).
    due(site, 'OPS-1', '2026-11-29', { [DEPLOY]: '2026-11-29T09:00:00.000+0000' });
    due(site, 'OPS-2', '2026-11-28', { [DEPLOY]: '2026-11-29T12:00:00.000+0200' });
    const dayAgo = await saved(site, 'date-compare', {
      field: { id: DEPLOY, name: 'Deploy at' },
      operator: '<=',
      against: 'now',
      offsetDays: -1,
      whenEmpty: 'block',
    });
    expect(dayAgo.description).toBe(
      '"Deploy at" must be on or before now − 1 day. An empty "Deploy at" blocks the transition.',
    );
    expect(run(site, 'date-compare', dayAgo.configuration, 'OPS-1')).toEqual({ result: true });
    expect(run(site, 'date-compare', dayAgo.configuration, 'OPS-2')).toEqual({ result: true });
    expect(
      run(site, 'date-compare', dayAgo.configuration, 'OPS-1', { [DEPLOY]: '2026-11-29T10:30:00.000+0000' })
        .result,
    ).toBe(false);
    // Compared with a date, a date-time is its day: deployed on the due date itself.
    const onDue = await saved(site, 'date-compare', {
      field: { id: DEPLOY, name: 'Deploy at' },
      operator: '=',
      against: 'field',
      otherField: { id: 'duedate', name: 'Due date' },
      offsetDays: 0,
      whenEmpty: 'block',
    });
    expect(run(site, 'date-compare', onDue.configuration, 'OPS-1')).toEqual({ result: true });
    expect(run(site, 'date-compare', onDue.configuration, 'OPS-2').result).toBe(false);
  });

  it('refuses a field that is not a date, a missing field to compare with and a fractional offset, each beside its field', async () => {
    const site = seed(style);
    const base = {
      field: { id: 'duedate', name: 'Due date' },
      operator: '<',
      against: 'now',
      offsetDays: 0,
      whenEmpty: 'block',
    };
    expect(await prepare(site, 'date-compare', { ...base, field: { id: TEAM, name: 'Team' } })).toMatchObject(
      {
        ok: false,
        error: {
          fields: {
            field:
              '"Team" is not a date or date-time field. Pick a date picker, a date-time picker, Due date, Created or Updated.',
          },
        },
      },
    );
    expect(await prepare(site, 'date-compare', { ...base, against: 'field' })).toMatchObject({
      ok: false,
      error: { fields: { otherField: 'Choose the date field to compare with.' } },
    });
    expect(await prepare(site, 'date-compare', { ...base, offsetDays: 1.5 })).toMatchObject({
      ok: false,
      error: { fields: { offsetDays: 'This field must be a whole number.' } },
    });
  });
});
