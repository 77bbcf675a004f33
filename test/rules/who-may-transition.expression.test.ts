import fc from 'fast-check';
import { WhoMayTransitionConfig } from '../../src/rules/who-may-transition/configuration';
import { expressionString } from '../../src/rules/expression-builders/literal';
import {
  buildWhoMayTransitionExpression,
  describeWhoMayTransition,
} from '../../src/rules/expression-builders/who-may-transition';
import { completeWhoMayTransition } from '../../src/rules/who-may-transition/prepare';
import { finishConfiguration } from '../../src/rules/validator-config/prepare';
import { JiraSite } from '../emulator';
import { analyseExpression } from '../emulator/expression';
import { evaluateValidatorExpression, manifestExpressionValidator } from '../emulator/expression-validator';

const build = (input: object) =>
  buildWhoMayTransitionExpression({ ...WhoMayTransitionConfig.parse(input), userFields: [] });

/** Every double-quoted literal replaced by "_": what is left is the expression's structure. */
const skeleton = (expression: string) => expression.replace(/"(?:[^"\\]|\\.)*"/g, '"_"');

/** Fixed so that a failing run can be replayed; the run prints it. */
const SEED = 230_2026;
const RUNS = 1_000;

/**
 * Name pieces weighted to what can end or bend a string literal: quotes and backslashes (Jira expressions), backticks
 * and `${` (template literals), and the line terminators U+2028/U+2029 and control characters (refused), next to the
 * operators an injection needs and arbitrary text.
 */
const DANGEROUS = ['"', '\\', '`', '${', '\u2028', '\u2029'] as const;
const piece = fc.oneof(
  { arbitrary: fc.constantFrom(...DANGEROUS), weight: 6 },
  {
    arbitrary: fc.constantFrom(
      "'",
      ' || true || ',
      ']',
      '[',
      '(',
      ')',
      '.includes(group)',
      '}',
      '\\"',
      ' ',
      '\n',
    ),
    weight: 3,
  },
  { arbitrary: fc.string({ minLength: 1, maxLength: 4 }), weight: 3 },
  { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 2 }), weight: 1 },
);
const hostileName = fc.array(piece, { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));
/** The test's own definition of what no name may hold: C0 controls, DEL and the JavaScript line separators. */
// eslint-disable-next-line no-control-regex
const LINE_OR_CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]/;

const validatorModule = manifestExpressionValidator('who-may-transition');
const REOPEN = '31';
/** The configuration the screen saves when it names no user field (so no Jira lookup is needed). */
const saved = (input: object) => {
  const config = WhoMayTransitionConfig.parse(input);
  return finishConfiguration(completeWhoMayTransition(config, { ...config, userFields: [] })).configuration;
};

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
    expect(
      describeWhoMayTransition({
        ...WhoMayTransitionConfig.parse({ groups: ['ops'], reporter: true }),
        userFields: [],
      }),
    ).toBe('Only members of "ops", the reporter may make this transition.');
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
      'choose at least one group, project role, user field, the assignee or the reporter',
    );
    expect(() => expressionString('a\u2028b')).toThrow('cannot hold control characters');
  });

  it('evaluates a group named x" || true || " as a name: its member passes, a member of "x" does not', () => {
    const site = new JiraSite();
    site.addProject({ key: 'OPS', name: 'Operations' });
    site.addIssue({ key: 'OPS-2', projectKey: 'OPS', summary: 'Patch servers', status: 'Done' });
    site.addUser({ accountId: 'member', displayName: 'Member', groups: ['x" || true || "'] });
    site.addUser({ accountId: 'x-member', displayName: 'In x', groups: ['x', ''] });
    site.addUser({ accountId: 'nobody', displayName: 'Nobody' });
    const configuration = saved({ groups: ['x" || true || "'], message: 'No.' });
    const verdict = (accountId: string) =>
      evaluateValidatorExpression(site, {
        ...validatorModule,
        config: configuration,
        issueKey: 'OPS-2',
        transitionId: REOPEN,
        accountId,
      });
    expect(['member', 'x-member', 'nobody'].map(verdict)).toEqual([
      { result: true },
      { result: false, errorMessage: 'No.' },
      { result: false, errorMessage: 'No.' },
    ]);
  });

  it(`lets exactly the members through and keeps the structure, whatever the names (${RUNS} runs, seed ${SEED})`, () => {
    process.stdout.write(`who-may-transition property: ${RUNS} runs, fast-check seed ${SEED}\n`);
    const site = new JiraSite();
    site.addProject({ key: 'OPS', name: 'Operations' });
    site.addIssue({ key: 'OPS-2', projectKey: 'OPS', summary: 'Patch servers', status: 'Done' });
    const seen: Record<'accepted' | 'refused' | (typeof DANGEROUS)[number], number> = {
      accepted: 0,
      refused: 0,
      ...(Object.fromEntries(DANGEROUS.map((d) => [d, 0])) as Record<(typeof DANGEROUS)[number], number>),
    };
    let run = 0;
    fc.assert(
      fc.property(
        fc.array(hostileName, { minLength: 1, maxLength: 3 }),
        fc.array(hostileName, { maxLength: 2 }),
        (groups, projectRoles) => {
          run += 1;
          const names = [...groups, ...projectRoles];
          const parsed = WhoMayTransitionConfig.safeParse({ groups, projectRoles, message: 'No.' });
          // Leading and trailing white space (line breaks included) is trimmed away; inside a name, refused.
          if (names.some((name) => LINE_OR_CONTROL.test(name.trim()))) {
            seen.refused += 1;
            expect(parsed.success).toBe(false);
            for (const name of names.filter((n) => LINE_OR_CONTROL.test(n))) {
              expect(() => expressionString(name)).toThrow('cannot hold control characters');
            }
            return;
          }
          if (names.some((name) => name.trim() === '' || name.trim().length > 255)) {
            expect(parsed.success).toBe(false);
            return;
          }
          if (!parsed.success) throw new Error(`refused: ${JSON.stringify(names)}`);
          seen.accepted += 1;
          for (const d of DANGEROUS) if (names.some((name) => name.includes(d))) seen[d] += 1;
          const config = { ...parsed.data, userFields: [] };
          const expression = buildWhoMayTransitionExpression(config);
          const reference = buildWhoMayTransitionExpression({
            ...config,
            groups: config.groups.map(() => 'x'),
            projectRoles: config.projectRoles.map(() => 'x'),
          });
          expect(skeleton(expression)).toBe(skeleton(reference));

          // Evaluated as Jira evaluates the saved configuration at transition time.
          const configuration = saved({ groups, projectRoles, message: 'No.' });
          const transition = (accountId: string) =>
            evaluateValidatorExpression(site, {
              ...validatorModule,
              config: configuration,
              issueKey: 'OPS-2',
              transitionId: REOPEN,
              accountId,
            });
          config.groups.forEach((group, i) => {
            const id = `member-${run}-${i}`;
            site.addUser({ accountId: id, displayName: 'Member', groups: [group] });
            expect({ group, verdict: transition(id) }).toEqual({ group, verdict: { result: true } });
          });
          config.projectRoles.forEach((role, i) => {
            const id = `role-${run}-${i}`;
            site.addUser({ accountId: id, displayName: 'Role holder' });
            site.assignRole('OPS', role, id);
            expect({ role, verdict: transition(id) }).toEqual({ role, verdict: { result: true } });
          });
          // Someone in every group an injection could reach: the pieces between quotes and backslashes.
          const decoys = [
            ...new Set(['x', 'true', '', ...names.flatMap((name) => name.split(/["\\]/))]),
          ].filter((decoy) => !config.groups.includes(decoy));
          const outsider = `outsider-${run}`;
          site.addUser({ accountId: outsider, displayName: 'Outsider', groups: decoys });
          expect({ names, verdict: transition(outsider) }).toEqual({
            names,
            verdict: { result: false, errorMessage: 'No.' },
          });
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
    // The generator must have produced what the property exists for, accepted and refused.
    expect(seen.refused).toBeGreaterThan(RUNS / 10);
    expect(seen.accepted).toBeGreaterThan(RUNS / 4);
    for (const d of ['"', '\\', '`', '${'] as const)
      expect({ d, n: seen[d] > RUNS / 20 }).toEqual({ d, n: true });
  });
});
