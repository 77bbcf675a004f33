import ts from 'typescript';
import { lineOf, parseSource, sourceFiles } from './catalogue';

/** JSX attributes whose value people read (Atlassian Design System and HTML). */
const TEXT_ATTRIBUTES = new Set([
  'title',
  'label',
  'placeholder',
  'aria-label',
  'aria-description',
  'aria-valuetext',
  'alt',
  'description',
  'message',
  'header',
  'heading',
  'text',
  'content',
  'tooltip',
  'caption',
  'summary',
  'helperMessage',
  'errorMessage',
  'validMessage',
  'secondaryText',
  'emptyView',
  'loadingLabel',
  'legend',
  'actionLabel',
  // ErrorMessage's `error`: an Error, or a sentence.
  'error',
]);

/**
 * Properties of object literals that carry a text people read, e.g. the options of a select (`{ label, value }`),
 * a table's head cells (`{ content }`), a flag (`{ title, description }`).
 */
const TEXT_PROPERTIES = new Set([
  'title',
  'label',
  'placeholder',
  'description',
  'message',
  'header',
  'heading',
  'text',
  'content',
  'tooltip',
  'caption',
  'helperMessage',
  'errorMessage',
  'emptyView',
  'ariaLabel',
]);

/**
 * Words that stay as they are in every language, each with why. Keep it short: anything else goes through
 * `useT()` and the catalogues.
 */
const ALLOWED: ReadonlyArray<{ file: string; text: string; why: string }> = [
  {
    file: 'static/app/src/App.tsx',
    text: 'Could not load the Jira context',
    why: 'shown when view.getContext() failed, before any language or catalogue is known',
  },
  {
    file: 'static/app/src/main.tsx',
    text: 'Workflow Guard failed to start',
    why: 'the app itself did not load: no context, no catalogue',
  },
  {
    file: 'static/app/src/main.tsx',
    text: 'Open this page from Jira',
    why: 'outside Jira there is no bridge, so no context and no catalogue',
  },
  {
    file: 'static/app/src/main.tsx',
    text: 'The Forge Custom UI bridge is missing, so this page is not running inside Jira.',
    why: 'outside Jira there is no bridge, so no context and no catalogue',
  },
];
/** Names no one translates: the app's and Atlassian's products. */
const BRANDS = new Set(['Workflow Guard', 'Jira', 'Atlassian', 'Forge']);
/** Code a person types or reads as code (a Jira expression sample, a smart value). */
const CODE =
  /^(issue|user|project|transition|config|workflow)(\.[A-Za-z_][\w]*)+$|^\{\{[\w.]+\}\}$|^[A-Z]+-\d+$/;

const hasLetters = (text: string) => /\p{L}/u.test(text);

/** Where a string literal is a text: what people would read, unless it is a brand or a code sample. */
function isText(file: string, text: string): boolean {
  const said = text.replace(/\s+/g, ' ').trim();
  if (!hasLetters(said) || BRANDS.has(said) || CODE.test(said)) return false;
  return !ALLOWED.some((allowed) => allowed.file === file && allowed.text === said);
}

/** The literal strings an expression may evaluate to: `a ? 'x' : 'y'`, `a || 'x'`, `'x'`, `` `x ${y}` ``. */
function literalsOf(expression: ts.Expression): ts.Node[] {
  if (ts.isParenthesizedExpression(expression)) return literalsOf(expression.expression);
  if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) return [expression];
  if (ts.isTemplateExpression(expression)) return [expression];
  if (ts.isConditionalExpression(expression))
    return [...literalsOf(expression.whenTrue), ...literalsOf(expression.whenFalse)];
  if (
    ts.isBinaryExpression(expression) &&
    [
      ts.SyntaxKind.BarBarToken,
      ts.SyntaxKind.QuestionQuestionToken,
      ts.SyntaxKind.AmpersandAmpersandToken,
    ].includes(expression.operatorToken.kind)
  )
    return [...literalsOf(expression.left), ...literalsOf(expression.right)];
  return [];
}

/** The text of a literal; a template's fixed parts, which hold its words. */
const textOf = (node: ts.Node): string =>
  ts.isTemplateExpression(node)
    ? [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ')
    : (node as ts.StringLiteral).text;

/** Every user-visible literal text of one file, as `file:line: text`. */
function visibleLiterals(file: string, source: ts.SourceFile = parseSource(file)): string[] {
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => {
    if (isText(file, text))
      found.push(`${file}:${lineOf(source, node)}: ${text.replace(/\s+/g, ' ').trim()}`);
  };
  const reportExpression = (expression: ts.Expression | undefined) => {
    for (const literal of expression ? literalsOf(expression) : []) report(literal, textOf(literal));
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) report(node, node.text);
    // A child expression: {'text'}, {busy ? 'Saving' : 'Save'}.
    else if (ts.isJsxExpression(node) && node.parent && !ts.isJsxAttribute(node.parent))
      reportExpression(node.expression);
    else if (ts.isJsxAttribute(node) && TEXT_ATTRIBUTES.has(node.name.getText(source))) {
      const value = node.initializer;
      if (value && ts.isStringLiteral(value)) report(value, value.text);
      else if (value && ts.isJsxExpression(value)) reportExpression(value.expression);
    } else if (
      ts.isPropertyAssignment(node) &&
      (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) &&
      TEXT_PROPERTIES.has(node.name.text)
    )
      reportExpression(node.initializer);
    // A component's default text: `function LoadingState({ label = 'Loading' })`.
    else if (
      ts.isBindingElement(node) &&
      node.initializer &&
      TEXT_PROPERTIES.has((node.propertyName ?? node.name).getText(source))
    )
      reportExpression(node.initializer);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * No text people read is written in the UI's code: each comes from the catalogues through `useT()`, so that it is
 * in the viewer's language. The scan parses every .tsx file with the TypeScript compiler and lists JSX text with
 * letters, literals in attributes people read (title, label, placeholder, aria-label, description, alt, message,
 * emptyView…), literals in JSX children (`{busy ? 'Saving' : 'Save'}`) and literals given to text properties of
 * objects (`{ label: 'Done' }`).
 */
describe('the UI’s texts', () => {
  const files = sourceFiles('static/app/src', ['.tsx']);

  it('the scan finds what it must find, and lets brands and code samples be', () => {
    const sample = ts.createSourceFile(
      'sample.tsx',
      [
        `const a = <Field label="Name" helperMessage={busy ? 'Saving' : t('x.y')}>Hello <b>{'there'}</b> · {n}</Field>;`,
        `const options = [{ label: 'Done', value: 'done' }, { label: t('rules.common.none'), value: '' }];`,
        `const ok = <Tooltip content="Workflow Guard"><Code>{'issue.key'}</Code>{count}</Tooltip>;`,
        `const title = <SectionMessage title={\`Saved \${name}\`} />;`,
        `function Busy({ label = 'Loading', size = 'large' }) { return null; }`,
      ].join('\n'),
      ts.ScriptTarget.Latest,
      true,
      ts.ScriptKind.TSX,
    );
    expect(visibleLiterals('sample.tsx', sample)).toEqual([
      'sample.tsx:1: Name',
      'sample.tsx:1: Saving',
      'sample.tsx:1: Hello',
      'sample.tsx:1: there',
      'sample.tsx:2: Done',
      'sample.tsx:4: Saved',
      'sample.tsx:5: Loading',
    ]);
    expect(files.length).toBeGreaterThan(10);
  });

  it('are all read from the catalogues (none written in a .tsx file)', () => {
    const literals = files.flatMap((file) => visibleLiterals(file));
    expect(literals).toEqual([]);
  });
});
