/**
 * Manifest validity, both ways @forge/manifest offers: its JSON schema (ajv) and its exported `validate()`, which
 * also checks handlers, resources and per-module rules that the schema alone misses.
 */
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { withCwd } from '../lib/cwd';

export interface ManifestProblem {
  source: 'schema' | '@forge/manifest';
  line?: number;
  message: string;
}

export async function validateManifest(appDir: string): Promise<ManifestProblem[]> {
  const manifestPath = path.join(appDir, 'manifest.yml');
  return [...schemaProblems(manifestPath), ...(await forgeProblems(manifestPath))];
}

function schemaProblems(manifestPath: string): ManifestProblem[] {
  const lineCounter = new LineCounter();
  const document = parseDocument(readFileSync(manifestPath, 'utf8'), { lineCounter });
  if (document.errors.length) {
    return document.errors.map((e) => ({ source: 'schema', line: e.linePos?.[0].line, message: e.message }));
  }
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the package exports the schema only as JSON
  const validate = ajv.compile(require('@forge/manifest/schema.json') as object);
  if (validate(document.toJS())) return [];
  return (validate.errors ?? []).map((error) => {
    const segments = error.instancePath.split('/').slice(1).map(decodePointer);
    const node = document.getIn(segments, true) as { range?: [number, number] } | undefined;
    const line = node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
    return {
      source: 'schema',
      line,
      message: `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`,
    };
  });
}

const decodePointer = (segment: string): string | number => {
  const text = segment.replace(/~1/g, '/').replace(/~0/g, '~');
  return /^\d+$/.test(text) ? Number(text) : text;
};

async function forgeProblems(manifestPath: string): Promise<ManifestProblem[]> {
  // validate() resolves handlers and resources relative to the working directory.
  const { validate } = await import('@forge/manifest');
  const result = await withCwd(path.dirname(manifestPath), () => validate(false, manifestPath));
  if (result.success) return [];
  return (result.errors ?? []).map((e) => ({ source: '@forge/manifest', line: e.line, message: e.message }));
}

if (require.main === module) {
  void validateManifest(process.argv[2] ?? process.cwd()).then((problems) => {
    for (const p of problems)
      console.error(`manifest.yml${p.line ? `:${p.line}` : ''}: ${p.message} (${p.source})`);
    if (problems.length) process.exitCode = 1;
  });
}
