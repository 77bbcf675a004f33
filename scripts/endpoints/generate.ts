/**
 * `npm run generate`: regenerates src/permissions/jira-endpoints.generated.json from the app's Jira call sites.
 * `tsx scripts/endpoints/generate.ts --check` fails when the committed table is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../lib/openapi';
import { buildEndpointTable } from './table';

export const TABLE_PATH = path.join(REPO_ROOT, 'src', 'permissions', 'jira-endpoints.generated.json');

export function renderTable(root = REPO_ROOT): { text: string; problems: string[] } {
  const { rows, problems } = buildEndpointTable(root);
  return {
    text: `${JSON.stringify(rows, null, 2)}\n`,
    problems: problems
      .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line)
      .map((p) => `${p.file}:${p.line}: ${p.message}`),
  };
}

if (require.main === module) {
  const { text, problems } = renderTable();
  if (problems.length) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
  if (process.argv.includes('--check')) {
    if (readFileSync(TABLE_PATH, 'utf8') !== text) {
      console.error('The endpoint table is stale: run `npm run generate` and commit the result.');
      process.exit(1);
    }
  } else {
    writeFileSync(TABLE_PATH, text);
  }
}
