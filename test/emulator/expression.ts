/**
 * A deliberately small Jira-expression analyser for POST /rest/api/3/expression/analyse. It is no evaluator.
 * Syntax (always): unterminated strings, unbalanced or mismatched brackets, a missing operand (empty expression,
 * two binary operators in a row, a trailing operator), characters outside the language.
 * Type (check=type|complexity): unknown root identifiers (not a context variable, a declared contextVariable,
 * a lambda parameter or a `let` binding) are type errors; the result type is inferred only for the obvious shapes
 * (top-level comparison or logical operator, `!`, boolean/string/number literals, a trailing .includes()/.some()/
 * .every()/.startsWith()/.endsWith() call) and is otherwise reported as "Any".
 * Not done: member and function type checking, complexity numbers (reported as a constant).
 */
export interface ExpressionError {
  line: number;
  column: number;
  message: string;
  type: 'syntax' | 'type' | 'other';
}

export interface ExpressionAnalysis {
  expression: string;
  valid: boolean;
  errors?: ExpressionError[];
  type?: string;
  complexity?: { expensiveOperations: string; variables: Record<string, string> };
}

// Context variables Jira documents for workflow rules, plus globals the language offers.
const KNOWN = new Set([
  'user',
  'issue',
  'originalIssue',
  'project',
  'transition',
  'workflow',
  'config',
  'app',
  'issues',
  'sprint',
  'board',
  'customerRequest',
  'serviceDesk',
  'Date',
  'CalendarDate',
  'Number',
  'String',
  'JSON',
  'Math',
  'true',
  'false',
  'null',
  'new',
  'let',
  'typeof',
  'return',
  'try',
  'catch',
  'throw',
  'undefined',
]);

const BINARY = [
  '&&',
  '||',
  '==',
  '!=',
  '<=',
  '>=',
  '=>',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '?',
  ':',
  '.',
  ',',
];

type Tok = {
  kind: 'ident' | 'number' | 'string' | 'op' | 'open' | 'close';
  text: string;
  line: number;
  column: number;
};

export function analyseExpression(
  expression: string,
  check: 'syntax' | 'type' | 'complexity',
  contextVariables: Record<string, string>,
): ExpressionAnalysis {
  const lexed = lex(expression);
  const errors: ExpressionError[] = 'error' in lexed ? [lexed.error] : syntaxErrors(lexed.tokens);
  const tokens = 'error' in lexed ? [] : lexed.tokens;
  if (errors.length === 0 && check !== 'syntax') errors.push(...identifierErrors(tokens, contextVariables));
  const result: ExpressionAnalysis = { expression, valid: errors.length === 0 };
  if (errors.length > 0) result.errors = errors;
  if (check !== 'syntax' && errors.length === 0) result.type = inferType(tokens);
  if (check === 'complexity' && errors.length === 0)
    result.complexity = { expensiveOperations: '0', variables: {} };
  return result;
}

function lex(src: string): { tokens: Tok[] } | { error: ExpressionError } {
  const tokens: Tok[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const at = (pos: number) => ({ line, column: pos - lineStart + 1 });
  while (i < src.length) {
    const c = src.charAt(i);
    if (c === '\n') {
      line++;
      lineStart = i + 1;
      i++;
    } else if (/\s/.test(c)) {
      i++;
    } else if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < src.length && src.charAt(j) !== c) j += src.charAt(j) === '\\' ? 2 : 1;
      if (j >= src.length)
        return { error: { ...at(i), message: 'Unterminated string literal', type: 'syntax' } };
      tokens.push({ kind: 'string', text: src.slice(i, j + 1), ...at(i) });
      i = j + 1;
    } else if (/[A-Za-z_$]/.test(c)) {
      const m = /^[A-Za-z_$][\w$]*/.exec(src.slice(i))?.[0] ?? c;
      tokens.push({ kind: 'ident', text: m, ...at(i) });
      i += m.length;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?/.exec(src.slice(i))?.[0] ?? c;
      tokens.push({ kind: 'number', text: m, ...at(i) });
      i += m.length;
    } else if ('([{'.includes(c)) {
      tokens.push({ kind: 'open', text: c, ...at(i) });
      i++;
    } else if (')]}'.includes(c)) {
      tokens.push({ kind: 'close', text: c, ...at(i) });
      i++;
    } else {
      const op = ['?.', ...BINARY, '!', '='].find((o) => src.startsWith(o, i));
      if (!op) return { error: { ...at(i), message: `Unexpected character '${c}'`, type: 'syntax' } };
      tokens.push({ kind: 'op', text: op, ...at(i) });
      i += op.length;
    }
  }
  return { tokens };
}

function syntaxErrors(tokens: Tok[]): ExpressionError[] {
  const err = (t: Pick<Tok, 'line' | 'column'>, message: string): ExpressionError[] => [
    { line: t.line, column: t.column, message, type: 'syntax' },
  ];
  if (tokens.length === 0) return err({ line: 1, column: 1 }, 'Expression is empty');
  const stack: Tok[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  let prev: Tok | undefined;
  for (const t of tokens) {
    if (t.kind === 'open') stack.push(t);
    if (t.kind === 'close') {
      const open = stack.pop();
      if (!open || open.text !== pairs[t.text]) return err(t, `Unexpected token '${t.text}'`);
    }
    const binary = t.kind === 'op' && BINARY.includes(t.text) && t.text !== '-';
    const prevDangling = prev?.kind === 'op' || prev?.kind === 'open';
    if (binary && (!prev || (prevDangling && !(prev.kind === 'open' && t.text === ',')))) {
      return err(t, `Unexpected token '${t.text}'`);
    }
    if (t.kind === 'close' && prev?.kind === 'op') return err(t, `Unexpected token '${t.text}'`);
    prev = t;
  }
  const open = stack.pop();
  if (open) return err(open, `Missing closing bracket for '${open.text}'`);
  if (prev?.kind === 'op') return err(prev, 'Unexpected end of expression');
  return [];
}

function identifierErrors(tokens: Tok[], contextVariables: Record<string, string>): ExpressionError[] {
  const bound = new Set<string>(Object.keys(contextVariables));
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    if (t.kind === 'ident' && (next?.text === '=>' || tokens[i - 1]?.text === 'let')) bound.add(t.text);
    if (t.text === '=>' && tokens[i - 1]?.text === ')') {
      for (let j = i - 2; j >= 0 && tokens[j]?.text !== '('; j--) {
        const p = tokens[j];
        if (p?.kind === 'ident') bound.add(p.text);
      }
    }
  });
  return tokens.flatMap((t, i) => {
    const before = tokens[i - 1]?.text;
    const isMember = before === '.' || before === '?.';
    const isKey = tokens[i + 1]?.text === ':' && (before === '{' || before === ',');
    if (t.kind !== 'ident' || isMember || isKey || KNOWN.has(t.text) || bound.has(t.text)) return [];
    return [
      {
        line: t.line,
        column: t.column,
        message: `Unrecognized identifier: ${t.text}`,
        type: 'type' as const,
      },
    ];
  });
}

function inferType(tokens: Tok[]): string {
  let depth = 0;
  let topLevelBoolean = false;
  for (const t of tokens) {
    if (t.kind === 'open') depth++;
    else if (t.kind === 'close') depth--;
    else if (
      depth === 0 &&
      t.kind === 'op' &&
      ['&&', '||', '==', '!=', '<', '>', '<=', '>='].includes(t.text)
    ) {
      topLevelBoolean = true;
    }
  }
  const first = tokens[0];
  if (topLevelBoolean || first?.text === '!') return 'Boolean';
  if (tokens.length === 1 && first) {
    if (first.kind === 'string') return 'String';
    if (first.kind === 'number') return 'Number';
    if (first.text === 'true' || first.text === 'false') return 'Boolean';
  }
  let i = tokens.length - 1;
  if (tokens[i]?.text === ')') {
    for (depth = 0; i >= 0; i--) {
      const t = tokens[i];
      if (t?.kind === 'close') depth++;
      if (t?.kind === 'open' && --depth === 0) break;
    }
    const callee = tokens[i - 1]?.text ?? '';
    if (
      tokens[i - 2]?.text === '.' &&
      ['includes', 'some', 'every', 'startsWith', 'endsWith'].includes(callee)
    ) {
      return 'Boolean';
    }
  }
  return 'Any';
}
