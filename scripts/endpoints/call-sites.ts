import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** One `requestJira(route`…`, { method })` call found in the app's source. */
export interface CallSite {
  file: string; // relative to the app root, with forward slashes
  line: number;
  method: string; // upper case
  /** The path with every `${…}` replaced by `{}`, query string dropped. */
  pathPattern: string;
  /** The query string as written, `${…}` replaced by `{}` ('' when none). */
  queryPattern: string;
}
export interface CallSiteProblem {
  file: string;
  line: number;
  message: string;
}

const REQUEST_JIRA = 'requestJira';

export function listSourceFiles(root: string, dir = 'src'): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const relative = path.posix.join(dir, name);
    if (statSync(path.join(root, relative)).isDirectory()) return listSourceFiles(root, relative);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [relative] : [];
  });
}

function templateText(node: ts.Expression): string | undefined {
  if (ts.isNoSubstitutionTemplateLiteral(node) || ts.isStringLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node))
    return node.head.text + node.templateSpans.map((s) => `{}${s.literal.text}`).join('');
  if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === 'route') {
    return templateText(node.template);
  }
  return undefined;
}

function literalMethod(options: ts.Expression | undefined): string | undefined | null {
  if (!options) return 'GET';
  if (!ts.isObjectLiteralExpression(options)) return null;
  const property = options.properties.find(
    (p): p is ts.PropertyAssignment =>
      ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === 'method',
  );
  if (!property) return 'GET';
  return ts.isStringLiteral(property.initializer) ? property.initializer.text.toUpperCase() : null;
}

/**
 * Finds every Jira call in the app. Only literal `route` templates and literal methods are accepted, because that is
 * what `@forge/lint` reads to decide which scopes the code needs: a computed path would hide a scope from it.
 */
export function findCallSites(
  root: string,
  files = listSourceFiles(root),
): { sites: CallSite[]; problems: CallSiteProblem[] } {
  const sites: CallSite[] = [];
  const problems: CallSiteProblem[] = [];
  for (const file of files) {
    const source = ts.createSourceFile(
      file,
      readFileSync(path.join(root, file), 'utf8'),
      ts.ScriptTarget.Latest,
      true,
    );
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        const callee = node.expression;
        const name = ts.isIdentifier(callee)
          ? callee.text
          : ts.isPropertyAccessExpression(callee)
            ? callee.name.text
            : '';
        if (name === REQUEST_JIRA && !isDeclarationOfWrapper(node)) {
          const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
          const [pathArg, optionsArg] = node.arguments;
          const text = pathArg && templateText(pathArg);
          const method = literalMethod(optionsArg);
          if (text === undefined) {
            problems.push({
              file,
              line,
              message: 'the Jira path is not a literal route`…` template at its call site',
            });
          } else if (method === null || method === undefined) {
            problems.push({
              file,
              line,
              message: 'the HTTP method is not a string literal in the options object',
            });
          } else {
            const [pathPattern = text, queryPattern = ''] = text.split('?');
            sites.push({ file, line, method, pathPattern, queryPattern });
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { sites, problems };
}

/** The access core forwards a caller's literal path to `@forge/api`; that one forwarding call is not a call site. */
function isDeclarationOfWrapper(node: ts.CallExpression): boolean {
  const [pathArg] = node.arguments;
  return pathArg !== undefined && ts.isIdentifier(pathArg) && hasWrapperMarker(node);
}

function hasWrapperMarker(node: ts.Node): boolean {
  const text = node.getSourceFile().getFullText();
  const lineStart = text.lastIndexOf('\n', node.getStart()) + 1;
  const previousLine = text.slice(text.lastIndexOf('\n', lineStart - 2) + 1, lineStart);
  return previousLine.includes('endpoint-table: forwards a literal route');
}
