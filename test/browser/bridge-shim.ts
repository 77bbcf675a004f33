import type { HostTheme } from './theme-host';

/** Name of the Node-side function exposed with page.exposeFunction. */
export const HOST_CALL = '__forgeHostCall';

type HostCall = (name: string, payload: unknown) => Promise<unknown>;

/** Just the DOM surface the shim touches (the test tsconfig has no DOM lib). */
interface ShimElement {
  setAttribute(name: string, value: string): void;
  textContent: string | null;
  append(...nodes: ShimElement[]): void;
  addEventListener(type: 'click', listener: () => void): void;
  remove(): void;
  focus(): void;
}
interface ShimDocument {
  documentElement: ShimElement;
  head: { append(node: ShimElement): void };
  body: { append(node: ShimElement): void };
  createElement(tag: string): ShimElement;
}
interface ShimGlobal {
  __bridge?: { callBridge(name: string, payload?: unknown): Promise<unknown> };
  __forgeTest?: { onConfigure?: () => string | Promise<string> };
  document: ShimDocument;
  top?: { document: ShimDocument } | null;
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

  /**
   * Atlassian's consent modal for customer-managed egress ("an admin will see a modal asking them to confirm … The
   * description, domains, and remotes specified … are shown in the modal"; customer-managed-egress-and-remotes).
   * Shown by the host, above the app: in the top window when it can be reached (the sandbox's Jira page).
   */
  const consent = (
    title: string,
    groups: { description: string; domains: string[] }[],
    yes: string,
    no: string,
  ) =>
    new Promise<boolean>((resolve) => {
      let doc = g.document;
      try {
        doc = g.top?.document ?? g.document;
      } catch {
        // A cross-origin top window: show it in the app's own document.
      }
      const el = (tag: string, text?: string, attrs: Record<string, string> = {}) => {
        const node = doc.createElement(tag);
        if (text !== undefined) node.textContent = text;
        for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
        return node;
      };
      const backdrop = el('div', undefined, {
        style:
          'position:fixed;inset:0;background:rgba(9,30,66,.54);display:flex;align-items:center;justify-content:center;z-index:2147483647',
      });
      const dialog = el('div', undefined, {
        role: 'dialog',
        'aria-modal': 'true',
        'aria-labelledby': 'forge-egress-consent-title',
        'data-testid': 'forge-egress-consent',
        style:
          'background:#fff;color:#172b4d;font:14px/1.4 sans-serif;padding:24px;border-radius:8px;max-width:560px;box-shadow:0 8px 24px rgba(0,0,0,.3)',
      });
      dialog.append(
        el('h2', title, { id: 'forge-egress-consent-title', style: 'margin:0 0 12px;font-size:20px' }),
      );
      for (const group of groups) {
        dialog.append(el('p', group.description));
        const list = el('ul');
        for (const domain of group.domains) list.append(el('li', domain));
        dialog.append(list);
      }
      dialog.append(
        el('p', 'Stand-in for the dialog Atlassian shows on a real site.', {
          style: 'color:#626f86;font-size:12px',
        }),
      );
      const close = (answer: boolean) => {
        backdrop.remove();
        resolve(answer);
      };
      const accept = el('button', yes, { type: 'button', style: 'margin-right:8px' });
      const decline = el('button', no, { type: 'button' });
      accept.addEventListener('click', () => close(true));
      decline.addEventListener('click', () => close(false));
      dialog.append(accept, decline);
      backdrop.append(dialog);
      doc.body.append(backdrop);
      accept.focus();
    });

  /** Egress `set` and the two deletes need the admin's consent first; `get` is a plain read. */
  const egressConsent = async (name: string, payload: unknown, hostCall: HostCall): Promise<boolean> => {
    type Group = { key?: string; description?: string; configured?: { domain?: string; type?: string[] }[] };
    const describe = (group: Group) => ({
      description: group.description ?? group.key ?? '',
      domains: (group.configured ?? []).map((c) => `${c.domain ?? '?'} (${(c.type ?? []).join(', ')})`),
    });
    if (name === '__permission__egressSet') {
      const groups = ((payload as { egresses?: Group[] } | undefined)?.egresses ?? []).map(describe);
      return consent('Allow this app to send data to new places?', groups, 'Approve', 'Decline');
    }
    const request = (payload ?? {}) as { key?: string; domain?: string; type?: string };
    if (name === '__permission__egressDeleteDomain') {
      const groups = [
        {
          description: `From egress group ${request.key ?? '?'}`,
          domains: [`${request.domain ?? '?'} (${request.type ?? '?'})`],
        },
      ];
      return consent('Stop this app sending data here?', groups, 'Remove', 'Keep');
    }
    const found = (await hostCall('__permission__egressGet', { keys: [request.key] })) as {
      results?: Group[];
    };
    const groups = (found.results ?? []).map(describe);
    return consent(
      'Stop this app sending data here?',
      groups.length ? groups : [{ description: `Egress group ${request.key ?? '?'}`, domains: [] }],
      'Remove',
      'Keep',
    );
  };

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
      if (
        [
          '__permission__egressSet',
          '__permission__egressDeleteDomain',
          '__permission__egressDeleteGroup',
        ].includes(name) &&
        !(await egressConsent(name, payload, hostCall))
      ) {
        // The docs say only that the promise rejects; what it rejects with is not documented.
        throw new Error('The admin declined the change to this app’s egress.');
      }
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
