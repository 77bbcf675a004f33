// Writes the figure tables of docs/proof.md from bench-results/latest.json, between marker comments, so that the
// document shows what the last `npm run bench` measured. `npm run bench` runs it; `tsx bench/docs.ts` alone
// regenerates the tables from the JSON already there.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const PROOF_DOC = path.resolve(__dirname, '..', 'docs', 'proof.md');
const LATEST = path.resolve(__dirname, '..', 'bench-results', 'latest.json');

const Row = z.record(z.string(), z.union([z.string(), z.number()]));
type Row = z.infer<typeof Row>;
/** What bench/run.ts writes to bench-results/latest.json (the parts the document shows). */
export const BenchResults = z.object({
  at: z.string(),
  node: z.string(),
  rules: z.array(Row),
  coldStart: Row,
  storm: Row,
  scale: z.object({ sizes: z.string(), runs: z.number(), summary: z.array(Row) }),
});
export type BenchResults = z.infer<typeof BenchResults>;

/** The targets a ratio is held to (the project's issue): at most 0.5× the naive baseline. */
const RATIO_TARGET = 0.5;
const flagged = (ratio: string | number) => (Number(ratio) > RATIO_TARGET ? `**${ratio}**` : String(ratio));

const escape = (cell: string | number) => String(cell).replaceAll('|', '\\|');

function table(columns: string[], rows: Array<Array<string | number>>): string {
  return [
    `| ${columns.join(' | ')} |`,
    `| ${columns.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(escape).join(' | ')} |`),
  ].join('\n');
}

/** The columns the per-rule table shows, in the document's words, from one row of benchRules(). */
export const RULE_COLUMNS = [
  'scenario',
  'calls ours / naive',
  'calls ratio',
  'points ours / naive',
  'points ratio',
  'handler ms p50 / p95 (ours)',
] as const;

export function rulesTable(rules: Row[]): string {
  return table(
    [...RULE_COLUMNS],
    rules.map((r) => [
      r.scenario ?? '',
      r['calls (ours/naive)'] ?? '',
      flagged(r['calls ratio'] ?? ''),
      r['points (ours/naive)'] ?? '',
      flagged(r['points ratio'] ?? ''),
      r['handler ms p50/p95 (ours)'] ?? '',
    ]),
  );
}

function tables(results: BenchResults): Record<string, string> {
  const { coldStart, storm, scale } = results;
  return {
    run: `Run of ${results.at.slice(0, 10)} on Node ${results.node} (\`npm run bench\`).`,
    rules: rulesTable(results.rules),
    'cold-start': table(
      ['bundle', 'import, median of fresh processes'],
      [[`${coldStart['bundle kB']} kB`, `${coldStart['import ms (median)']} ms`]],
    ),
    storm: table(Object.keys(storm), [Object.values(storm)]),
    scale: table(
      ['page load', 'KVS calls', 'Jira calls', 'own ms p50'],
      scale.summary.map((r) => [
        r['page load'] ?? '',
        r['KVS calls'] ?? '',
        r['Jira calls'] ?? '',
        r['own ms p50'] ?? '',
      ]),
    ),
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
