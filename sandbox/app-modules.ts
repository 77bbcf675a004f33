import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** A handler as Forge calls it: (payload or event, context). */
export type ForgeHandler = (payload: never, context?: unknown) => unknown;

export interface AppModule {
  key: string;
  type: string; // manifest module type, e.g. jira:workflowValidator
  title: string;
  /** The function a validator or post-function runs, resolved from manifest.yml. */
  handler?: ForgeHandler;
  /** The Custom UI resolver of the module. */
  resolver?: ForgeHandler;
  expression?: string;
}

interface ManifestModule {
  key: string;
  name?: string;
  title?: string;
  function?: string;
  expression?: string;
  resolver?: { function?: string };
}

const ROOT = path.resolve(__dirname, '..');

/**
 * The app's modules wired exactly as Forge wires them: manifest function keys name `index.<export>` handlers of
 * src/index.ts. The sandbox therefore runs the production handlers, not copies.
 */
export function loadAppModules(): Map<string, AppModule> {
  const manifest = parse(readFileSync(path.join(ROOT, 'manifest.yml'), 'utf8')) as {
    modules: Record<string, ManifestModule[]> & { function?: { key: string; handler: string }[] };
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the app entry is resolved by name, as Forge does
  const entry = require(path.join(ROOT, 'src', 'index')) as Record<string, ForgeHandler>;
  const functions = new Map((manifest.modules.function ?? []).map((f) => [f.key, f.handler]));
  const handlerFor = (functionKey: string | undefined): ForgeHandler | undefined => {
    const handler = functionKey ? functions.get(functionKey) : undefined;
    const exportName = handler?.split('.')[1];
    return exportName ? entry[exportName] : undefined;
  };
  const modules = new Map<string, AppModule>();
  for (const [type, list] of Object.entries(manifest.modules)) {
    if (type === 'function') continue;
    for (const m of list as ManifestModule[]) {
      modules.set(m.key, {
        key: m.key,
        type,
        title: m.name ?? m.title ?? m.key,
        handler: handlerFor(m.function),
        resolver: handlerFor(m.resolver?.function),
        ...(m.expression ? { expression: m.expression } : {}),
      });
    }
  }
  return modules;
}
