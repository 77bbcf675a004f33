import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findBrowser, machineProbe, type BrowserProbe, type FileKind } from './find-browser';

const PLAYWRIGHT = '/home/dev/.cache/ms-playwright/chromium-1255/chrome-linux64/chrome';

/** A machine whose files are exactly `files` (path → kind); everything else is missing. */
function machine(
  files: Record<string, FileKind>,
  overrides: Partial<Omit<BrowserProbe, 'fileKind'>> = {},
): BrowserProbe {
  return {
    platform: 'linux',
    env: { PATH: '/usr/local/bin:/usr/bin' },
    home: '/home/dev',
    playwrightChromium: () => PLAYWRIGHT,
    fileKind: (file) => files[file] ?? 'missing',
    ...overrides,
  };
}

describe('finding the browser the tests launch', () => {
  it('uses CHROME_PATH first, over every other browser on the machine', () => {
    const probe = machine(
      { '/opt/chrome/chrome': 'executable', [PLAYWRIGHT]: 'executable', '/usr/bin/chromium': 'executable' },
      { env: { CHROME_PATH: '/opt/chrome/chrome', PATH: '/usr/bin' } },
    );
    expect(findBrowser(probe)).toEqual({ path: '/opt/chrome/chrome', source: 'CHROME_PATH' });
  });

  it.each([
    ['missing', 'nothing is there'],
    ['directory', 'that is a folder, not the browser program'],
    ['not-executable', 'that file is not executable'],
  ] as const)(
    'refuses a CHROME_PATH where %s, instead of quietly testing with another browser',
    (kind, problem) => {
      const probe = machine(
        { '/opt/chrome': kind, '/usr/bin/chromium': 'executable' },
        { env: { CHROME_PATH: '/opt/chrome', PATH: '/usr/bin' } },
      );
      expect(() => findBrowser(probe)).toThrow(
        `CHROME_PATH is set to "/opt/chrome", but ${problem}. Point CHROME_PATH at the executable of Chromium or ` +
          'Google Chrome, or unset it to let the tests search the usual places.',
      );
    },
  );

  it('points a macOS CHROME_PATH naming the .app at the program inside it', () => {
    const probe = machine(
      { '/Applications/Google Chrome.app': 'directory' },
      { platform: 'darwin', env: { CHROME_PATH: '/Applications/Google Chrome.app' } },
    );
    expect(() => findBrowser(probe)).toThrow(
      'On macOS the program is inside the app: /Applications/Google Chrome.app/Contents/MacOS/<name>.',
    );
  });

  it('treats an empty CHROME_PATH as unset', () => {
    const probe = machine({ [PLAYWRIGHT]: 'executable' }, { env: { CHROME_PATH: '', PATH: '/usr/bin' } });
    expect(findBrowser(probe).path).toBe(PLAYWRIGHT);
  });

  it("without CHROME_PATH, prefers Playwright's own Chromium to the system's", () => {
    const probe = machine({ [PLAYWRIGHT]: 'executable', '/usr/bin/chromium': 'executable' });
    expect(findBrowser(probe)).toEqual({ path: PLAYWRIGHT, source: `Playwright's Chromium: ${PLAYWRIGHT}` });
  });

  it("falls through to PATH when Playwright's Chromium is not downloaded, in the order of PATH", () => {
    const probe = machine({
      '/usr/local/bin/google-chrome': 'executable',
      '/usr/bin/google-chrome': 'executable',
      '/usr/bin/chromium': 'not-executable',
    });
    expect(findBrowser(probe).path).toBe('/usr/local/bin/google-chrome');
  });

  it("finds Debian's Chromium, which CI installs, in /usr/bin even with an empty PATH", () => {
    const probe = machine({ '/usr/bin/chromium': 'executable' }, { env: {} });
    expect(findBrowser(probe)).toEqual({ path: '/usr/bin/chromium', source: '/usr/bin/chromium' });
  });

  it("finds Ubuntu's snap Chromium", () => {
    expect(findBrowser(machine({ '/snap/bin/chromium': 'executable' })).path).toBe('/snap/bin/chromium');
  });

  it('finds Google Chrome or Chromium in the Applications folders on macOS', () => {
    const user = '/Users/dev/Applications/Chromium.app/Contents/MacOS/Chromium';
    const mac = (files: Record<string, FileKind>) =>
      machine(files, { platform: 'darwin', home: '/Users/dev', env: { PATH: '/usr/bin' } });
    expect(findBrowser(mac({ [user]: 'executable' })).path).toBe(user);
    const system = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(findBrowser(mac({ [system]: 'executable', [user]: 'executable' })).path).toBe(system);
  });

  it('finds Google Chrome in Program Files, Program Files (x86) or the user’s own folder on Windows', () => {
    const env = {
      ProgramFiles: 'C:\\Program Files',
      'ProgramFiles(x86)': 'C:\\Program Files (x86)',
      LOCALAPPDATA: 'C:\\Users\\dev\\AppData\\Local',
    };
    const windows = (file: string) =>
      machine({ [file]: 'executable' }, { platform: 'win32', env, playwrightChromium: () => undefined });
    for (const file of [
      'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
      'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
      'C:\\Users\\dev\\AppData\\Local\\Google\\Chrome\\Application\\chrome.exe',
    ]) {
      expect(findBrowser(windows(file)).path).toBe(file);
    }
  });

  it('names every place it looked and how to install a browser when there is none (Linux)', () => {
    expect(() => findBrowser(machine({}))).toThrow(
      [
        'No Chromium or Google Chrome found for the browser tests (they fail rather than skip without one). Looked at:',
        '  - CHROME_PATH (not set)',
        `  - Playwright's Chromium: ${PLAYWRIGHT}`,
        '  - chromium, chromium-browser, google-chrome, google-chrome-stable on PATH (/usr/local/bin:/usr/bin)',
        '  - /usr/bin/chromium',
        '  - /usr/bin/chromium-browser',
        '  - /usr/bin/google-chrome',
        '  - /usr/bin/google-chrome-stable',
        '  - /snap/bin/chromium',
        '  - /snap/bin/chromium-browser',
        '  - /snap/bin/google-chrome',
        '  - /snap/bin/google-chrome-stable',
        'Install one:',
        "  - on any machine: npx playwright-core install chromium --no-shell   (Playwright's own build, no admin rights)",
        '  - Debian: sudo apt-get install -y chromium   (what CI uses: bash scripts/install-system-deps.sh)',
        '  - Ubuntu: sudo snap install chromium;  Fedora: sudo dnf install chromium',
        'or set CHROME_PATH to the executable of a Chromium-based browser you already have.',
      ].join('\n'),
    );
  });

  it('names every place it looked on Windows, including variables that are not set', () => {
    const probe = machine(
      {},
      { platform: 'win32', env: { ProgramFiles: 'C:\\Program Files' }, playwrightChromium: () => undefined },
    );
    expect(() => findBrowser(probe)).toThrow(
      [
        '  - CHROME_PATH (not set)',
        "  - Playwright's Chromium (none for this platform)",
        '  - C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
        '  - %PROGRAMFILES(X86)%\\Google\\Chrome\\Application\\chrome.exe (PROGRAMFILES(X86) is not set)',
        '  - %LOCALAPPDATA%\\Google\\Chrome\\Application\\chrome.exe (LOCALAPPDATA is not set)',
        'Install one:',
        "  - on any machine: npx playwright-core install chromium --no-shell   (Playwright's own build, no admin rights)",
        '  - or install Google Chrome: https://www.google.com/chrome/',
      ].join('\n'),
    );
  });

  it('names the macOS places it looked', () => {
    const probe = machine({}, { platform: 'darwin', home: '/Users/dev', env: { PATH: '/usr/bin' } });
    expect(() => findBrowser(probe)).toThrow(
      [
        '  - /Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
        '  - /Users/dev/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
        '  - /Applications/Chromium.app/Contents/MacOS/Chromium',
        '  - /Users/dev/Applications/Chromium.app/Contents/MacOS/Chromium',
        'Install one:',
      ].join('\n'),
    );
  });

  it("asks playwright-core where its Chromium would be, and finds this machine's browser", () => {
    const probe = machineProbe();
    // A path in Playwright's registry (chromium-<revision>), whether or not that build was ever downloaded.
    expect(probe.playwrightChromium()).toMatch(/chromium-\d+/);
    expect(probe.fileKind(findBrowser(probe).path)).toBe('executable');
  });

  it('tells a program from a plain file, a folder and nothing on this machine', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wg-find-browser-'));
    try {
      const program = path.join(dir, 'chrome');
      const text = path.join(dir, 'notes.txt');
      writeFileSync(program, '');
      chmodSync(program, 0o755);
      writeFileSync(text, '');
      chmodSync(text, 0o644);
      const { fileKind } = machineProbe();
      expect(fileKind(program)).toBe('executable');
      // Windows has no execute bit: any existing file can be launched as far as access() is concerned.
      expect(fileKind(text)).toBe(process.platform === 'win32' ? 'executable' : 'not-executable');
      expect(fileKind(dir)).toBe('directory');
      expect(fileKind(path.join(dir, 'missing'))).toBe('missing');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
