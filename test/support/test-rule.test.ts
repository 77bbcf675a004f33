import { readFileSync } from 'node:fs';
import { ruleNames, ruleTestFiles } from '../../scripts/test-rule';

describe('npm run test:rule -- <rule>', () => {
  it("selects the rule's own test files, by what they import rather than by their names", () => {
    const importsRule = (file: string, rule: string) =>
      new RegExp(`src/rules/${rule}(/|'|")`).test(readFileSync(file, 'utf8'));
    const comment = ruleTestFiles('comment');
    // Named for the rule, and one named for something else that imports it.
    expect(comment).toEqual(
      expect.arrayContaining(['test/rules/comment.template.test.ts', 'test/rules/team-managed.test.ts']),
    );
    expect(comment).not.toContain('test/rules/notify.test.ts');
    for (const file of comment) expect(importsRule(file, 'comment')).toBe(true);
    expect(ruleTestFiles('custom-expression')).toEqual(['test/rules/expression-validators.test.ts']);
    // Importing the folder's index counts too.
    expect(ruleTestFiles('notify')).toEqual(['test/rules/notify.test.ts', 'test/rules/team-managed.test.ts']);
  });

  it('names every rule when the rule is missing or misspelt', () => {
    expect(() => ruleTestFiles(undefined)).toThrow(
      `No rule named. Run \`npm run test:rule -- <rule>\` with one of: ${ruleNames().join(', ')}.`,
    );
    // The app's rules, not the folders they share.
    expect(ruleNames()).toEqual(
      expect.arrayContaining(['comment', 'custom-expression', 'who-may-transition-condition']),
    );
    expect(ruleNames()).not.toContain('validator-config');
    expect(ruleNames()).not.toContain('expression-builders');
    expect(() => ruleTestFiles('coment')).toThrow(
      'There is no rule "coment". Run `npm run test:rule -- <rule>` with one of:',
    );
  });
});
