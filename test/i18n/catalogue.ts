import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { parse } from 'yaml';

export const ROOT = path.resolve(__dirname, '..', '..');

type Catalogue = { [key: string]: string | Catalogue };

/** A catalogue (locales/<locale>.json) as `key → text`, keys dotted as the code writes them. */
export function readCatalogue(locale: string): Map<string, string> {
  const flat = new Map<string, string>();
  const walk = (node: Catalogue, prefix: string) => {
    for (const [key, value] of Object.entries(node)) {
      if (typeof value === 'string') flat.set(prefix + key, value);
      else walk(value, `${prefix}${key}.`);
    }
  };
  walk(JSON.parse(readFileSync(path.join(ROOT, 'locales', `${locale}.json`), 'utf8')) as Catalogue, '');
  return flat;
}

/** The catalogues manifest.yml lists (`translations.resources`). */
export function manifestLocales(): string[] {
  const manifest = parse(readFileSync(path.join(ROOT, 'manifest.yml'), 'utf8')) as {
    translations: { resources: { key: string; path: string }[] };
  };
  return manifest.translations.resources.map((resource) => resource.key);
}

/** Every `i18n:` key manifest.yml names (module names, descriptions, titles). */
export function manifestKeys(): string[] {
  const keys: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'i18n' && typeof value === 'string') keys.push(value);
        else walk(value);
      }
    }
  };
  walk((parse(readFileSync(path.join(ROOT, 'manifest.yml'), 'utf8')) as { modules: unknown }).modules);
  return keys;
}

/** Files under `dir` (relative to the repository) whose names end with one of `extensions`. */
export function sourceFiles(dir: string, extensions: readonly string[]): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && extensions.some((ext) => entry.name.endsWith(ext)))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)))
    .filter((file) => !file.split(path.sep).includes('dist'));
}

export function parseSource(file: string): ts.SourceFile {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
}

export const lineOf = (source: ts.SourceFile, node: ts.Node) =>
  source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;

/** Plural forms a key may carry (`key.one`, `key.other`: CLDR categories, src/shared/text-format.ts). */
export const PLURAL_FORMS = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;

export interface KeyUse {
  where: string;
  /** A whole key, or (`pattern`) a key built at run time: `rules.${kind}.runtimeNote`, `messages.ruleTitles.${…}`. */
  key: string;
  /** For a key built at run time: the keys it may be (each `${…}` stands for one or more key segments). */
  pattern?: RegExp;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The catalogue keys a source file uses: every string that looks like a key of one of the catalogue's sections
 * (`admin.executions.title`), wherever it is written (`t('…')`, `text('…')`, a ternary choosing between keys), and
 * every template literal that builds one from a section's name on (`rules.${kind}.title`).
 */
export function keyUses(file: string, sections: ReadonlySet<string>): KeyUse[] {
  const source = parseSource(file);
  const uses: KeyUse[] = [];
  const looksLikeKey = (value: string) =>
    /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)+$/.test(value) && sections.has(value.split('.')[0] ?? '');
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (looksLikeKey(node.text)) uses.push({ where: `${file}:${lineOf(source, node)}`, key: node.text });
    } else if (ts.isTemplateExpression(node)) {
      const head = node.head.text;
      const parts = [head, ...node.templateSpans.map((span) => span.literal.text)];
      if (
        /^[a-z][A-Za-z0-9]*\./.test(head) &&
        sections.has(head.split('.')[0] ?? '') &&
        parts.every((part) => /^[A-Za-z0-9.]*$/.test(part))
      )
        uses.push({
          where: `${file}:${lineOf(source, node)}`,
          key: parts.join('${…}'),
          pattern: new RegExp(`^${parts.map(escape).join('[A-Za-z0-9.]+')}$`),
        });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return uses;
}
