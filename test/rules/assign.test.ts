import { buildPostFunctionEvent, isInvocationError, runPlatformRetry, runPostFunction } from '../harness';
import { assignPostFunction } from '../../src/rules/assign';
import { AssignConfig } from '../../src/rules/assign/configuration';
import { candidatesInTurn, previousAssignee } from '../../src/rules/assign/plan';
import { auditEntries } from '../support/audit';
import { seedIssueCreation, seedTeamManagedSite } from '../support/seed';
import type { JiraSite } from '../emulator';

/** seedIssueCreation plus Ana and Bo, both assignable in OPS and members of its Developers role, with `viewer`. */
function seed() {
  const seeded = seedIssueCreation();
  const { site } = seeded;
  site.addUser({ accountId: 'ana', displayName: 'Ana' });
  site.addUser({ accountId: 'bo', displayName: 'Bo' });
  for (const id of ['ana', 'bo', 'viewer']) site.assignRole('OPS', 'Developers', id);
  for (const id of ['ana', 'bo']) site.grant('ASSIGNABLE_USER', { accountId: id, projectKey: 'OPS' });
  return seeded;
}

function setup(
  configuration: (site: JiraSite) => Record<string, unknown>,
  atlassianId = 'dev',
  seeded = seed(),
) {
  const { site, kvs } = seeded;
  const event = (executionId?: string) =>
    buildPostFunctionEvent(site, {
      issueKey: 'OPS-1',
      transitionId: '21',
      atlassianId,
      configuration: JSON.stringify(configuration(site)),
      postFunctionId: 'pf-assign',
      ...(executionId ? { executionId } : {}),
    });
  return { site, kvs, event: event(), again: () => event(`exec-${Math.random()}`), opts: { site, kvs } };
}

const role = (site: JiraSite, roleStrategy = 'first') => ({
  target: 'role',
  roleId: String(site.roleIdOf('Developers')),
  roleName: 'Developers',
  roleStrategy,
});

describe('Assign post-function', () => {
  it('assigns to the reporter as the app, after checking Jira would let them be assigned', async () => {
    const { site, kvs, event, opts } = setup(() => ({ target: 'reporter' }));
    await runPostFunction(assignPostFunction, event, opts);
    expect(site.issue('OPS-1').assignee).toBe('dev');
    expect(site.calls.map((c) => [c.identity.kind, c.operationId])).toContainEqual([
      'app',
      'findAssignableUsers',
    ]);
    expect(auditEntries(kvs)[0]).toMatchObject({
      rule: 'assign',
      actor: { kind: 'app' },
      outcome: 'applied',
      summary: 'Assigned OPS-1 to Dana Developer',
    });
  });

  it('says why the user in a field cannot be assigned, and assigns nobody', async () => {
    const { site, kvs, event, opts } = setup(() => ({
      target: 'user-field',
      fieldId: 'customfield_10070',
      fieldName: 'Reviewer',
    }));
    site.addField({ id: 'customfield_10070', name: 'Reviewer', type: 'user' });
    site.issues.get('OPS-1')!.fields.customfield_10070 = { accountId: 'viewer' };
    await runPostFunction(assignPostFunction, event, opts);
    expect(site.issue('OPS-1').assignee).toBeUndefined();
    expect(auditEntries(kvs)[0]).toMatchObject({
      outcome: 'failed',
      error: {
        code: 'INVALID_INPUT',
        message: expect.stringContaining(
          'Reviewer (Vic Viewer) cannot be assigned OPS-1: Jira\'s assignable user search does not list them, so they lack the "Assignable user" permission in project OPS',
        ),
      },
    });
  });

  it('assigns to the first assignable member of a project role, by display name', async () => {
    const { site, event, opts } = setup((s) => role(s));
    await runPostFunction(assignPostFunction, event, opts);
    expect(site.issue('OPS-1').assignee).toBe('ana');
    // The role is read by the project key the issue key starts with: the issue itself is not read.
    expect(site.calls.map((c) => c.operationId)).toEqual([
      'getProjectRole',
      'findAssignableUsers',
      'assignIssue',
    ]);
  });

  it('takes turns among the assignable members of a role (round robin), skipping those who cannot be assigned', async () => {
    const { site, again, opts } = setup((s) => role(s, 'round-robin'));
    const assigned: Array<string | undefined> = [];
    for (let turn = 0; turn < 3; turn++) {
      await runPostFunction(assignPostFunction, again(), opts);
      assigned.push(site.issue('OPS-1').assignee);
    }
    expect(assigned).toEqual(['ana', 'bo', 'ana']);
  });

  it('names the role when none of its members can be assigned', async () => {
    const { site, kvs, event, opts } = setup((s) => role(s));
    for (const id of ['ana', 'bo']) site.revoke('ASSIGNABLE_USER', { accountId: id, projectKey: 'OPS' });
    await runPostFunction(assignPostFunction, event, opts);
    site.deactivateUser('ana');
    await runPostFunction(assignPostFunction, event, opts);
    expect(site.issue('OPS-1').assignee).toBeUndefined();
    expect(auditEntries(kvs)[0]?.error?.message).toBe(
      'No active member of the project role Developers in OPS can be assigned OPS-1: Jira\'s assignable user search lists none of the 2 (Bo, Vic Viewer), so they lack the "Assignable user" permission. Deactivated members are left out.',
    );
  });

  describe("a deactivated person (Jira's assignable search leaves them out)", () => {
    const deactivatedMessage = (who: string) =>
      `${who} is deactivated, and Jira does not assign issues to a deactivated account: OPS-1 was not assigned. Change the post-function's assignee, or reactivate the account in Atlassian Administration.`;

    it('fails with that reason for the reporter, and assigns nobody', async () => {
      const { site, kvs, event, opts } = setup(() => ({ target: 'reporter' }));
      site.deactivateUser('dev');
      await runPostFunction(assignPostFunction, event, opts);
      expect(site.issue('OPS-1').assignee).toBeUndefined();
      expect(site.calls.map((c) => c.operationId)).not.toContain('assignIssue');
      expect(auditEntries(kvs)[0]).toMatchObject({
        outcome: 'failed',
        error: {
          code: 'INVALID_INPUT',
          message: deactivatedMessage(`The reporter (${site.users.get('dev')!.displayName})`),
        },
      });
    });

    it('fails with that reason for the user in a field', async () => {
      const { site, kvs, event, opts } = setup(() => ({
        target: 'user-field',
        fieldId: 'customfield_10070',
        fieldName: 'Reviewer',
      }));
      site.addField({ id: 'customfield_10070', name: 'Reviewer', type: 'user' });
      site.issues.get('OPS-1')!.fields.customfield_10070 = { accountId: 'ana' };
      site.deactivateUser('ana');
      await runPostFunction(assignPostFunction, event, opts);
      expect(site.issue('OPS-1').assignee).toBeUndefined();
      expect(auditEntries(kvs)[0]?.error?.message).toBe(deactivatedMessage('Reviewer (Ana)'));
    });

    it('fails with that reason for the previous assignee', async () => {
      const { site, kvs, event, opts } = setup(() => ({ target: 'previous-assignee' }));
      const issue = site.issues.get('OPS-1')!;
      issue.assignee = 'ana';
      issue.history.push({
        author: 'dev',
        at: site.now(),
        items: [{ field: 'assignee', from: 'bo', to: 'ana' }],
      });
      site.deactivateUser('bo');
      await runPostFunction(assignPostFunction, event, opts);
      expect(site.issue('OPS-1').assignee).toBe('ana');
      expect(auditEntries(kvs)[0]?.error?.message).toBe(deactivatedMessage('The previous assignee (Bo)'));
    });

    it('is left out of a role by Jira, so neither the first choice nor a turn of round robin', async () => {
      const first = setup((s) => role(s));
      first.site.deactivateUser('ana');
      await runPostFunction(assignPostFunction, first.event, first.opts);
      expect(first.site.issue('OPS-1').assignee).toBe('bo');
      // Jira leaves deactivated members out of the role read: no assignable search is spent on them.
      expect(first.site.calls.map((c) => c.operationId)).toEqual([
        'getProjectRole',
        'findAssignableUsers',
        'assignIssue',
      ]);

      const { site, again, opts } = setup((s) => role(s, 'round-robin'));
      site.deactivateUser('ana');
      const assigned: Array<string | undefined> = [];
      for (let turn = 0; turn < 3; turn++) {
        await runPostFunction(assignPostFunction, again(), opts);
        assigned.push(site.issue('OPS-1').assignee);
      }
      expect(assigned).toEqual(['bo', 'bo', 'bo']);
    });

    it('says so when every member of the role is deactivated', async () => {
      const { site, kvs, event, opts } = setup((s) => role(s));
      for (const id of ['ana', 'bo', 'viewer']) site.deactivateUser(id);
      await runPostFunction(assignPostFunction, event, opts);
      expect(auditEntries(kvs)[0]?.error?.message).toBe(
        "The project role Developers has no active user members in OPS: nobody to assign OPS-1 to. Add people to the role (deactivated accounts are left out), or change the post-function's assignee.",
      );
    });
  });

  it('gives the issue back to the previous assignee, as the transitioning user', async () => {
    const { site, kvs, event, opts } = setup(() => ({
      target: 'previous-assignee',
      actor: 'transitioning-user',
    }));
    const issue = site.issues.get('OPS-1')!;
    issue.assignee = 'ana';
    issue.history.push({
      author: 'dev',
      at: site.now(),
      items: [{ field: 'assignee', from: 'bo', to: 'ana' }],
    });
    await runPostFunction(assignPostFunction, event, opts);
    expect(site.issue('OPS-1').assignee).toBe('bo');
    expect(auditEntries(kvs)[0]).toMatchObject({ actor: { kind: 'impersonated' }, outcome: 'applied' });
  });

  it('unassigns, and skips saying why when there is no earlier assignee', async () => {
    const { site, event, opts } = setup(() => ({ target: 'unassign' }));
    site.issues.get('OPS-1')!.assignee = 'dev';
    await runPostFunction(assignPostFunction, event, opts);
    expect(site.issue('OPS-1').assignee).toBeUndefined();
    const other = setup(() => ({ target: 'previous-assignee' }));
    await runPostFunction(assignPostFunction, other.event, other.opts);
    expect(auditEntries(other.kvs)[0]).toMatchObject({
      outcome: 'skipped',
      summary: 'OPS-1 had no earlier assignee: the assignee was left as it was',
    });
  });

  it('fails by default when the user may not assign, naming the permission', async () => {
    const { site, kvs, event, opts } = setup(
      () => ({ target: 'reporter', actor: 'transitioning-user' }),
      'viewer',
    );
    await runPostFunction(assignPostFunction, event, opts);
    expect(site.issue('OPS-1').assignee).toBeUndefined();
    expect(auditEntries(kvs)[0]).toMatchObject({
      outcome: 'failed',
      error: { code: 'MISSING_PERMISSION', message: expect.stringContaining('"Assign issues"') },
    });
  });

  it('acts as the app when the fallback allows it, and records the fallback', async () => {
    const { site, kvs, event, opts } = setup(
      () => ({ target: 'reporter', actor: 'transitioning-user', fallback: 'act-as-app' }),
      'viewer',
    );
    await runPostFunction(assignPostFunction, event, opts);
    expect(site.issue('OPS-1').assignee).toBe('dev');
    expect(auditEntries(kvs)[0]).toMatchObject({ actor: { kind: 'app' }, fallback: true });
  });

  it('assigns once when the same event is delivered twice, and a lost answer is set again harmlessly', async () => {
    const { site, kvs, event, opts } = setup((s) => role(s, 'round-robin'));
    site.faults.inject({ match: { operationId: 'assignIssue' }, times: 1, response: { kind: 'lostAnswer' } });
    await runPlatformRetry(assignPostFunction, event, opts);
    await runPostFunction(assignPostFunction, event, opts);
    expect(site.issue('OPS-1').assignee).toBe('ana');
    expect(
      site.issue('OPS-1').history.filter((h) => h.items.some((i) => i.field === 'assignee')),
    ).toHaveLength(1);
    expect(auditEntries(kvs)[0]).toMatchObject({ outcome: 'skipped' });
  });

  it('hands a 429 storm to the platform retry, then assigns once', async () => {
    const { site, kvs, event, opts } = setup(() => ({ target: 'reporter' }));
    site.faults.inject({
      match: { operationId: 'assignIssue' },
      times: 2,
      response: { kind: 'rateLimit', reason: 'jira-per-issue-on-write', retryAfterSeconds: 60 },
    });
    const report = await runPlatformRetry(assignPostFunction, event, opts);
    expect(report.deliveries.map((d) => isInvocationError(d.result))).toEqual([true, true, false]);
    expect(site.issue('OPS-1').assignee).toBe('dev');
    expect(auditEntries(kvs).map((e) => e.outcome)).toEqual(['applied', 'retrying', 'retrying']);
  });

  it('assigns in a team-managed project', async () => {
    const seeded = seedTeamManagedSite();
    seeded.site.grant('ASSIGN_ISSUES', { accountId: 'dev', projectKey: 'OPS' });
    seeded.site.grant('ASSIGNABLE_USER', { accountId: 'dev', projectKey: 'OPS' });
    seeded.site.issues.get('OPS-1')!.reporter = 'dev';
    const { site, event, opts } = setup(
      () => ({ target: 'reporter', actor: 'transitioning-user' }),
      'dev',
      seeded,
    );
    await runPostFunction(assignPostFunction, event, opts);
    expect(site.issue('OPS-1').assignee).toBe('dev');
  });
});

describe('Assign configuration and plan', () => {
  it('asks for the field or role its target needs', () => {
    const issues = (value: unknown) => {
      const parsed = AssignConfig.safeParse(value);
      return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(issues({ target: 'user-field' })).toEqual(['fieldId: pick the user field']);
    expect(issues({ target: 'role', roleId: 'Developers' })).toEqual(['roleId: pick the role from the list']);
  });

  it('finds the assignee before the latest change, and rotates turns', () => {
    expect(
      previousAssignee([
        { items: [{ field: 'assignee', from: 'a', to: 'b' }] },
        { items: [{ field: 'status', from: '1', to: '2' }] },
        { items: [{ field: 'assignee', from: 'b', to: 'c' }] },
      ]),
    ).toBe('b');
    expect(previousAssignee([{ items: [{ field: 'assignee', to: 'c' }] }])).toBeUndefined();
    expect(candidatesInTurn(['a', 'b', 'c'], 4)).toEqual(['b', 'c', 'a']);
  });
});
