import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { SourceMapConsumer, type RawSourceMap } from 'source-map-js';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { median, round } from './stats';

const ROOT = path.resolve(__dirname, '..');

/**
 * The part of @forge/bundler (7.1.0, installed with @forge/cli) the bench uses. Typed here: its declarations
 * bring @forge/cli-shared's, whose globals clash with the project's (`Headers` stops being iterable).
 */
interface RuntimeScript {
  script: string;
  source: string;
  version: string;
}
interface ForgeBundlerModule {
  getNodeBundler(
    logger: unknown,
    wrapperProvider: {
      getNodeRuntimeWrapper(): Promise<RuntimeScript>;
      getNodeRuntimeLoader(): Promise<RuntimeScript | undefined>;
    },
    configReader: { readConfig(): Promise<unknown> },
    statsigService: unknown,
  ): {
    bundle(args: {
      appDirectory: string;
      entryPoints: Array<{ name: string; path: string }>;
    }): Promise<{ outputDir: string }>;
  };
}
const FORGE_BUNDLER = '@forge/bundler';

/**
 * The handler files manifest.yml names (`handler: <file>.<export>`), as `forge deploy` turns them into entry
 * points (@forge/bundler's getEntryPoints: one per file under src/), with the exports each must have.
 */
function manifestHandlers(): Map<string, string[]> {
  const manifest = parse(readFileSync(path.join(ROOT, 'manifest.yml'), 'utf8')) as {
    modules?: { function?: Array<{ handler: string }> };
  };
  const files = new Map<string, string[]>();
  for (const { handler } of manifest.modules?.function ?? []) {
    const [file = '', name = ''] = handler.split('.');
    files.set(file, [...(files.get(file) ?? []), name]);
  }
  return files;
}

/**
 * Forge's default Node bundler as `forge deploy` runs it (@forge/cli's RuntimeBundler calls
 * `getNodeBundler(...).bundle({appDirectory, entryPoints})`; with no `app.package` in the manifest it is the
 * webpack bundler: production mode, not minified, target node18, `<file>.cjs` per handler file). Offline: the
 * runtime wrapper Forge adds beside the app's code is fetched from a CDN on deploy; here a placeholder stands in
 * for it, and only the app's own bundle is measured.
 */
async function forgeBundle(entries: string[]): Promise<string> {
  const forge = (await import(FORGE_BUNDLER)) as ForgeBundlerModule;
  const placeholder = { script: '', source: 'bench', version: 'bench' };
  const wrapper = {
    getNodeRuntimeWrapper: () => Promise.resolve(placeholder),
    getNodeRuntimeLoader: () => Promise.resolve(undefined),
  };
  const quiet = { info() {}, debug() {}, trace() {}, warn() {}, error() {} };
  // No `app.package` in the manifest: the default (webpack) bundler; statsig is consulted only for others.
  const configReader = { readConfig: () => Promise.resolve({ app: {} }) };
  const { outputDir } = await forge.getNodeBundler(quiet, wrapper, configReader, {}).bundle({
    appDirectory: ROOT,
    entryPoints: entries.map((name) => ({ name, path: path.join(ROOT, 'src', name) })),
  });
  return outputDir;
}

/** The median time fresh Node processes take to require `file`, which must export every handler. */
function importTimes(file: string, handlers: string[], processes: number): number[] {
  const script = `const t=process.hrtime.bigint();const m=require(${JSON.stringify(file)});const ms=Number(process.hrtime.bigint()-t)/1e6;
const missing=${JSON.stringify(handlers)}.filter((h)=>typeof m[h]!=='function');
if(missing.length)throw new Error('the bundle does not export '+missing.join(', '));process.stdout.write(String(ms))`;
  return Array.from({ length: processes }, () =>
    Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })),
  );
}

/** Where a bundle's bytes come from, by its source map: each generated segment counted for its source. */
function composition(file: string): Record<string, number> {
  const code = readFileSync(file, 'utf8').split('\n');
  const map = new SourceMapConsumer(JSON.parse(readFileSync(`${file}.map`, 'utf8')) as RawSourceMap);
  const origin = (source: string | null) =>
    !source
      ? 'other'
      : /node_modules\/zod\//.test(source)
        ? 'zod'
        : /node_modules\/re2js\//.test(source)
          ? 're2js'
          : /node_modules\//.test(source)
            ? 'other packages'
            : /(^|\/)src\//.test(source)
              ? 'app code'
              : 'other';
  const bytes: Record<string, number> = {};
  const segments: Array<{ line: number; column: number; source: string | null }> = [];
  map.eachMapping((m) =>
    segments.push({ line: m.generatedLine, column: m.generatedColumn, source: m.source }),
  );
  segments.forEach((segment, i) => {
    const next = segments[i + 1];
    const line = code[segment.line - 1] ?? '';
    const end = next && next.line === segment.line ? next.column : line.length + 1;
    const kind = origin(segment.source);
    bytes[kind] = (bytes[kind] ?? 0) + end - segment.column;
  });
  return Object.fromEntries(
    ['app code', 'zod', 're2js', 'other packages'].map((k) => [`${k} kB`, round((bytes[k] ?? 0) / 1024)]),
  );
}

const figures = (bundle: string, file: string, handlers: string[], processes: number, parts = false) => {
  const times = importTimes(file, handlers, processes);
  return {
    bundle,
    kB: round(statSync(file).size / 1024, 1),
    ...(parts ? composition(file) : {}),
    'import ms (median)': round(median(times)),
    'import ms (all)': times.map((t) => round(t, 1)).join(' '),
  };
};

/**
 * Cold start: the backend as Forge's bundler builds it, and (the figure of earlier runs, for comparison) as an
 * esbuild-minified bundle; each required by fresh Node processes, the median import time and the size.
 */
export async function benchColdStart(processes = 9) {
  const handlers = manifestHandlers();
  const [entry, exported = []] = [...handlers][0] ?? [];
  if (!entry || handlers.size !== 1)
    throw new Error(
      `the bench measures one handler file; manifest.yml names ${[...handlers.keys()].join(', ')}`,
    );
  const forgeDir = await forgeBundle([entry]);
  const esbuildFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'wg-esbuild-')), `${entry}.js`);
  await build({
    entryPoints: [path.join(ROOT, 'src', `${entry}.ts`)],
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    minify: true,
    outfile: esbuildFile,
    logLevel: 'silent',
  });
  try {
    return [
      figures(
        '@forge/bundler (what forge deploy ships)',
        path.join(forgeDir, `${entry}.cjs`),
        exported,
        processes,
        true,
      ),
      figures('esbuild, minified (earlier figure)', esbuildFile, exported, processes),
    ];
  } finally {
    rmSync(forgeDir, { recursive: true, force: true });
    rmSync(path.dirname(esbuildFile), { recursive: true, force: true });
  }
}
