import { readFileSync } from 'node:fs';
import { between, BYTE_COLUMNS, costTable, floorTable, PROOF_DOC, rulesTable } from '../../bench/docs';
import { benchRules } from '../../bench/rules';

/**
 * docs/proof.md's figures are generated (`npm run bench`, bench/docs.ts); this checks that the counted ones are
 * what the code does now: per rule the Jira calls (ours, the fair baseline, the floor), KVS round trips and
 * points under both readings; the floor's derivation; and the bytes each execution reads, writes, stores and
 * logs. Times are not compared: they vary by machine. When this fails, the code changed what it does: run
 * `npm run bench`.
 */

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

const documented = (name: string) => rows(between(readFileSync(PROOF_DOC, 'utf8'), name));

/**
 * Bytes are compared to within 2%: an audit entry records each call's duration in milliseconds, whose digits
 * vary from run to run.
 */
const BYTE_TOLERANCE = 0.02;

describe('docs/proof.md figures', () => {
  let fresh: Awaited<ReturnType<typeof benchRules>>;
  beforeAll(async () => {
    fresh = await benchRules({ deterministic: true });
  });

  it('shows the Jira calls, floor, KVS round trips and points a fresh run of the rule bench counts', () => {
    expect(fresh.rules.length).toBeGreaterThan(0);
    expect(documented('rules')).toEqual(rows(rulesTable(fresh.rules)));
  });

  it('derives each floor as the bench defines it', () => {
    expect(documented('floor')).toEqual(rows(floorTable(fresh.floors)));
  });

  it('shows the bytes each execution reads, writes, stores and logs', () => {
    const doc = documented('costs');
    const now = rows(costTable(fresh.costs));
    expect(doc.map((r) => r.scenario)).toEqual(now.map((r) => r.scenario));
    const off = now.flatMap((row, i) =>
      BYTE_COLUMNS.flatMap((column) => {
        const [was, is] = [Number(doc[i]?.[column]), Number(row[column])];
        return Math.abs(was - is) <= BYTE_TOLERANCE * Math.max(is, 1)
          ? []
          : [`${row.scenario}, ${column}: documented ${was}, now ${is}`];
      }),
    );
    expect(off).toEqual([]);
  });
});
