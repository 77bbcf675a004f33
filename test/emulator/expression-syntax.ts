/**
 * The one grammar of the emulator's Jira expressions, shared by analysis (POST /expression/analyse) and evaluation
 * (POST /expression/eval and expression validators). Jira expressions use JavaScript-like syntax
 * (https://developer.atlassian.com/cloud/jira/platform/jira-expressions/; the formal grammar is at
 * https://developer.atlassian.com/cloud/jira/platform/jira-expressions-grammar/, precedence as in JavaScript):
 *
 *   program     := (["let"] IDENT "=" expression ";")* ["return"] expression [";"]
 *   expression  := arrow | conditional
 *   arrow       := IDENT "=>" expression | "(" [IDENT ("," IDENT)*] ")" "=>" expression
 *   conditional := binary ["?" expression ":" expression]
 *   binary      := || < && < == != < < > <= >= < + - < * / %   (left-associative)
 *   unary       := ("!" | "-" | "typeof") unary | postfix
 *   postfix     := primary ("." IDENT | "?." IDENT | "[" expression "]" | "?.[" expression "]" | arguments
 *                  | "?." arguments)*
 *   primary     := NUMBER | STRING | TEMPLATE | true | false | null | IDENT | "(" expression ")"
 *                  | "[" [expression ("," expression)*] "]" | "{" [key ":" expression ("," ...)*] "}"
 *                  | "new" IDENT arguments
 *
 * Not parsed (an error of type `other` names them): `if`/`try` statements, `===`/`!==` and JavaScript keywords
 * Jira expressions do not have. Every node keeps its source span so errors can quote the failing part.
 */
export interface ExpressionError {
  line: number;
  column: number;
  message: string;
  type: 'syntax' | 'type' | 'other';
}

interface Span {
  start: number;
  end: number;
}

export type Node = Span &
  (
    | { kind: 'literal'; value: string | number | boolean | null }
    | { kind: 'template'; raw: string }
    | { kind: 'identifier'; name: string }
    | { kind: 'list'; items: Node[] }
    | { kind: 'object'; entries: Array<{ key: string; value: Node }> }
    | { kind: 'member'; object: Node; property: string; optional: boolean }
    | { kind: 'index'; object: Node; index: Node; optional: boolean }
    | { kind: 'call'; callee: Node; args: Node[]; optional: boolean }
    | { kind: 'unary'; op: '!' | '-' | 'typeof'; operand: Node }
    | { kind: 'binary'; op: BinaryOp; left: Node; right: Node }
    | { kind: 'conditional'; test: Node; consequent: Node; alternate: Node }
    | { kind: 'arrow'; params: string[]; body: Node }
    | { kind: 'new'; className: string; args: Node[] }
    | { kind: 'group'; expression: Node }
    | { kind: 'let'; bindings: Array<{ name: string; value: Node }>; body: Node }
  );

export type BinaryOp = '||' | '&&' | '==' | '!=' | '<' | '>' | '<=' | '>=' | '+' | '-' | '*' | '/' | '%';

/** Binary operators by precedence level, loosest first. */
const LEVELS: ReadonlyArray<readonly BinaryOp[]> = [
  ['||'],
  ['&&'],
  ['==', '!='],
  ['<', '>', '<=', '>='],
  ['+', '-'],
  ['*', '/', '%'],
];

/** JavaScript words that would start a statement or operator Jira expressions (or this emulator) lack. */
const NOT_PARSED: Readonly<Record<string, string>> = {
  if: '`if` statements',
  try: '`try` statements',
  catch: '`try` statements',
  throw: '`throw` statements',
  function: '`function` declarations (use an arrow function)',
  var: '`var` declarations (use `let`)',
  const: '`const` declarations (use `let`)',
  '===': 'the `===` operator (use `==`)',
  '!==': 'the `!==` operator (use `!=`)',
};

type TokenKind = 'ident' | 'number' | 'string' | 'template' | 'punct' | 'eof';

interface Token {
  kind: TokenKind;
  text: string;
  value?: string | number;
  start: number;
  end: number;
  line: number;
  column: number;
}

// Longest first, so `?.` wins over `?` and `===` over `==`.
const PUNCTUATORS = [
  '===',
  '!==',
  '?.',
  '=>',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  ...'()[]{}.,:;?!<>+-*/%='.split(''),
];

const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  v: '\v',
  '0': '\0',
};

class SyntaxFailure extends Error {
  constructor(readonly error: ExpressionError) {
    super(error.message);
  }
}

function lex(src: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const at = (pos: number) => ({ line, column: pos - lineStart + 1 });
  const fail = (pos: number, message: string, type: ExpressionError['type'] = 'syntax') => {
    throw new SyntaxFailure({ ...at(pos), message, type });
  };
  while (i < src.length) {
    const c = src.charAt(i);
    if (c === '\n') {
      line++;
      lineStart = ++i;
    } else if (/\s/.test(c)) {
      i++;
    } else if (c === '"' || c === "'" || c === '`') {
      const start = i;
      const position = at(i);
      let value = '';
      i++;
      while (i < src.length && src.charAt(i) !== c) {
        if (src.charAt(i) === '\\' && c !== '`') {
          const next = src.charAt(i + 1);
          const hex = next === 'u' ? /^[0-9a-fA-F]{4}/.exec(src.slice(i + 2))?.[0] : undefined;
          value += hex ? String.fromCharCode(parseInt(hex, 16)) : (ESCAPES[next] ?? next);
          i += hex ? 6 : 2;
        } else {
          if (src.charAt(i) === '\n') {
            line++;
            lineStart = i + 1;
          }
          value += src.charAt(i++);
        }
      }
      if (i >= src.length)
        throw new SyntaxFailure({ ...position, message: 'Unterminated string literal', type: 'syntax' });
      i++;
      const kind = c === '`' ? 'template' : 'string';
      tokens.push({ kind, text: src.slice(start, i), value, start, end: i, ...position });
    } else if (/[A-Za-z_$]/.test(c)) {
      const text = /^[A-Za-z_$][\w$]*/.exec(src.slice(i))?.[0] ?? c;
      tokens.push({ kind: 'ident', text, start: i, end: i + text.length, ...at(i) });
      i += text.length;
    } else if (/[0-9]/.test(c)) {
      const text = /^[0-9]+(\.[0-9]+)?/.exec(src.slice(i))?.[0] ?? c;
      tokens.push({ kind: 'number', text, value: Number(text), start: i, end: i + text.length, ...at(i) });
      i += text.length;
    } else {
      const op = PUNCTUATORS.find(
        (p) => src.startsWith(p, i) && !(p === '?.' && /[0-9]/.test(src.charAt(i + 2))),
      );
      if (!op) fail(i, `Unexpected character '${c}'`);
      else {
        const notParsed = NOT_PARSED[op];
        if (notParsed) fail(i, `The Jira emulator does not support ${notParsed}`, 'other');
        tokens.push({ kind: 'punct', text: op, start: i, end: i + op.length, ...at(i) });
        i += op.length;
      }
    }
  }
  tokens.push({ kind: 'eof', text: '', start: src.length, end: src.length, ...at(src.length) });
  return tokens;
}

class Parser {
  private i = 0;

  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)] as Token;
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.i++;
    return t;
  }

  private is(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return (t.kind === 'punct' || t.kind === 'ident') && t.text === text;
  }

  /** An unexpected token; at the end of the text, the position of the last token (where the operand is missing). */
  private unexpected(t: Token): never {
    if (t.kind === 'eof') {
      const last = this.tokens[this.tokens.length - 2];
      throw new SyntaxFailure({
        line: last?.line ?? 1,
        column: last?.column ?? 1,
        message: last ? 'Unexpected end of expression' : 'Expression is empty',
        type: 'syntax',
      });
    }
    throw new SyntaxFailure({
      line: t.line,
      column: t.column,
      message: `Unexpected token '${t.text}'`,
      type: 'syntax',
    });
  }

  private expect(text: string): Token {
    if (!this.is(text)) this.unexpected(this.peek());
    return this.next();
  }

  /** The closing bracket of `open`; a missing one is named at the opening bracket. */
  private close(open: Token, closing: string): Token {
    if (this.is(closing)) return this.next();
    const t = this.peek();
    if (t.kind === 'eof') {
      throw new SyntaxFailure({
        line: open.line,
        column: open.column,
        message: `Missing closing bracket for '${open.text}'`,
        type: 'syntax',
      });
    }
    return this.unexpected(t);
  }

  program(): Node {
    const start = this.peek().start;
    const bindings: Array<{ name: string; value: Node }> = [];
    while (this.isDeclaration()) {
      if (this.is('let')) this.next();
      const name = this.next().text;
      this.expect('=');
      bindings.push({ name, value: this.expression() });
      this.expect(';');
    }
    if (this.is('return')) this.next();
    const body = this.expression();
    if (this.is(';')) this.next();
    if (this.peek().kind !== 'eof') this.unexpected(this.peek());
    return bindings.length ? { kind: 'let', bindings, body, start, end: body.end } : body;
  }

  private isDeclaration(): boolean {
    if (this.is('let')) return true;
    return this.peek().kind === 'ident' && this.is('=', 1);
  }

  expression(): Node {
    const t = this.peek();
    if (t.kind === 'ident' && this.is('=>', 1)) {
      this.i += 2;
      const body = this.expression();
      return { kind: 'arrow', params: [t.text], body, start: t.start, end: body.end };
    }
    const params = this.is('(') ? this.arrowParameters() : undefined;
    if (params) {
      const body = this.expression();
      return { kind: 'arrow', params, body, start: t.start, end: body.end };
    }
    return this.conditional();
  }

  /** `(a, b) =>`: consumes and returns the parameter names, or leaves a parenthesised expression alone. */
  private arrowParameters(): string[] | undefined {
    const names: string[] = [];
    let j = 1;
    while (this.peek(j).kind === 'ident' && (names.length === 0 || this.is(',', j - 1))) {
      names.push(this.peek(j).text);
      j += this.is(',', j + 1) ? 2 : 1;
    }
    if (!this.is(')', j) || !this.is('=>', j + 1)) return undefined;
    this.i += j + 2;
    return names;
  }

  private conditional(): Node {
    const test = this.binary(0);
    if (!this.is('?')) return test;
    this.next();
    const consequent = this.expression();
    this.expect(':');
    const alternate = this.expression();
    return { kind: 'conditional', test, consequent, alternate, start: test.start, end: alternate.end };
  }

  private binary(level: number): Node {
    const ops = LEVELS[level];
    if (!ops) return this.unary();
    let left = this.binary(level + 1);
    while (ops.some((op) => this.is(op))) {
      const op = this.next().text as BinaryOp;
      const right = this.binary(level + 1);
      left = { kind: 'binary', op, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private unary(): Node {
    const t = this.peek();
    if (this.is('!') || this.is('-') || this.is('typeof')) {
      this.next();
      const operand = this.unary();
      return { kind: 'unary', op: t.text as '!' | '-' | 'typeof', operand, start: t.start, end: operand.end };
    }
    return this.postfix(this.primary());
  }

  private postfix(node: Node): Node {
    for (;;) {
      const optional = this.is('?.');
      if (optional) this.next();
      if (this.is('.') && !optional) {
        this.next();
        node = this.member(node, false);
      } else if (optional && this.peek().kind === 'ident') {
        node = this.member(node, true);
      } else if (this.is('[')) {
        const open = this.next();
        const index = this.expression();
        const end = this.close(open, ']').end;
        node = { kind: 'index', object: node, index, optional, start: node.start, end };
      } else if (this.is('(')) {
        const { args, end } = this.arguments();
        node = { kind: 'call', callee: node, args, optional, start: node.start, end };
      } else if (optional) {
        return this.unexpected(this.peek());
      } else {
        return node;
      }
    }
  }

  private member(object: Node, optional: boolean): Node {
    const name = this.next();
    if (name.kind !== 'ident') this.unexpected(name);
    return { kind: 'member', object, property: name.text, optional, start: object.start, end: name.end };
  }

  private arguments(): { args: Node[]; end: number } {
    const open = this.expect('(');
    const args = this.is(')') ? [] : this.commaList();
    return { args, end: this.close(open, ')').end };
  }

  private commaList(): Node[] {
    const items = [this.expression()];
    while (this.is(',')) {
      this.next();
      items.push(this.expression());
    }
    return items;
  }

  private primary(): Node {
    const t = this.next();
    const span = { start: t.start, end: t.end };
    if (t.kind === 'number' || t.kind === 'string')
      return { kind: 'literal', value: t.value ?? null, ...span };
    if (t.kind === 'template') return { kind: 'template', raw: String(t.value ?? ''), ...span };
    if (t.kind === 'ident') {
      const notParsed = NOT_PARSED[t.text];
      if (notParsed) {
        throw new SyntaxFailure({
          line: t.line,
          column: t.column,
          message: `The Jira emulator does not support ${notParsed}`,
          type: 'other',
        });
      }
      if (t.text === 'true' || t.text === 'false')
        return { kind: 'literal', value: t.text === 'true', ...span };
      if (t.text === 'null') return { kind: 'literal', value: null, ...span };
      if (t.text === 'new') {
        const name = this.next();
        if (name.kind !== 'ident') this.unexpected(name);
        const { args, end } = this.arguments();
        return { kind: 'new', className: name.text, args, start: t.start, end };
      }
      if (t.text === 'let' || t.text === 'return') this.unexpected(t);
      return { kind: 'identifier', name: t.text, ...span };
    }
    if (t.text === '(') {
      const expression = this.expression();
      return { kind: 'group', expression, start: t.start, end: this.close(t, ')').end };
    }
    if (t.text === '[') {
      const items = this.is(']') ? [] : this.commaList();
      return { kind: 'list', items, start: t.start, end: this.close(t, ']').end };
    }
    if (t.text === '{') return this.object(t);
    return this.unexpected(t);
  }

  private object(open: Token): Node {
    const entries: Array<{ key: string; value: Node }> = [];
    while (!this.is('}')) {
      if (entries.length) this.expect(',');
      const key = this.next();
      if (key.kind !== 'ident' && key.kind !== 'string' && key.kind !== 'number') this.unexpected(key);
      this.expect(':');
      entries.push({ key: String(key.value ?? key.text), value: this.expression() });
      if (this.peek().kind === 'eof') break;
    }
    return { kind: 'object', entries, start: open.start, end: this.close(open, '}').end };
  }
}

/** Line and column (both from 1) of an offset in the expression text. */
export function lineAndColumn(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/** The expression's syntax tree, or the first syntax error with its line and column. */
export function parseExpression(
  source: string,
): { ok: true; node: Node } | { ok: false; error: ExpressionError } {
  try {
    return { ok: true, node: new Parser(lex(source)).program() };
  } catch (e) {
    if (e instanceof SyntaxFailure) return { ok: false, error: e.error };
    throw e;
  }
}
