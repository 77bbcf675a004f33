// `npm run bench`: prints the figures, writes bench-results/latest.json and the figure tables of docs/proof.md.
// Never a pass/fail gate.
import '../test/harness/runtime';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { benchColdStart } from './cold-start';
import { LATENCY_MS } from './cost';
import { benchRules } from './rules';
import { benchScale } from './scale';
import { benchStorm } from './storm';
import { BenchResults, PROOF_DOC, writeProofTables } from './docs';
import { printTable } from './stats';

async function main() {
  const results: Record<string, unknown> = { at: new Date().toISOString(), node: process.version };
  const { rules, floors, costs } = await benchRules();
  printTable(
    'Per rule execution, through the emulator: Workflow Guard (ours), the fair baseline (naive) and the floor. Counts are per execution; handler ms = wall minus time inside the emulated Jira, KVS and third party, both handlers warmed up and run alternately',
    rules,
  );
  printTable('The floor: the fewest Jira calls the documented behaviour needs', floors);
  printTable(
    `What one execution costs in Forge's billing units (latency model: ${LATENCY_MS.jira} ms per Jira call, ${LATENCY_MS.kvs} ms per KVS round trip, ${LATENCY_MS.external} ms per third-party call; 0.5 GB)`,
    costs,
  );
  Object.assign(results, { rules, floors, costs });
  const coldStart = await benchColdStart();
  printTable('Cold start of the backend bundle (fresh Node processes)', coldStart);
  results.coldStart = coldStart;
  const storm = await benchStorm();
  printTable('Rate-limit storm: half of all calls answered 429 with Retry-After: 1', [storm]);
  results.storm = storm;
  const scale = await benchScale();
  printTable('Scale: seeded through the audit log and the settings store', scale.seeding);
  printTable(
    `Scale: page loads (${scale.runs} calls each; wall includes the emulators, whose in-memory KVS query scans every key; own = wall minus time inside the emulated Jira and KVS)`,
    scale.rows,
  );
  printTable(`Scale: does each page load stay flat? (entries / projects: ${scale.sizes})`, scale.summary);
  printTable('Scale: what the 90-day retention holds at steady state', [scale.retention]);
  results.scale = scale;
  const dir = path.resolve(__dirname, '..', 'bench-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\nWritten to ${path.join(dir, 'latest.json')}\n`);
  await writeProofTables(BenchResults.parse(results));
  process.stdout.write(`Figure tables of ${PROOF_DOC} regenerated\n`);
}

void main();
