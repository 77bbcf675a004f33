import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/** A handler as Forge calls it: (payload or event, context). */
export type ForgeHandler = (payload: never, context?: unknown) => unknown;

export interface AppModule {
  key: string;
  type: string; // manifest module type, e.g. jira:workflowValidator
  /** Its name (or title) as Jira shows it in English; `titleIn` gives it in another language. */
  title: string;
  /** The catalogue key of its name or title (manifest `i18n`), when it has one. */
  titleKey?: string;
  /** The function a validator or post-function runs, resolved from manifest.yml. */
  handler?: ForgeHandler;
  /** The Custom UI resolver of the module. */
  resolver?: ForgeHandler;
  expression?: string;
}

/** A manifest text: a string, or a key of the translation catalogues (manifest-reference/translations). */
type ManifestText = string | { i18n: string };

interface ManifestModule {
  key: string;
  name?: ManifestText;
  title?: ManifestText;
  function?: string;
  expression?: string;
  resolver?: { function?: string };
}

const ROOT = path.resolve(__dirname, '..');

type Catalogue = { [key: string]: string | Catalogue };

/** A catalogue's text (locales/<language>.json, nested keys); undefined when it has none. */
function catalogueText(language: string, key: string): string | undefined {
  const file = path.join(ROOT, 'locales', `${language}.json`);
  let node: string | Catalogue | undefined = JSON.parse(readFileSync(file, 'utf8')) as Catalogue;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

/**
 * A module's name as Jira shows it to someone whose language is `language`: the catalogue's text, else the default
 * catalogue's (manifest `translations.fallback.default`, en-US).
 */
export function titleIn(module: AppModule, language: string): string {
  if (!module.titleKey) return module.title;
  return catalogueText(language, module.titleKey) ?? module.title;
}

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
      const named = m.name ?? m.title;
      const titleKey = typeof named === 'object' ? named.i18n : undefined;
      modules.set(m.key, {
        key: m.key,
        type,
        title: (typeof named === 'object' ? catalogueText('en-US', named.i18n) : named) ?? m.key,
        ...(titleKey ? { titleKey } : {}),
        handler: handlerFor(m.function),
        resolver: handlerFor(m.resolver?.function),
        ...(m.expression ? { expression: m.expression } : {}),
      });
    }
  }
  return modules;
}
