// `npm run test:rule -- <rule> [jest options]`: runs one rule's tests alone, i.e. the files in test/rules/ that
// import src/rules/<rule> (a rule's tests are not always named after its folder: custom-expression's are not).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ruleCatalog } from '../src/rules/catalog';
import { REPO_ROOT } from './lib/openapi';

const RULES_DIR = path.join(REPO_ROOT, 'src', 'rules');
const RULE_TESTS_DIR = path.join(REPO_ROOT, 'test', 'rules');

/** The rules the app ships (src/rules/catalog.ts) that have a folder; shared folders such as validator-config are not rules. */
export function ruleNames(): string[] {
  return ruleCatalog
    .map((rule) => rule.key)
    .filter((key) => existsSync(path.join(RULES_DIR, key)))
    .sort();
}

/** The test files of `rule`, repo-relative; throws with the list of rules when there is no such rule. */
export function ruleTestFiles(rule: string | undefined): string[] {
  const rules = ruleNames();
  if (rule === undefined || !rules.includes(rule)) {
    throw new Error(
      `${rule === undefined ? 'No rule named' : `There is no rule "${rule}"`}. Run ` +
        `\`npm run test:rule -- <rule>\` with one of: ${rules.join(', ')}.`,
    );
  }
  // `../../src/rules/notify` (the folder's index) or `../../src/rules/notify/decide`.
  const imports = new RegExp(`/src/rules/${rule}['"/]`);
  const files = readdirSync(RULE_TESTS_DIR)
    .filter((name) => name.endsWith('.test.ts'))
    .filter((name) => imports.test(readFileSync(path.join(RULE_TESTS_DIR, name), 'utf8')))
    .map((name) => `test/rules/${name}`)
    .sort();
  if (files.length === 0)
    throw new Error(`No file in test/rules/ imports src/rules/${rule}: it has no tests of its own yet.`);
  return files;
}

if (require.main === module) {
  const [rule, ...jestOptions] = process.argv.slice(2);
  try {
    const files = ruleTestFiles(rule);
    const jest = spawnSync(
      process.execPath,
      [require.resolve('jest/bin/jest'), '--runTestsByPath', ...files, ...jestOptions],
      { cwd: REPO_ROOT, stdio: 'inherit' },
    );
    process.exitCode = jest.status ?? 1;
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
  }
}
