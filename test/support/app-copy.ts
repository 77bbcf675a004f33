import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../scripts/lib/openapi';

/**
 * A throwaway copy of the app (manifest, source, tsconfig) that a test may break, so that the platform checks
 * are shown to catch the breakage on the real app rather than on a toy fixture.
 */
export interface AppCopy {
  dir: string;
  edit(file: string, change: (text: string) => string): void;
  write(file: string, text: string): void;
  /** 1-based line of the first manifest line containing `text`. */
  lineOf(text: string): number;
  remove(): void;
}

export function copyApp(): AppCopy {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'workflow-guard-app-'));
  for (const entry of ['manifest.yml', 'tsconfig.json', 'package.json', 'src', 'locales']) {
    cpSync(path.join(REPO_ROOT, entry), path.join(dir, entry), { recursive: true });
  }
  // Resources are checked for existence only; the built UI itself is not needed.
  mkdirSync(path.join(dir, 'static', 'app', 'dist'), { recursive: true });
  writeFileSync(path.join(dir, 'static', 'app', 'dist', 'index.html'), '<!doctype html>');
  return {
    dir,
    edit: (file, change) =>
      writeFileSync(path.join(dir, file), change(readFileSync(path.join(dir, file), 'utf8'))),
    write: (file, text) => {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    },
    lineOf: (text) =>
      readFileSync(path.join(dir, 'manifest.yml'), 'utf8')
        .split('\n')
        .findIndex((l) => l.includes(text)) + 1,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
