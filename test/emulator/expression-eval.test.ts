import { analyseExpression } from './expression';
import { evaluateExpression, ExpressionEvaluationError, UnsupportedExpressionError } from './expression-eval';
import { fromJson, JiraObjects, toJson, type JiraValue } from './expression-values';
import { JiraSite, type Identity } from './index';
import { takeUndocumentedUse } from './undocumented';

const config = fromJson({ groups: ['ops', 'dev'], limit: 3, nested: { on: true }, empty: '' });

/** The expression's value as JSON (what POST /expression/eval would answer). */
const value = (expression: string, variables: Record<string, JiraValue> = { config }) =>
  toJson(evaluateExpression(expression, variables).value);

const failure = (expression: string, variables: Record<string, JiraValue> = { config }): unknown => {
  try {
    evaluateExpression(expression, variables);
  } catch (e) {
    return e instanceof ExpressionEvaluationError ? e.message : e;
  }
  throw new Error(`${expression} evaluated without error`);
};

describe('Jira expressions: evaluation (pure)', () => {
  it.each([
    ['"double" + \'single\'', 'doublesingle'],
    ['"esc\\"aped \\\\ \\n\\u0041"', 'esc"aped \\ \nA'],
    ['42', 42],
    ['1.5', 1.5],
    ['true', true],
    ['false', false],
    ['null', null],
    ['[1, "a", [true]]', [1, 'a', [true]]],
    ['{ id: 1, "two words": "x", list: [] }', { id: 1, 'two words': 'x', list: [] }],
  ])('literal %s', (expression, expected) => {
    expect(value(expression)).toEqual(expected);
  });

  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['10 / 4 - 1', 1.5],
    ['7 % 4', 3],
    ['-config.limit', -3],
    ['"n=" + 1', 'n=1'],
    ['1 < 2 && "a" < "b"', true],
    ['2 <= 2 && 3 >= 4', false],
    ['2 > 1', true],
    ['1 == 1 && "a" != "b"', true],
    ['[1, [2]] == [1, [2]]', true],
    ['{ a: 1 } == { a: 1 } && { a: 1 } != { a: 2 }', true],
    ['null == null && 0 != null && "" != null', true],
    ['1 == "1"', false],
    ['!true', false],
    ['!null && !0 && !"" && !!config', true],
    ['config.limit > 2 ? "many" : "few"', 'many'],
    ['null ? 1 : 2', 2],
    ['let n = config.limit; let twice = n * 2; twice + 1', 7],
    ['let n = 1; return n;', 1],
  ])('operator: %s', (expression, expected) => {
    expect(value(expression)).toEqual(expected);
  });

  it('&& and || short-circuit and answer the deciding operand, as in JavaScript', () => {
    expect(value('false && null.x')).toBe(false);
    expect(value('true || null.x')).toBe(true);
    expect(value('config.empty || "fallback"')).toBe('fallback');
    expect(value('config.limit && "set"')).toBe('set');
  });

  it('reads members of maps, computed keys, list indexes; a missing map key is null', () => {
    expect(value('config.groups')).toEqual(['ops', 'dev']);
    expect(value('config["nested"].on')).toBe(true);
    expect(value('config.missing')).toBeNull();
    expect(value('config.groups[1]')).toBe('dev');
    expect(value('config.groups.length + "abc".length')).toBe(5);
  });

  it('optional chaining gives null and skips the rest of the chain', () => {
    expect(value('config.missing?.deeper.still.more')).toBeNull();
    expect(value('config.missing?.["x"]')).toBeNull();
    expect(value('config.missing?.includes("x")')).toBeNull();
    expect(value('config?.nested?.on')).toBe(true);
    expect(value('(config.missing?.a) == null')).toBe(true);
  });

  it.each([
    ['config.groups.includes("ops")', true],
    ['config.groups.includes("admins")', false],
    ['config.groups.indexOf("dev")', 1],
    ['config.groups.indexOf("x")', -1],
    ['config.groups.some(g => g == "dev")', true],
    ['config.groups.every(g => g.length == 3)', true],
    ['[].every(x => false) && ![].some(x => true)', true],
    ['config.groups.map(g => g.toUpperCase())', ['OPS', 'DEV']],
    ['config.groups.filter(g => g.startsWith("o"))', ['ops']],
    ['[1, 2, 3].filter(n => n > config.limit - 2).map(n => { n: n })', [{ n: 2 }, { n: 3 }]],
    ['config.groups.join(" & ")', 'ops & dev'],
    ['[[1], [2]].includes([2])', true],
  ])('list method: %s', (expression, expected) => {
    expect(value(expression)).toEqual(expected);
  });

  it.each([
    ['"Release 1.2".includes("1.2")', true],
    ['"Release".startsWith("Rel") && "Release".endsWith("ase")', true],
    ['"MiXed".toLowerCase() + "MiXed".toUpperCase()', 'mixedMIXED'],
    ['"  padded ".trim()', 'padded'],
  ])('string method: %s', (expression, expected) => {
    expect(value(expression)).toEqual(expected);
  });

  it('fails like Jira, quoting the part that failed', () => {
    expect(failure('config.missing.deeper')).toBe(
      'Evaluation failed: "config.missing.deeper" - Type null does not have any properties',
    );
    expect(failure('config.missing.includes("x")')).toBe(
      'Evaluation failed: "config.missing.includes("x")" - Type null does not have any properties',
    );
    expect(failure('1 < "2"')).toBe('Evaluation failed: "1 < "2"" - Can\'t compare Number to String.');
    expect(failure('[1] + 1')).toBe('Evaluation failed: "[1] + 1" - Can\'t add List and Number.');
    expect(failure('"a" * 2')).toBe(
      'Evaluation failed: ""a" * 2" - Operator * needs two Numbers, got String and Number.',
    );
    expect(failure('1 / 0')).toBe('Evaluation failed: "1 / 0" - Division by zero.');
    expect(failure('config.groups[5]')).toBe(
      'Evaluation failed: "config.groups[5]" - index 5 is outside the list, which has 2 items',
    );
    expect(failure('"x".includes(1)')).toBe(
      'Evaluation failed: ""x".includes(1)" - includes expects (String), got (Number)',
    );
    expect(failure('nobody == 1')).toBe('Evaluation failed: "nobody" - Unrecognized identifier: nobody');
    expect(failure('issue.key')).toBe(
      'Evaluation failed: "issue" - the context variable issue is not available here',
    );
    expect(failure('config.groups ==')).toBe(
      'Invalid expression: Unexpected end of expression (line 1, column 15)',
    );
    expect(failure('"open')).toBe('Invalid expression: Unterminated string literal (line 1, column 1)');
  });

  it.each([
    ['`hello ${user}`', 'template literals'],
    ['new Issue("OPS-1")', '`new Issue(...)`'],
    ['new Date().plusMonths(1)', 'the Date method "plusMonths"'],
    ['typeof config', 'the `typeof` operator'],
    ['Math.max(1, 2)', 'the global `Math`'],
    ['config.groups.reduce((a, b) => a + b)', 'the List method "reduce"'],
    ['"a,b".split(",")', 'the String method "split"'],
    ['config.limit.toString()', 'the Number method "toString"'],
    ['config.groups.map((a, b) => a)', 'arrow functions with 2 parameters here'],
    ['1 === 1', 'the `===` operator (use `==`)'],
    ['if (true) { 1 }', '`if` statements'],
  ])('names unsupported syntax instead of guessing: %s', (expression, construct) => {
    expect(() => evaluateExpression(expression, { config })).toThrow(UnsupportedExpressionError);
    expect(() => evaluateExpression(expression, { config })).toThrow(`does not support ${construct}`);
  });

  it('stops a runaway expression at Jira’s step limit', () => {
    const big = JSON.stringify(Array.from({ length: 200 }, (_, i) => i));
    expect(failure(`${big}.every(a => ${big}.every(b => a + b >= 0))`)).toMatch(
      /- the expression needs more than 10000 steps, Jira's complexity limit$/,
    );
  });
});

describe('Jira objects in expressions', () => {
  const site = new JiraSite();
  site.addUser({ accountId: 'ann', displayName: 'Ann', groups: ['ops-leads'] });
  site.addUser({ accountId: 'ben', displayName: 'Ben' });
  site.addProject({ key: 'OPS', name: 'Operations' });
  site.assignRole('OPS', 'Developers', 'ben');
  site.addField({ id: 'customfield_10100', name: 'Approver', type: 'user' });
  site.addIssue({
    key: 'OPS-1',
    projectKey: 'OPS',
    summary: 'Rotate keys',
    assignee: 'ann',
    fields: {
      labels: ['infra'],
      customfield_10100: { accountId: 'ben' },
      customfield_10200: { value: 'High' },
    },
  });
  const objects = new JiraObjects(site);
  const vars = (accountId: string): Record<string, JiraValue> => ({
    user: objects.user(site.requireUser(accountId)),
    issue: objects.issue(site.requireIssue('OPS-1')),
    project: objects.project(site.requireProject('OPS')),
  });

  it('exposes users, issues, statuses, projects and custom fields', () => {
    expect(
      value('[issue.key, issue.summary, issue.status.name, issue.status.category.key]', vars('ann')),
    ).toEqual(['OPS-1', 'Rotate keys', 'To Do', 'new']);
    expect(value('issue.assignee.displayName + "/" + (issue.reporter == null)', vars('ann'))).toBe(
      'Ann/true',
    );
    expect(value('issue.assignee == user && issue.labels.includes("infra")', vars('ann'))).toBe(true);
    expect(value('issue.customfield_10100 == user', vars('ben'))).toBe(true);
    expect(value('issue["customfield_10200"].value', vars('ben'))).toBe('High');
    expect(value('[project.key, project.name, issue.project.id == project.id]', vars('ann'))).toEqual([
      'OPS',
      'Operations',
      true,
    ]);
    expect(value('user.groups', vars('ann'))).toEqual(['ops-leads']);
    expect(value('user.getProjectRoles(project).map(r => r.name)', vars('ben'))).toEqual(['Developers']);
    expect(value('user.getProjectRoles(project)', vars('ann'))).toEqual([]);
    expect(value('issue.description', vars('ann'))).toBeNull();
    expect(value('issue.parent?.key', vars('ann'))).toBeNull();
  });

  it('names the properties a Jira object has when one is unknown', () => {
    expect(failure('issue.nope', vars('ann'))).toBe(
      'Evaluation failed: "issue.nope" - Unrecognized property of `issue`: "nope". Available properties of type \'Issue\' are: ' +
        "'assignee', 'changelogs', 'comments', 'created', 'customfield_10100', 'customfield_10200', 'description', 'dueDate', 'id', 'issueType', 'key', 'labels', 'links', 'parent', 'priority', 'project', 'reporter', 'status', 'subtasks', 'summary', 'updated'",
    );
    expect(failure('user.getProjectRoles("OPS")', vars('ann'))).toBe(
      'Evaluation failed: "user.getProjectRoles("OPS")" - getProjectRoles expects one Project, got String',
    );
    expect(() => evaluateExpression('user.hasPermission("X")', vars('ann'))).toThrow(
      'does not support the User method "hasPermission"',
    );
  });
});

describe('Jira expressions: analysis over the same grammar', () => {
  it.each([
    ['user.groups.some(g => ["a"].includes(g))', 'Boolean'],
    ['"a" + 1', 'String'],
    ['1 + 2', 'Number'],
    ['config.x ? "a" : "b"', 'String'],
    ['[1]', 'List'],
    ['{ a: 1 }', 'Map'],
    ['issue.key', 'Any'],
    ['let x = 1; x > 0', 'Boolean'],
  ])('infers %s as %s', (expression, type) => {
    expect(analyseExpression(expression, 'type', {})).toMatchObject({ valid: true, type });
  });

  it('reports syntax, scope and unsupported-construct errors with their position', () => {
    expect(analyseExpression('a b', 'syntax', {}).errors).toEqual([
      { line: 1, column: 3, message: "Unexpected token 'b'", type: 'syntax' },
    ]);
    expect(analyseExpression('[1, 2', 'syntax', {}).errors).toEqual([
      { line: 1, column: 1, message: "Missing closing bracket for '['", type: 'syntax' },
    ]);
    expect(
      analyseExpression('list.map(x => x + y)\n  && z', 'type', { list: 'List<Number>' }).errors,
    ).toEqual([
      { line: 1, column: 19, message: 'Unrecognized identifier: y', type: 'type' },
      { line: 2, column: 6, message: 'Unrecognized identifier: z', type: 'type' },
    ]);
    expect(analyseExpression('let a = 1; a + b', 'type', {}).errors?.map((e) => e.message)).toEqual([
      'Unrecognized identifier: b',
    ]);
    expect(analyseExpression('x === 1', 'syntax', {}).errors).toEqual([
      {
        line: 1,
        column: 3,
        message: 'The Jira emulator does not support the `===` operator (use `==`)',
        type: 'other',
      },
    ]);
  });
});

describe('POST /rest/api/3/expression/evaluate', () => {
  const site = new JiraSite();
  site.addUser({ accountId: 'ann', displayName: 'Ann', groups: ['devs'] });
  site.addProject({ key: 'ENG', name: 'Engineering' });
  site.addProject({ key: 'SEC', name: 'Secret' });
  site.grant('BROWSE_PROJECTS', { group: 'devs', projectKey: 'ENG' });
  site.addIssue({ key: 'ENG-1', projectKey: 'ENG', summary: 'First', assignee: 'ann' });
  site.addIssue({ key: 'SEC-1', projectKey: 'SEC', summary: 'Hidden' });
  const ann: Identity = { kind: 'user', accountId: 'ann' };
  const evaluate = async (body: unknown, query = '') => {
    const response = await site.handle(ann, `/rest/api/3/expression/evaluate${query}`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('evaluates with user, issue and project from the context, within the spec', async () => {
    const answer = await evaluate(
      {
        expression:
          '{ key: issue.key, mine: issue.assignee == user, project: project.key, labels: issue.labels }',
        context: { issue: { id: Number(site.requireIssue('ENG-1').id) }, project: { key: 'ENG' } },
      },
      '?expand=meta.complexity',
    );
    expect(answer.status).toBe(200);
    expect(answer.body.value).toEqual({ key: 'ENG-1', mine: true, project: 'ENG', labels: [] });
    expect(answer.body.meta).toMatchObject({
      complexity: { steps: { limit: 10000 }, primitiveValues: { value: 3 }, beans: { value: 0 } },
    });
    expect(site.contractViolations).toEqual([]);
  });

  it('returns Jira objects in their REST shape', async () => {
    const answer = await evaluate({ expression: 'user', context: {} });
    expect(answer.body.value).toMatchObject({ accountId: 'ann', displayName: 'Ann' });
    expect(answer.body).not.toHaveProperty('meta');
  });

  it('answers 400 with the reason, 404 for an issue the caller cannot see, 501 for what it does not model', async () => {
    expect(await evaluate({ expression: 'issue.parent.key', context: { issue: { key: 'ENG-1' } } })).toEqual({
      status: 400,
      body: {
        errorMessages: ['Evaluation failed: "issue.parent.key" - Type null does not have any properties'],
        errors: {},
      },
    });
    expect((await evaluate({ expression: 'issue.key', context: { issue: { key: 'SEC-1' } } })).status).toBe(
      404,
    );
    expect((await evaluate({ expression: '1 +' })).body.errorMessages).toEqual([
      'Invalid expression: Unexpected end of expression (line 1, column 3)',
    ]);
    const unmodelled = await evaluate({ expression: 'sprint.id', context: { sprint: 1 } });
    expect(unmodelled).toMatchObject({ status: 501 });
    expect((await evaluate({ expression: 'typeof 1' })).status).toBe(501);
    // A request the spec refuses never reaches the evaluator, and is recorded as undocumented use.
    expect((await evaluate({ expression: 'true', context: { unknown: 1 } })).status).toBe(400);
    expect(site.contractViolations.map((v) => v.errors)).toEqual([
      ['/context must NOT have additional properties (unknown)'],
    ]);
    expect(takeUndocumentedUse({ kind: 'body-property', name: '/context/unknown' }).operationId).toBe(
      'evaluateJSISJiraExpression',
    );
  });
});

describe('Jira expressions: Date and CalendarDate', () => {
  const NOW = Date.UTC(2026, 10, 30, 22, 30); // 2026-11-30T22:30Z
  const at = (expression: string) => toJson(evaluateExpression(expression, { config }, () => NOW).value);

  it.each([
    ['new Date()', '2026-11-30T22:30:00.000+0000'],
    ['new Date(0)', '1970-01-01T00:00:00.000+0000'],
    ['new Date("2026-06-29T22:16:37.471+1000")', '2026-06-29T12:16:37.471+0000'],
    ['new Date("2026-06-29T12:16:37Z").plusDays(2)', '2026-07-01T12:16:37.000+0000'],
    ['new Date().minusDays(1).toCalendarDate()', '2026-11-29'],
    ['new CalendarDate()', '2026-11-30'],
    ['new CalendarDate("2026-02-28").plusDays(1)', '2026-03-01'],
    ['new CalendarDate("2026-03-01").minusDays(1)', '2026-02-28'],
  ])('%s', (expression, expected) => {
    expect(at(expression)).toBe(expected);
  });

  it.each([
    ['new CalendarDate("2026-12-01") > new CalendarDate()', true],
    ['new CalendarDate("2026-11-30") == new CalendarDate()', true],
    ['new CalendarDate("2026-11-30") >= new CalendarDate().plusDays(1)', false],
    ['new Date("2026-11-30T22:29:00Z") < new Date()', true],
    ['new Date(0) == new Date("1970-01-01T00:00:00.000+0000")', true],
  ])('compares %s', (expression, expected) => {
    expect(at(expression)).toBe(expected);
  });

  it('refuses what the documented constructors do not read, and a Date compared with a CalendarDate', () => {
    const failed = (expression: string) => {
      try {
        evaluateExpression(expression, { config }, () => NOW);
      } catch (e) {
        return (e as Error).message;
      }
      throw new Error('no failure');
    };
    expect(failed('new CalendarDate("2026-02-30")')).toBe(
      'Evaluation failed: "new CalendarDate("2026-02-30")" - "2026-02-30" is not a date (YYYY-MM-DD)',
    );
    expect(failed('new Date() < new CalendarDate()')).toBe(
      'Evaluation failed: "new Date() < new CalendarDate()" - Can\'t compare Date to CalendarDate.',
    );
  });
});

describe('Jira expressions: Issue.changelogs', () => {
  it('lists each transition newest first, a status change from and to status ids with their names', async () => {
    const site = new JiraSite();
    site.addUser({ accountId: 'ann', displayName: 'Ann' });
    site.addProject({ key: 'OPS' });
    site.grant('BROWSE_PROJECTS', { accountId: 'ann', projectKey: 'OPS' });
    site.grant('TRANSITION_ISSUES', { accountId: 'ann', projectKey: 'OPS' });
    site.addIssue({ key: 'OPS-1', projectKey: 'OPS', summary: 'x' });
    let now = Date.UTC(2026, 0, 1);
    site.clock = () => now;
    const move = async (id: string) => {
      now += 3_600_000;
      const answer = await site.handle(
        { kind: 'user', accountId: 'ann' },
        '/rest/api/3/issue/OPS-1/transitions',
        {
          method: 'POST',
          body: JSON.stringify({ transition: { id } }),
        },
      );
      expect(answer.status).toBe(204);
    };
    await move('11'); // To Do -> In Progress
    await move('21'); // In Progress -> Done
    const issue = new JiraObjects(site).issue(site.requireIssue('OPS-1'));
    const id = (name: string) => site.requireStatus(name).id;
    expect(
      toJson(
        evaluateExpression(
          'issue.changelogs.map(c => [c.created, c.author.accountId, c.items.map(i => [i.fieldId, i.from, i.fromString, i.to, i.toString])])',
          { issue },
        ).value,
      ),
    ).toEqual([
      [
        '2026-01-01T02:00:00.000+0000',
        'ann',
        [['status', id('In Progress'), 'In Progress', id('Done'), 'Done']],
      ],
      [
        '2026-01-01T01:00:00.000+0000',
        'ann',
        [['status', id('To Do'), 'To Do', id('In Progress'), 'In Progress']],
      ],
    ]);
    // The REST changelog agrees, oldest first as the spec says.
    const rest = (await (
      await site.handle({ kind: 'user', accountId: 'ann' }, '/rest/api/3/issue/OPS-1/changelog')
    ).json()) as { values: Array<{ items: unknown[] }> };
    expect(rest.values.map((v) => v.items)).toEqual([
      [
        {
          field: 'status',
          fieldId: 'status',
          fieldtype: 'jira',
          from: id('To Do'),
          fromString: 'To Do',
          to: id('In Progress'),
          toString: 'In Progress',
        },
      ],
      [
        {
          field: 'status',
          fieldId: 'status',
          fieldtype: 'jira',
          from: id('In Progress'),
          fromString: 'In Progress',
          to: id('Done'),
          toString: 'Done',
        },
      ],
    ]);
  });
});
