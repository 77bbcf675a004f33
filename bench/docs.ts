// Writes the figure tables of docs/proof.md from bench-results/latest.json, between marker comments, so that the
// document shows what the last `npm run bench` measured. `npm run bench` runs it; `tsx bench/docs.ts` alone
// regenerates the tables from the JSON already there.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { FUNCTION_GB, LATENCY_MS, PRICES, PRICES_SOURCE } from './cost';
import { EMPTY_READ_BYTES } from './meter';

export const PROOF_DOC = path.resolve(__dirname, '..', 'docs', 'proof.md');
const LATEST = path.resolve(__dirname, '..', 'bench-results', 'latest.json');

const Row = z.record(z.string(), z.union([z.string(), z.number()]));
type Row = z.infer<typeof Row>;
/** What bench/run.ts writes to bench-results/latest.json (the parts the document shows). */
export const BenchResults = z.object({
  at: z.string(),
  node: z.string(),
  rules: z.array(Row),
  floors: z.array(Row),
  costs: z.array(Row),
  coldStart: z.array(Row),
  storm: Row,
  scale: z.object({ sizes: z.string(), runs: z.number(), summary: z.array(Row), retention: Row }),
});
export type BenchResults = z.infer<typeof BenchResults>;

const escape = (cell: string | number) => String(cell).replaceAll('|', '\\|');

function table(columns: readonly string[], rows: Array<Array<string | number>>): string {
  return [
    `| ${columns.join(' | ')} |`,
    `| ${columns.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(escape).join(' | ')} |`),
  ].join('\n');
}

/** A table of `rows` showing `columns`, each cell the row's value under that name. */
const pick = (columns: readonly string[], rows: Row[]) =>
  table(
    columns,
    rows.map((r) => columns.map((c) => r[c] ?? '')),
  );

/** The per-rule counts: the same on every run and machine; bench-figures.test.ts checks them. */
export const RULE_COLUMNS = [
  'scenario',
  'Jira calls ours / naive / floor',
  'above floor',
  'KVS round trips ours / naive',
  'KVS round trips (ours) by operation',
  'points ours / naive',
  'strict points ours / naive',
] as const;
export const FLOOR_COLUMNS = ['scenario', 'calls', 'call', 'why'] as const;
/** The byte counts of the cost table (the time-dependent columns are left to the run). */
export const BYTE_COLUMNS = [
  'KVS B read',
  'KVS B written',
  'B stored after',
  'of which kept <= 7 days',
  'log B',
] as const;
const COST_COLUMNS = ['scenario', ...BYTE_COLUMNS, 'modelled s', 'GB-s', 'USD per 1M executions'] as const;
const TIME_COLUMNS = ['scenario', 'handler ms p50 ours / naive', 'handler ms p95 ours / naive'] as const;

export const rulesTable = (rules: Row[]) => pick(RULE_COLUMNS, rules);
export const floorTable = (floors: Row[]) => pick(FLOOR_COLUMNS, floors);
export const costTable = (costs: Row[]) => pick(COST_COLUMNS, costs);

function model(): string {
  return table(
    ['what', 'figure', 'source'],
    [
      ['Jira call', `${LATENCY_MS.jira} ms`, 'assumption (no published latency)'],
      ['KVS round trip', `${LATENCY_MS.kvs} ms`, 'assumption (no published latency)'],
      ["third party's answer (Notify)", `${LATENCY_MS.external} ms`, 'assumption'],
      ['function memory', `${FUNCTION_GB} GB`, 'monitor-usage-metrics'],
      ['GB-second', `$${PRICES.gbSecond}`, PRICES_SOURCE],
      ['KVS read, per GB', `$${PRICES.kvsReadGb}`, PRICES_SOURCE],
      ['KVS write, per GB', `$${PRICES.kvsWriteGb}`, PRICES_SOURCE],
      ['log write, per GB', `$${PRICES.logWriteGb}`, PRICES_SOURCE],
      ['empty KVS read', `${EMPTY_READ_BYTES} B`, 'forge-platform-pricing ("count as 1KB")'],
    ],
  );
}

function tables(results: BenchResults): Record<string, string> {
  const { coldStart, storm, scale } = results;
  return {
    run: `Run of ${results.at.slice(0, 10)} on Node ${results.node} (\`npm run bench\`).`,
    rules: rulesTable(results.rules),
    floor: floorTable(results.floors),
    times: pick(TIME_COLUMNS, results.rules),
    model: model(),
    costs: costTable(results.costs),
    'cold-start': pick(
      ['bundle', 'kB', 'app code kB', 'zod kB', 're2js kB', 'other packages kB', 'import ms (median)'],
      coldStart,
    ),
    storm: table(Object.keys(storm), [Object.values(storm)]),
    scale: pick(['page load', 'KVS calls', 'Jira calls', 'own ms p50'], scale.summary),
    retention: table(['figure', 'value'], Object.entries(scale.retention)),
  };
}

const marker = (name: string, end: boolean) => `<!-- bench:${name}:${end ? 'end' : 'start'} -->`;

/** The text between a table's markers in the document (throws naming the marker when it is missing). */
export function between(doc: string, name: string): string {
  const start = doc.indexOf(marker(name, false));
  const end = doc.indexOf(marker(name, true));
  if (start < 0 || end < start)
    throw new Error(`docs/proof.md has no ${marker(name, false)} … ${marker(name, true)}`);
  return doc.slice(start + marker(name, false).length, end);
}

export async function writeProofTables(results: BenchResults, file = PROOF_DOC): Promise<void> {
  let doc = readFileSync(file, 'utf8');
  for (const [name, text] of Object.entries(tables(results))) {
    const old = between(doc, name);
    doc = doc.replace(
      `${marker(name, false)}${old}${marker(name, true)}`,
      `${marker(name, false)}\n\n${text}\n\n${marker(name, true)}`,
    );
  }
  // Loaded only here: prettier cannot be loaded inside jest, where the figures test reads this module.
  const { format, resolveConfig } = await import('prettier');
  const options = (await resolveConfig(file)) ?? {};
  writeFileSync(file, await format(doc, { ...options, filepath: file }));
}

if (require.main === module) {
  const results = BenchResults.parse(JSON.parse(readFileSync(LATEST, 'utf8')));
  void writeProofTables(results).then(() => process.stdout.write(`Tables written to ${PROOF_DOC}\n`));
}
