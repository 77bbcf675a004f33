import { ruleTestFiles } from '../../scripts/test-rule';

describe('npm run test:rule -- <rule>', () => {
  it("selects the rule's own test files, by what they import rather than by their names", () => {
    expect(ruleTestFiles('comment')).toEqual([
      'test/rules/comment.configuration.test.ts',
      'test/rules/comment.retry.test.ts',
      'test/rules/comment.template.test.ts',
      'test/rules/team-managed.test.ts',
    ]);
    expect(ruleTestFiles('custom-expression')).toEqual(['test/rules/expression-validators.test.ts']);
    // Importing the folder's index counts too.
    expect(ruleTestFiles('notify')).toEqual(['test/rules/notify.test.ts', 'test/rules/team-managed.test.ts']);
  });

  it('names every rule when the rule is missing or misspelt', () => {
    expect(() => ruleTestFiles(undefined)).toThrow(
      /^No rule named\. Run `npm run test:rule -- <rule>` with one of: .*comment, custom-expression/,
    );
    expect(() => ruleTestFiles('coment')).toThrow(
      'There is no rule "coment". Run `npm run test:rule -- <rule>` with one of:',
    );
  });
});
