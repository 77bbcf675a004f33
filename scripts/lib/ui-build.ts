import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { REPO_ROOT } from './openapi';

/** Where the Custom UI and its build live in a checkout (the tests pass a throwaway one). */
export function uiPaths(root = REPO_ROOT) {
  const app = path.join(root, 'static', 'app');
  return {
    root,
    app,
    dist: path.join(app, 'dist'),
    /** Beside dist, not in it: Forge uploads everything in dist as the app's resource. */
    stamp: path.join(app, 'dist.stamp.json'),
  };
}
type UiPaths = ReturnType<typeof uiPaths>;

export const APP_DIST = uiPaths().dist;

const Stamp = z.object({
  /** Repo-relative files the last build bundled from outside static/app (the backend's shared modules). */
  bundled: z.array(z.string()),
  /** npm packages the last build's module graph reached (a server-only SDK there is a bug: test/browser/ui-bundle.test.ts). */
  packages: z.array(z.string()),
  /** Files the last build wrote, relative to dist. */
  outputs: z.array(z.string()).min(1),
  hash: z.string(),
});
export type Stamp = z.infer<typeof Stamp>;

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : entry.isFile() ? [full] : [];
  });
}

const relative = (from: string, file: string) => path.relative(from, file).split(path.sep).join('/');

/**
 * What a build depends on besides the modules it bundled from src/: the whole of static/app except its
 * output, the compiler settings, the dependencies as installed, and this build procedure.
 */
function fixedInputs(paths: UiPaths): string[] {
  // dist is the output; dot-files are the build's lock and editors' litter, not sources.
  const appFiles = filesUnder(paths.app).filter((file) => {
    const inApp = path.relative(paths.app, file).split(path.sep);
    return inApp[0] !== 'dist' && file !== paths.stamp && !inApp.some((part) => part.startsWith('.'));
  });
  // npm's record of the tree actually installed; package-lock.json may be ahead of it before `npm ci`.
  const installed = path.join(paths.root, 'node_modules', '.package-lock.json');
  return [
    ...appFiles.map((file) => relative(paths.root, file)),
    'tsconfig.json',
    existsSync(installed) ? 'node_modules/.package-lock.json' : 'package-lock.json',
    'scripts/build-ui.ts',
    'scripts/lib/ui-build.ts',
    // Rendered into the admin page by the build (static/app/vite.config.mts).
    'docs/privacy.md',
  ];
}

/** One hash over the names and contents of every input; a missing file counts, so deleting one changes it. */
function inputsHash(paths: UiPaths, bundled: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of [...new Set([...fixedInputs(paths), ...bundled])].sort()) {
    const full = path.join(paths.root, file);
    const content = existsSync(full) ? createHash('sha256').update(readFileSync(full)).digest('hex') : '-';
    hash.update(`${file}\0${content}\n`);
  }
  return hash.digest('hex');
}

function readStamp(paths: UiPaths): Stamp | undefined {
  if (!existsSync(paths.stamp)) return undefined;
  try {
    const parsed = Stamp.safeParse(JSON.parse(readFileSync(paths.stamp, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    // A stamp cut short (a build killed while writing it) only means the next run builds again.
    return undefined;
  }
}

/** Why static/app/dist must be (re)built, or undefined when it is the build of the current sources. */
export function uiBuildStaleReason(paths = uiPaths()): string | undefined {
  const stamp = readStamp(paths);
  if (!stamp) return 'no record of a previous build';
  if (!stamp.outputs.every((file) => existsSync(path.join(paths.dist, file))))
    return 'static/app/dist is missing files of the last build';
  if (inputsHash(paths, stamp.bundled) !== stamp.hash) return 'its sources changed';
  return undefined;
}

/** The npm package a module belongs to: the name after its last node_modules folder (`@scope/name` or `name`). */
function packageOf(file: string): string | undefined {
  const parts = file.split(path.sep);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return undefined;
  const [first, second] = parts.slice(at + 1);
  return first?.startsWith('@') && second ? `${first}/${second}` : first;
}

/**
 * Records a finished build: the module ids it bundled (as Vite reports them: every module of the graph, tree-shaken
 * or not), the packages they belong to and the files now in dist.
 */
export function writeStamp(moduleIds: readonly string[], paths = uiPaths()): Stamp {
  const files = moduleIds
    // Vite's ids carry queries (?v=…) and forward slashes on Windows; virtual modules start with \0.
    .map((id) => id.split('?')[0] ?? id)
    .filter((id) => path.isAbsolute(id))
    .map((id) => path.resolve(id));
  const packages = files.flatMap((file) => packageOf(file) ?? []);
  const bundled = files
    .filter((id) => !id.split(path.sep).includes('node_modules'))
    .filter((id) => !id.startsWith(paths.app + path.sep) && id.startsWith(paths.root + path.sep))
    .map((id) => relative(paths.root, id));
  const stamp: Stamp = {
    bundled: [...new Set(bundled)].sort(),
    packages: [...new Set(packages)].sort(),
    outputs: filesUnder(paths.dist)
      .map((file) => relative(paths.dist, file))
      .sort(),
    hash: '',
  };
  stamp.hash = inputsHash(paths, stamp.bundled);
  writeFileSync(paths.stamp, `${JSON.stringify(stamp, null, 2)}\n`);
  return stamp;
}
