/**
 * "No missing scope": @forge/lint's client-side linters, run as a library because the `forge lint` command logs
 * in. The Jira OpenAPI description is read from disk (USE_LOCAL_SWAGGER and the six LOCAL_*_SWAGGER variables,
 * see ../shared/jira-openapi/README.md); any network attempt by the linter is reported as a failure.
 */
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { listSourceFiles } from '../endpoints/call-sites';
import { jiraSpecPath } from '../lib/openapi';
import { withCwd } from '../lib/cwd';

export interface LintProblem {
  file: string;
  line: number;
  column: number;
  message: string;
  missingPermission?: string;
}

interface LintResult {
  file: string;
  errors: { line: number; column: number; message: string; metadata?: { missingPermission?: string } }[];
}
interface LintModule {
  lint(
    files: string[],
    manifest: unknown,
    environment: string,
    logger: unknown,
    statsig: unknown,
    config: { linter: { mode: 'client-side' } },
  ): Promise<LintResult[]>;
}

function useLocalSpecs(): void {
  const spec = jiraSpecPath();
  const empty = path.join(path.dirname(spec), 'empty.json');
  Object.assign(process.env, {
    USE_LOCAL_SWAGGER: '1',
    LOCAL_JIRA_SWAGGER: spec,
    LOCAL_JSM_SWAGGER: empty,
    LOCAL_JSW_SWAGGER: empty,
    LOCAL_CONF_SWAGGER: empty,
    LOCAL_CONF_V2_SWAGGER: empty,
    LOCAL_BB_SWAGGER: empty,
  });
}

/** Replaces every way the linter could reach the network with one that records the attempt and fails. */
async function withoutNetwork<T>(work: () => Promise<T>): Promise<T> {
  const attempts: string[] = [];
  const saved = { fetch: globalThis.fetch, http: http.request, https: https.request };
  const refuse = (what: string) => {
    attempts.push(what);
    throw new Error(`network access refused during offline lint: ${what}`);
  };
  globalThis.fetch = (input: Parameters<typeof fetch>[0]) =>
    refuse(`fetch ${input instanceof Request ? input.url : input.toString()}`);
  http.request = (...args: unknown[]) => refuse(`http.request ${JSON.stringify(args[0])}`);
  https.request = (...args: unknown[]) => refuse(`https.request ${JSON.stringify(args[0])}`);
  try {
    const result = await work();
    if (attempts.length) throw new Error(`the linter tried to reach the network: ${attempts.join('; ')}`);
    return result;
  } finally {
    globalThis.fetch = saved.fetch;
    http.request = saved.http;
    https.request = saved.https;
  }
}

const quietLogger = { info: () => undefined, warn: () => undefined, debug: () => undefined };
const noDeprecatedRuntimes = { getDeprecatedRuntimes: () => Promise.resolve([]) };

/**
 * Lints the app in `appDir`. `manifest` overrides the parsed manifest.yml (the unused-scope check lints the same
 * code with one scope removed). Returns the linter's errors; warnings are not failures.
 */
export async function lintScopes(appDir: string, manifest?: unknown): Promise<LintProblem[]> {
  useLocalSpecs();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- no exports map: the lint entry is a deep path
  const lintModule = require('@forge/lint/out/lint/lint') as LintModule;
  const parsed: unknown = manifest ?? parse(readFileSync(path.join(appDir, 'manifest.yml'), 'utf8'));
  const files = listSourceFiles(appDir);
  // Linting nothing finds nothing missing: that is no verdict.
  if (files.length === 0) throw new Error(`No source file to lint under ${appDir}/src: nothing was checked.`);
  const results = await withCwd(appDir, () =>
    withoutNetwork(() =>
      lintModule.lint(files, parsed, 'development', quietLogger, noDeprecatedRuntimes, {
        linter: { mode: 'client-side' },
      }),
    ),
  );
  return results.flatMap((result) =>
    result.errors.map((error) => ({
      file: result.file,
      line: error.line,
      column: error.column,
      message: error.message,
      missingPermission: error.metadata?.missingPermission,
    })),
  );
}

if (require.main === module) {
  void lintScopes(process.argv[2] ?? process.cwd()).then((problems) => {
    for (const p of problems) console.error(`${p.file}:${p.line}:${p.column} ${p.message}`);
    console.error(problems.length ? `${problems.length} lint error(s)` : 'No missing scope.');
    if (problems.length) process.exitCode = 1;
  });
}
