import { lineAndColumn, parseExpression, type ExpressionError, type Node } from './expression-syntax';

/**
 * POST /rest/api/3/expression/analyse over the emulator's one grammar (expression-syntax.ts).
 * Syntax (always): the parser's first error, with its line and column.
 * Type (check=type|complexity): identifiers that are neither a context variable, a declared contextVariable, a
 * global of the language, an arrow-function parameter nor a `let` binding in scope are type errors; the result
 * type is inferred for literals, operators, conditionals and the Boolean/Number list and string methods, and is
 * otherwise "Any".
 * Not done: member and function type checking, complexity numbers (reported as a constant).
 */
export type { ExpressionError } from './expression-syntax';

export interface ExpressionAnalysis {
  expression: string;
  valid: boolean;
  errors?: ExpressionError[];
  type?: string;
  complexity?: { expensiveOperations: string; variables: Record<string, string> };
}

/** Context variables Jira documents for its expression contexts. */
export const CONTEXT_VARIABLES: ReadonlySet<string> = new Set([
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
]);

/** The language's global objects. */
export const GLOBALS: ReadonlySet<string> = new Set([
  'Date',
  'CalendarDate',
  'Number',
  'String',
  'JSON',
  'Math',
  'RichText',
]);

/**
 * Custom fields are properties of an issue by id ("issue.customfield_10010",
 * https://developer.atlassian.com/cloud/jira/platform/jira-expressions-type-reference/#issue); the type check knows
 * the site's fields, so one deleted since reads as an unrecognized property (FIDELITY.md, "Health check").
 */
const ISSUE_VARIABLES = new Set(['issue', 'originalIssue']);

export function analyseExpression(
  expression: string,
  check: 'syntax' | 'type' | 'complexity',
  contextVariables: Record<string, string>,
  /** The site's custom field ids; when given, type checks refuse issue properties naming another. */
  customFields?: ReadonlySet<string>,
): ExpressionAnalysis {
  const parsed = parseExpression(expression);
  const errors: ExpressionError[] = parsed.ok ? [] : [parsed.error];
  if (parsed.ok && check !== 'syntax') {
    const known = new Set([...CONTEXT_VARIABLES, ...GLOBALS, ...Object.keys(contextVariables)]);
    errors.push(...unknownIdentifiers(parsed.node, expression, known));
    if (customFields) errors.push(...unknownCustomFields(parsed.node, expression, customFields));
  }
  const result: ExpressionAnalysis = { expression, valid: errors.length === 0 };
  if (errors.length > 0) result.errors = errors;
  if (parsed.ok && check !== 'syntax' && errors.length === 0) result.type = typeOf(parsed.node);
  if (check === 'complexity' && errors.length === 0)
    result.complexity = { expensiveOperations: '0', variables: {} };
  return result;
}

function unknownIdentifiers(root: Node, source: string, known: ReadonlySet<string>): ExpressionError[] {
  const errors: ExpressionError[] = [];
  const visit = (node: Node, scope: ReadonlySet<string>): void => {
    switch (node.kind) {
      case 'identifier':
        if (!scope.has(node.name))
          errors.push({ ...lineAndColumn(source, node.start), ...unrecognized(node.name) });
        return;
      case 'arrow':
        return visit(node.body, new Set([...scope, ...node.params]));
      case 'let': {
        const inner = new Set(scope);
        for (const b of node.bindings) {
          visit(b.value, inner);
          inner.add(b.name);
        }
        return visit(node.body, inner);
      }
      default:
        for (const child of children(node)) visit(child, scope);
    }
  };
  visit(root, known);
  return errors;
}

function unknownCustomFields(root: Node, source: string, fields: ReadonlySet<string>): ExpressionError[] {
  const errors: ExpressionError[] = [];
  const visit = (node: Node): void => {
    if (
      node.kind === 'member' &&
      node.object.kind === 'identifier' &&
      ISSUE_VARIABLES.has(node.object.name) &&
      /^customfield_\d+$/.test(node.property) &&
      !fields.has(node.property)
    ) {
      errors.push({
        ...lineAndColumn(source, node.start),
        message: `Unrecognized property of \`${node.object.name}\`: "${node.property}"`,
        type: 'type',
      });
    }
    for (const child of children(node)) visit(child);
  };
  visit(root);
  return errors;
}

const unrecognized = (name: string) => ({
  message: `Unrecognized identifier: ${name}`,
  type: 'type' as const,
});

/** The direct sub-expressions of a node. */
export function children(node: Node): Node[] {
  switch (node.kind) {
    case 'list':
      return node.items;
    case 'object':
      return node.entries.map((e) => e.value);
    case 'member':
      return [node.object];
    case 'index':
      return [node.object, node.index];
    case 'call':
      return [node.callee, ...node.args];
    case 'unary':
      return [node.operand];
    case 'binary':
      return [node.left, node.right];
    case 'conditional':
      return [node.test, node.consequent, node.alternate];
    case 'arrow':
      return [node.body];
    case 'new':
      return node.args;
    case 'group':
      return [node.expression];
    case 'let':
      return [...node.bindings.map((b) => b.value), node.body];
    default:
      return [];
  }
}

const BOOLEAN_METHODS = new Set(['includes', 'some', 'every', 'startsWith', 'endsWith']);
const NUMBER_METHODS = new Set(['indexOf']);

/** The inferred result type, as far as the shape of the expression tells it (Jira's names). */
function typeOf(node: Node): string {
  switch (node.kind) {
    case 'literal':
      if (node.value === null) return 'Any';
      return typeof node.value === 'string'
        ? 'String'
        : typeof node.value === 'number'
          ? 'Number'
          : 'Boolean';
    case 'template':
      return 'String';
    case 'list':
      return 'List';
    case 'object':
      return 'Map';
    case 'group':
      return typeOf(node.expression);
    case 'let':
      return typeOf(node.body);
    case 'unary':
      return node.op === '!' ? 'Boolean' : node.op === '-' ? 'Number' : 'String';
    case 'conditional': {
      const a = typeOf(node.consequent);
      return a === typeOf(node.alternate) ? a : 'Any';
    }
    case 'binary':
      return binaryType(node.op, typeOf(node.left), typeOf(node.right));
    case 'call': {
      const method = node.callee.kind === 'member' ? node.callee.property : '';
      if (BOOLEAN_METHODS.has(method)) return 'Boolean';
      if (NUMBER_METHODS.has(method)) return 'Number';
      return 'Any';
    }
    default:
      return 'Any';
  }
}

function binaryType(op: string, left: string, right: string): string {
  if (['==', '!=', '<', '>', '<=', '>='].includes(op)) return 'Boolean';
  if (op === '&&' || op === '||') {
    return [left, right].every((t) => t === 'Boolean' || t === 'Any') ? 'Boolean' : 'Any';
  }
  if (op === '+') {
    if (left === 'String' || right === 'String') return 'String';
    return left === 'Number' && right === 'Number' ? 'Number' : 'Any';
  }
  return 'Number';
}
