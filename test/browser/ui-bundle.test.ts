import { readFileSync } from 'node:fs';
import { uiPaths } from '../../scripts/lib/ui-build';
import { buildCustomUi } from './build-app';

/**
 * The server SDKs run only in Forge functions: Custom UI talks to the product through @forge/bridge
 * (https://developer.atlassian.com/platform/forge/custom-ui-bridge/bridge/). A UI module importing a backend module
 * that reaches one of them (through src/access) would put server code, and its Node built-ins, in the browser bundle.
 */
const SERVER_SDKS = ['@forge/api', '@forge/kvs', '@forge/events', '@forge/resolver'];

describe('the Custom UI bundle', () => {
  it('holds no server-only Forge SDK anywhere in its module graph', async () => {
    await buildCustomUi();
    // Every module Vite loaded for the build, tree-shaken or not (scripts/build-ui.ts records them).
    const stamp = JSON.parse(readFileSync(uiPaths().stamp, 'utf8')) as {
      packages: string[];
      bundled: string[];
    };
    expect(stamp.packages).toContain('@forge/bridge');
    expect(stamp.packages.filter((name) => SERVER_SDKS.includes(name))).toEqual([]);
    // The platform door (src/access) is backend only; the UI shares pure modules with it.
    expect(stamp.bundled.filter((file) => file.startsWith('src/access/'))).toEqual([]);
  });
});
