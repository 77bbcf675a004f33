import { checkedTexts } from '../support/envelope';
import { callResolver, runValidator, type ResolverHandler } from '../harness';
import { fieldsRequirementValidator } from '../../src/rules/fields-requirement';
import { validatorConfigResolver } from '../../src/rules/validator-config';
import { seedSite } from '../support/seed';
import { keysBesidesPlatformShape } from '../support/audit';

/**
 * Admin patterns run on text any user types. Patterns that make a backtracking engine take exponential or
 * polynomial time must finish at once on a long value, and syntax that cannot run in linear time is refused when
 * the rule is saved, with a message naming the field and the syntax.
 */
const LONG = 100_000;

/** Each pattern with a description that makes a backtracking engine explore its worst case. */
const CATASTROPHIC: ReadonlyArray<[string, string, string]> = [
  ['overlapping alternation', '^(a|aa)+$', `${'a'.repeat(LONG)}!`],
  ['nested repetition', '^(a+)+$', `${'a'.repeat(LONG)}!`],
  ['nested words and spaces', '^(\\w+\\s?)*$', `${'word '.repeat(LONG / 5)}!`],
  ['adjacent .*', '^.*.*.*=.*x$', `${'='.repeat(LONG)}`],
  ['repeated .*a', '(.*a){12}b', `${'a'.repeat(LONG)}`],
];

function validatorRun(pattern: string, description: string) {
  const { site, kvs } = seedSite();
  const configuration = {
    requirements: [{ fieldId: 'description', fieldName: 'Description', condition: 'matches', pattern }],
  };
  return runValidator(
    fieldsRequirementValidator,
    {
      issue: { key: 'OPS-1' },
      configuration: JSON.stringify(configuration),
      transition: {
        from: { id: site.requireStatus('To Do').id },
        to: { id: site.requireStatus('Done').id },
        // The description as the transition screen sends it: Atlassian Document Format.
        modifiedFields: {
          description: {
            type: 'doc',
            version: 1,
            content: [{ type: 'paragraph', content: [{ type: 'text', text: description }] }],
          },
        },
      },
    },
    { site, kvs },
  );
}

describe('fields requirement patterns run in linear time', () => {
  // Loads the modules and warms the engine, so that the figures are the match's, not the first import's.
  beforeAll(() => validatorRun('^a', 'a'));

  it.each(CATASTROPHIC)(
    '%s (%s) on a 100,000-character description finishes in well under a second',
    async (_what, pattern, description) => {
      const started = performance.now();
      const result = await validatorRun(pattern, description);
      const ms = performance.now() - started;
      expect(result).toEqual({
        result: false,
        errorMessage:
          '"Description" does not have the expected format; correct it before making this transition.',
      });
      expect(ms).toBeLessThan(1_000);
    },
  );

  it('still lets a matching value through', async () => {
    expect(await validatorRun('^(a|aa)+$', 'a'.repeat(LONG))).toEqual({ result: true });
  });
});

describe('fields requirement patterns the engine cannot run are refused when saved', () => {
  const handler = validatorConfigResolver as unknown as ResolverHandler;
  const save = async (pattern: string) => {
    const { site, kvs } = seedSite();
    const answer = await callResolver(
      handler,
      'prepareConfiguration',
      {
        rule: 'fields-requirement',
        configuration: {
          requirements: [
            { fieldId: 'duedate', fieldName: 'Due date', condition: 'not-empty' },
            { fieldId: 'summary', fieldName: 'Summary', condition: 'matches', pattern },
          ],
        },
      },
      { accountId: 'dev', extension: { type: 'jira:workflowValidator', entryPoint: 'create' } },
      { site, kvs },
    );
    return { answer, writes: keysBesidesPlatformShape(kvs).length, calls: site.calls.length };
  };

  it.each([
    ['^(?=.*OPS)', 'a lookahead such as (?=…) or (?!…)'],
    ['^(?!WIP)', 'a lookahead such as (?=…) or (?!…)'],
    ['(?<=OPS-)\\d+', 'a lookbehind such as (?<=…) or (?<!…)'],
    ['(\\w)\\1', 'a backreference such as \\1'],
    ['(?<key>\\w)\\k<key>', 'a named backreference such as \\k<name>'],
    ['(?>OPS)-\\d', 'an atomic group (?>…)'],
    ['\\d++', 'a possessive quantifier such as *+'],
  ])('%s: says the field and the syntax, and saves nothing', async (pattern, construct) => {
    const { answer, writes, calls } = await save(pattern);
    expect(checkedTexts(answer)).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: `The configuration is invalid: requirements.1.pattern: the pattern for "Summary" uses ${construct}, which Workflow Guard does not support: patterns run on a linear-time engine (RE2 syntax) so that no value can hold up a transition. Rewrite the pattern without it. Correct it; nothing was saved.`,
        fields: {
          'requirements.1.pattern': `The pattern for "Summary" uses ${construct}, which Workflow Guard does not support: patterns run on a linear-time engine (RE2 syntax) so that no value can hold up a transition. Rewrite the pattern without it.`,
        },
      },
    });
    expect({ writes, calls }).toEqual({ writes: 0, calls: 0 });
  });

  it('says what is wrong with a pattern that is not a regular expression at all', async () => {
    const { answer } = await save('OPS-(\\d+');
    expect(checkedTexts(answer)).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message:
          'The configuration is invalid: requirements.1.pattern: the pattern for "Summary" is not a valid regular expression: it has missing closing ) at "OPS-(\\d+". Correct it; nothing was saved.',
        fields: {
          'requirements.1.pattern':
            'The pattern for "Summary" is not a valid regular expression: it has missing closing ) at "OPS-(\\d+".',
        },
      },
    });
  });
});
