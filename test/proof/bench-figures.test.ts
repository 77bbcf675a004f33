import { readFileSync } from 'node:fs';
import type { RULE_COLUMNS } from '../../bench/docs';
import { between, PROOF_DOC, rulesTable } from '../../bench/docs';
import { benchRules } from '../../bench/rules';

/**
 * docs/proof.md's figures are generated (`npm run bench`, bench/docs.ts); this checks that the deterministic ones,
 * the calls and points of each rule against the naive baseline, are what the code does now. Times are not
 * compared: they vary by machine. When this fails, the code changed its calls: run `npm run bench`.
 */
const DETERMINISTIC: ReadonlyArray<(typeof RULE_COLUMNS)[number]> = [
  'scenario',
  'calls ours / naive',
  'calls ratio',
  'points ours / naive',
  'points ratio',
];

/** The cells of a markdown table, by column name. */
function rows(table: string): Array<Record<string, string>> {
  const lines = table
    .trim()
    .split('\n')
    .map((line) =>
      line
        .trim()
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
  const [header = [], , ...body] = lines;
  return body.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ''])));
}

const deterministic = (table: string) =>
  rows(table).map((row) => Object.fromEntries(DETERMINISTIC.map((column) => [column, row[column]])));

describe('docs/proof.md figures', () => {
  it('shows the calls and points a fresh deterministic run of the rule bench measures', async () => {
    const documented = deterministic(between(readFileSync(PROOF_DOC, 'utf8'), 'rules'));
    const fresh = deterministic(rulesTable(await benchRules({ deterministic: true })));
    expect(fresh.length).toBeGreaterThan(0);
    expect(documented).toEqual(fresh);
  });
});
