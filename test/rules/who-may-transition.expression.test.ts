import fc from 'fast-check';
import { WhoMayTransitionConfig } from '../../src/rules/who-may-transition/configuration';
import {
  buildWhoMayTransitionExpression,
  describeWhoMayTransition,
  expressionString,
} from '../../src/rules/who-may-transition/expression';
import { analyseExpression } from '../emulator/expression';

const build = (input: object) => buildWhoMayTransitionExpression(WhoMayTransitionConfig.parse(input));

/** Every double-quoted literal replaced by "_": what is left is the expression's structure. */
const skeleton = (expression: string) => expression.replace(/"(?:[^"\\]|\\.)*"/g, '"_"');

describe('Who may transition: expression builder (pure)', () => {
  it('builds a boolean expression from groups, roles, assignee and reporter', () => {
    expect(
      build({
        groups: ['release-managers', 'ops'],
        projectRoles: ['Developers'],
        assignee: true,
        reporter: true,
      }),
    ).toBe(
      'user.groups.some(group => ["release-managers", "ops"].includes(group))' +
        ' || user.getProjectRoles(project).some(role => ["Developers"].includes(role.name))' +
        ' || (issue.assignee != null && issue.assignee.accountId == user.accountId)' +
        ' || (issue.reporter != null && issue.reporter.accountId == user.accountId)',
    );
    expect(build({ assignee: true })).toBe(
      '(issue.assignee != null && issue.assignee.accountId == user.accountId)',
    );
    expect(describeWhoMayTransition(WhoMayTransitionConfig.parse({ groups: ['ops'], reporter: true }))).toBe(
      'Only members of "ops", the reporter may make this transition.',
    );
  });

  it.each([
    ['a quote that would close the literal', 'devs" || true || "', '"devs\\" || true || \\""'],
    ['a backslash before the closing quote', 'devs\\', '"devs\\\\"'],
    ['an escaped quote attempt', 'a\\" || true || \\"', '"a\\\\\\" || true || \\\\\\""'],
    ['template and comment syntax', '${user} /* x */ `y`', '"${user} /* x */ `y`"'],
  ])('keeps %s inside one string literal', (_what, name, literal) => {
    expect(expressionString(name)).toBe(literal);
    const expression = build({ groups: [name] });
    expect(expression).toBe(`user.groups.some(group => [${literal}].includes(group))`);
    expect(skeleton(expression)).toBe(skeleton(build({ groups: ['x'] })));
    expect(analyseExpression(expression, 'type', {})).toMatchObject({ valid: true, type: 'Boolean' });
  });

  it('refuses names with line breaks or control characters, and an empty rule', () => {
    const bad = WhoMayTransitionConfig.safeParse({ groups: ['ops\n|| true'], projectRoles: [''] });
    expect(bad.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'groups.0: a group name must not contain line breaks or control characters',
      'projectRoles.0: a project role name cannot be empty',
    ]);
    expect(WhoMayTransitionConfig.safeParse({}).error?.issues[0]?.message).toBe(
      'choose at least one group, project role, the assignee or the reporter',
    );
    expect(() => expressionString('a\u2028b')).toThrow('cannot hold control characters');
  });

  it('never lets any accepted name change the structure of the expression (property)', () => {
    const name = fc
      .string({ unit: 'binary', minLength: 1, maxLength: 40 })
      .filter((s) => WhoMayTransitionConfig.safeParse({ groups: [s] }).success);
    fc.assert(
      fc.property(
        fc.array(name, { minLength: 1, maxLength: 3 }),
        fc.array(name, { maxLength: 3 }),
        (groups, roles) => {
          const config = WhoMayTransitionConfig.parse({ groups, projectRoles: roles });
          const expression = buildWhoMayTransitionExpression(config);
          const reference = buildWhoMayTransitionExpression({
            ...config,
            groups: config.groups.map(() => 'x'),
            projectRoles: config.projectRoles.map(() => 'x'),
          });
          expect(skeleton(expression)).toBe(skeleton(reference));
          expect(analyseExpression(expression, 'type', {}).valid).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
