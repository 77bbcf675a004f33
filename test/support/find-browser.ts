import { accessSync, constants, statSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

/** What is at a path, as far as launching a browser from it goes. */
export type FileKind = 'missing' | 'directory' | 'not-executable' | 'executable';

/** Everything the discovery reads from the machine, injected so the search itself is a pure function. */
export interface BrowserProbe {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  home: string;
  /** Where Playwright keeps the Chromium build matching playwright-core, installed or not; undefined if none. */
  playwrightChromium: () => string | undefined;
  fileKind: (file: string) => FileKind;
}

export interface FoundBrowser {
  path: string;
  /** Which of the places searched it came from, for messages. */
  source: string;
}

/** The variable that names the browser to use; it wins over every other place. */
export const BROWSER_VARIABLE = 'CHROME_PATH';

const LINUX_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
const LINUX_DIRS = ['/usr/bin', '/snap/bin'];
const MAC_APPS = ['Google Chrome.app/Contents/MacOS/Google Chrome', 'Chromium.app/Contents/MacOS/Chromium'];
const WINDOWS_APPS = [
  ['PROGRAMFILES', 'Google\\Chrome\\Application\\chrome.exe'],
  ['PROGRAMFILES(X86)', 'Google\\Chrome\\Application\\chrome.exe'],
  ['LOCALAPPDATA', 'Google\\Chrome\\Application\\chrome.exe'],
] as const;

/** Windows environment names are case-insensitive (ProgramFiles, PROGRAMFILES); an injected record is not. */
function envValue(probe: BrowserProbe, name: string): string | undefined {
  if (probe.platform !== 'win32') return probe.env[name] || undefined;
  const key = Object.keys(probe.env).find((k) => k.toUpperCase() === name.toUpperCase());
  return (key === undefined ? undefined : probe.env[key]) || undefined;
}

interface Place {
  /** How the place reads in the "looked in" list. */
  label: string;
  files: string[];
}

/** Every place searched after the variable, in order, for this platform. */
export function browserPlaces(probe: BrowserProbe): Place[] {
  const places: Place[] = [];
  const playwright = probe.playwrightChromium();
  places.push({
    label: playwright
      ? `Playwright's Chromium: ${playwright}`
      : "Playwright's Chromium (none for this platform)",
    files: playwright ? [playwright] : [],
  });
  if (probe.platform === 'win32') {
    for (const [variable, file] of WINDOWS_APPS) {
      const dir = envValue(probe, variable);
      const full = dir ? path.win32.join(dir, file) : undefined;
      places.push({
        label: full ?? `%${variable}%\\${file} (${variable} is not set)`,
        files: full ? [full] : [],
      });
    }
    return places;
  }
  const pathDirs = (envValue(probe, 'PATH') ?? '').split(path.posix.delimiter).filter(Boolean);
  places.push({
    label: `${LINUX_NAMES.join(', ')} on PATH (${pathDirs.join(path.posix.delimiter) || 'PATH is empty'})`,
    files: LINUX_NAMES.flatMap((name) => pathDirs.map((dir) => path.posix.join(dir, name))),
  });
  if (probe.platform === 'darwin') {
    for (const app of MAC_APPS) {
      for (const dir of ['/Applications', path.posix.join(probe.home, 'Applications')]) {
        const full = path.posix.join(dir, app);
        places.push({ label: full, files: [full] });
      }
    }
    return places;
  }
  for (const dir of LINUX_DIRS) {
    for (const name of LINUX_NAMES) {
      const full = path.posix.join(dir, name);
      places.push({ label: full, files: [full] });
    }
  }
  return places;
}

function installHint(platform: NodeJS.Platform): string[] {
  const own = [
    `  - on any machine: npx playwright-core install chromium --no-shell   (Playwright's own build, no admin rights)`,
  ];
  if (platform === 'win32') return [...own, '  - or install Google Chrome: https://www.google.com/chrome/'];
  if (platform === 'darwin')
    return [
      ...own,
      '  - or install Google Chrome (https://www.google.com/chrome/) or: brew install --cask chromium',
    ];
  return [
    ...own,
    '  - Debian: sudo apt-get install -y chromium   (what CI uses: bash scripts/install-system-deps.sh)',
    '  - Ubuntu: sudo snap install chromium;  Fedora: sudo dnf install chromium',
  ];
}

const KIND_PROBLEM: Record<Exclude<FileKind, 'executable'>, string> = {
  missing: 'nothing is there',
  directory: 'that is a folder, not the browser program',
  'not-executable': 'that file is not executable',
};

/**
 * The Chromium-family browser the tests launch: CHROME_PATH when set, else Playwright's own downloaded Chromium,
 * else the usual install locations of this platform. Throws, never returns nothing: a browser suite that skipped
 * on a machine without one would look green.
 */
export function findBrowser(probe: BrowserProbe): FoundBrowser {
  const named = envValue(probe, BROWSER_VARIABLE);
  if (named !== undefined) {
    const kind = probe.fileKind(named);
    if (kind === 'executable') return { path: named, source: BROWSER_VARIABLE };
    // A wrong variable is a mistake to fix, not a reason to quietly test with some other browser.
    const macHint =
      kind === 'directory' && named.endsWith('.app')
        ? ` On macOS the program is inside the app: ${path.posix.join(named, 'Contents/MacOS/<name>')}.`
        : '';
    throw new Error(
      `${BROWSER_VARIABLE} is set to "${named}", but ${KIND_PROBLEM[kind]}.${macHint} Point ${BROWSER_VARIABLE} ` +
        'at the executable of Chromium or Google Chrome, or unset it to let the tests search the usual places.',
    );
  }
  const places = browserPlaces(probe);
  for (const place of places) {
    const file = place.files.find((f) => probe.fileKind(f) === 'executable');
    if (file !== undefined) return { path: file, source: place.label };
  }
  throw new Error(
    [
      'No Chromium or Google Chrome found for the browser tests (they fail rather than skip without one). Looked at:',
      `  - ${BROWSER_VARIABLE} (not set)`,
      ...places.map((p) => `  - ${p.label}`),
      'Install one:',
      ...installHint(probe.platform),
      `or set ${BROWSER_VARIABLE} to the executable of a Chromium-based browser you already have.`,
    ].join('\n'),
  );
}

function fileKind(file: string): FileKind {
  try {
    if (statSync(file).isDirectory()) return 'directory';
  } catch {
    return 'missing';
  }
  try {
    // On Windows X_OK only checks that the file exists, which is what launching needs there.
    accessSync(file, constants.X_OK);
    return 'executable';
  } catch {
    return 'not-executable';
  }
}

/** This machine: its environment, its files, and playwright-core's registry (a path lookup, never a download). */
export function machineProbe(): BrowserProbe {
  return {
    platform: process.platform,
    env: process.env,
    home: homedir(),
    playwrightChromium: () => {
      try {
        return chromium.executablePath() || undefined;
      } catch {
        // Playwright throws for platforms it has no build for.
        return undefined;
      }
    },
    fileKind,
  };
}
