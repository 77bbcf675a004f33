import type { HostTheme } from './theme-host';

/** Name of the Node-side function exposed with page.exposeFunction. */
export const HOST_CALL = '__forgeHostCall';

type HostCall = (name: string, payload: unknown) => Promise<unknown>;

/** Just the DOM surface the shim touches (the test tsconfig has no DOM lib). */
interface ShimElement {
  setAttribute(name: string, value: string): void;
  textContent: string | null;
}
interface ShimGlobal {
  __bridge?: { callBridge(name: string, payload?: unknown): Promise<unknown> };
  __forgeTest?: { onConfigure?: () => string | Promise<string> };
  document: {
    documentElement: ShimElement;
    head: { append(node: ShimElement): void };
    createElement(tag: 'style'): ShimElement;
  };
}

/**
 * Runs in the page before any script (page.addInitScript), so @forge/bridge and @forge/jira-bridge
 * find `globalThis.__bridge` at import time. Serialised with toString(): it must not use anything
 * from outside its own body except its argument.
 */
export function installBridgeShim(hostCallName: string): void {
  const g = globalThis as unknown as ShimGlobal & Record<string, HostCall | undefined>;
  const test: NonNullable<ShimGlobal['__forgeTest']> = {};
  g.__forgeTest = test;
  g.__bridge = {
    async callBridge(name, payload) {
      if (name === 'setWorkflowRuleConfigurationCallback') {
        // The payload carries a function, which cannot cross to Node: keep it here for the test to call.
        test.onConfigure = (
          payload as { data: { onConfigure: () => string | Promise<string> } }
        ).data.onConfigure;
        return true;
      }
      const hostCall = g[hostCallName];
      if (!hostCall) throw new Error(`Forge bridge stand-in: host is not connected (call "${name}")`);
      const result = await hostCall(name, payload);
      if (name !== 'enableTheming') return result;
      const theme = result as HostTheme;
      for (const [attr, value] of Object.entries(theme.htmlAttrs)) {
        g.document.documentElement.setAttribute(attr, value);
      }
      for (const style of theme.styles) {
        const el = g.document.createElement('style');
        for (const [attr, value] of Object.entries(style.attrs)) el.setAttribute(attr, value);
        el.textContent = style.css;
        g.document.head.append(el);
      }
      return undefined;
    },
  };
}

/** In-page: runs the callback the app registered with workflowRules.onConfigure, as Jira does on Add/Update. */
export async function runOnConfigure(): Promise<string | undefined> {
  const g = globalThis as unknown as ShimGlobal;
  const callback = g.__forgeTest?.onConfigure;
  return callback ? await callback() : undefined;
}
