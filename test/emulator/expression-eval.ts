import { CONTEXT_VARIABLES, GLOBALS } from './expression';
import { construct, dateOrder } from './expression-dates';
import { parseExpression, type BinaryOp, type Node } from './expression-syntax';
import {
  EvaluationFailure,
  JiraEntity,
  JiraLambda,
  JsonMap,
  typeName,
  type JiraValue,
} from './expression-values';

/**
 * Evaluates the documented subset of Jira expressions
 * (https://developer.atlassian.com/cloud/jira/platform/jira-expressions/) over the grammar of expression-syntax.ts:
 * literals, lists and objects, member and computed access with optional chaining (`?.` gives null and skips the
 * rest of the chain), `let` bindings, one-parameter arrow functions, `!` `-` `&&` `||` (JavaScript truthiness; they
 * answer the deciding operand), `==` `!=` (by value; Jira objects by identity), `<` `>` `<=` `>=` (two Numbers or
 * two Strings), `+` (Numbers, or concatenation with a String) `-` `*` `/` `%`, the conditional operator; List
 * `length includes indexOf some every map filter join`, String `length includes startsWith endsWith toLowerCase
 * toUpperCase trim`, the properties and methods the Jira objects of expression-values.ts declare, and `new Date(...)`,
 * `new CalendarDate(...)` with their comparisons (expression-dates.ts).
 *
 * Failures are Jira's: `Evaluation failed: "<part>" - <reason>` (the 400 example of POST /expression/eval), e.g. a
 * property of null ("Type null does not have any properties"). Anything else the language has (template literals,
 * other classes after `new`, `typeof`, globals used as values, other methods) throws UnsupportedExpressionError naming the construct:
 * the emulator never guesses.
 */
export class ExpressionEvaluationError extends Error {}

export class UnsupportedExpressionError extends Error {}

export interface Evaluation {
  value: JiraValue;
  steps: number;
}

/** Jira's complexity limit on steps (meta.complexity.steps.limit in the eval endpoint's example). */
export const STEP_LIMIT = 10000;

export function evaluateExpression(
  source: string,
  variables: Readonly<Record<string, JiraValue>>,
  /** The site's clock: what `new Date()` and `new CalendarDate()` read. */
  now: () => number = Date.now,
): Evaluation {
  const parsed = parseExpression(source);
  if (!parsed.ok) {
    const { message, line, column, type } = parsed.error;
    if (type === 'other') throw new UnsupportedExpressionError(message);
    throw new ExpressionEvaluationError(`Invalid expression: ${message} (line ${line}, column ${column})`);
  }
  const evaluator = new Evaluator(source, now);
  const value = evaluator.eval(parsed.node, new Map(Object.entries(variables)));
  return { value, steps: evaluator.steps };
}

/** JavaScript truthiness, as `!`, `&&`, `||` and `?:` use it. */
function truthy(value: JiraValue): boolean {
  return value !== null && value !== false && value !== 0 && value !== '' && !Number.isNaN(value);
}

/** Equality of `==`: values compared by value, Jira objects by identity. */
function equal(a: JiraValue, b: JiraValue): boolean {
  if (a === null || b === null) return a === b;
  if (isList(a)) return isList(b) && a.length === b.length && a.every((x, i) => equal(x, b[i] ?? null));
  if (a instanceof JsonMap) {
    if (!(b instanceof JsonMap) || a.entries.size !== b.entries.size) return false;
    return [...a.entries].every(([k, v]) => b.entries.has(k) && equal(v, b.entries.get(k) ?? null));
  }
  if (a instanceof JiraEntity)
    return b instanceof JiraEntity && a.type === b.type && a.identity === b.identity;
  return a === b;
}

type Scope = ReadonlyMap<string, JiraValue>;

/** Marks an optional chain cut short by `?.` on null: the whole chain is null. */
const SHORT = Symbol('short-circuit');

class Evaluator {
  steps = 0;

  constructor(
    private readonly source: string,
    private readonly now: () => number,
  ) {}

  private text(node: Node): string {
    return this.source.slice(node.start, node.end);
  }

  private fail(node: Node, reason: string): never {
    throw new ExpressionEvaluationError(`Evaluation failed: "${this.text(node)}" - ${reason}`);
  }

  private unsupported(node: Node, what: string): never {
    throw new UnsupportedExpressionError(
      `The Jira emulator does not support ${what} (in "${this.text(node)}")`,
    );
  }

  eval(node: Node, scope: Scope): JiraValue {
    if (++this.steps > STEP_LIMIT) {
      this.fail(node, `the expression needs more than ${STEP_LIMIT} steps, Jira's complexity limit`);
    }
    switch (node.kind) {
      case 'literal':
        return node.value;
      case 'identifier':
        return this.variable(node, node.name, scope);
      case 'list':
        return node.items.map((item) => this.eval(item, scope));
      case 'object':
        return new JsonMap(new Map(node.entries.map((e) => [e.key, this.eval(e.value, scope)])));
      case 'group':
        return this.eval(node.expression, scope);
      case 'member':
      case 'index':
      case 'call': {
        const value = this.chain(node, scope);
        return value === SHORT ? null : value;
      }
      case 'unary':
        return this.unary(node, node.op, node.operand, scope);
      case 'binary':
        return this.binary(node, node.op, node.left, node.right, scope);
      case 'conditional':
        return truthy(this.eval(node.test, scope))
          ? this.eval(node.consequent, scope)
          : this.eval(node.alternate, scope);
      case 'arrow':
        return new JiraLambda(node.params, node.body, scope);
      case 'let': {
        const inner = new Map(scope);
        for (const b of node.bindings) inner.set(b.name, this.eval(b.value, inner));
        return this.eval(node.body, inner);
      }
      case 'template':
        return this.unsupported(node, 'template literals');
      case 'new': {
        const args = node.args.map((arg) => this.eval(arg, scope));
        const made = this.invoke(node, () => construct(node.className, args, this.now()), []);
        return made === undefined ? this.unsupported(node, `\`new ${node.className}(...)\``) : made;
      }
    }
  }

  private variable(node: Node, name: string, scope: Scope): JiraValue {
    const value = scope.get(name);
    if (value !== undefined) return value;
    if (GLOBALS.has(name)) return this.unsupported(node, `the global \`${name}\``);
    if (CONTEXT_VARIABLES.has(name)) this.fail(node, `the context variable ${name} is not available here`);
    return this.fail(node, `Unrecognized identifier: ${name}`);
  }

  /** Evaluates a member, index or call node; SHORT when an optional link met null. */
  private chain(node: Node, scope: Scope): JiraValue | typeof SHORT {
    if (node.kind !== 'member' && node.kind !== 'index' && node.kind !== 'call')
      return this.eval(node, scope);
    if (node.kind === 'call') {
      if (node.optional) return this.unsupported(node, 'optional calls `?.()`');
      const callee = node.callee;
      if (callee.kind !== 'member') return this.unsupported(node, 'calling anything but a method');
      const receiver = this.chain(callee.object, scope);
      if (receiver === SHORT || (callee.optional && receiver === null)) return SHORT;
      if (receiver === null) this.fail(node, 'Type null does not have any properties');
      const args = node.args.map((arg) => this.eval(arg, scope));
      return this.call(node, callee.object, receiver, callee.property, args);
    }
    const object = this.chain(node.object, scope);
    if (object === SHORT || (node.optional && object === null)) return SHORT;
    if (object === null) this.fail(node, 'Type null does not have any properties');
    if (node.kind === 'member') return this.member(node, node.object, object, node.property);
    return this.index(node, node.object, object, this.eval(node.index, scope));
  }

  private member(node: Node, objectNode: Node, object: JiraValue, name: string): JiraValue {
    if (object instanceof JiraEntity) {
      const value = object.property(name);
      if (value !== undefined) return value;
      if (object.method(name)) this.fail(node, `${name} is a method of ${object.type}: call it`);
      const available = object.propertyNames.map((p) => `'${p}'`).join(', ');
      return this.fail(
        node,
        `Unrecognized property of \`${this.text(objectNode)}\`: "${name}". Available properties of type '${object.type}' are: ${available}`,
      );
    }
    if (object instanceof JsonMap) return object.entries.get(name) ?? null;
    if ((typeof object === 'string' || isList(object)) && name === 'length') return object.length;
    return this.unsupported(node, `the ${typeName(object)} property "${name}"`);
  }

  private index(node: Node, objectNode: Node, object: JiraValue, key: JiraValue): JiraValue {
    if (typeof key === 'string' && (object instanceof JiraEntity || object instanceof JsonMap)) {
      return this.member(node, objectNode, object, key);
    }
    if (isList(object) && typeof key === 'number' && Number.isInteger(key)) {
      const item = object[key];
      if (key < 0 || item === undefined) {
        this.fail(node, `index ${key} is outside the list, which has ${object.length} items`);
      }
      return item;
    }
    return this.unsupported(node, `indexing a ${typeName(object)} with a ${typeName(key)}`);
  }

  private call(
    node: Node,
    receiverNode: Node,
    receiver: JiraValue,
    name: string,
    args: JiraValue[],
  ): JiraValue {
    if (typeof receiver === 'string') return this.stringMethod(node, receiver, name, args);
    if (isList(receiver)) return this.listMethod(node, receiver, name, args);
    if (receiver instanceof JiraEntity) {
      const method = receiver.method(name);
      if (method) return this.invoke(node, method, args);
      if (receiver.property(name) !== undefined)
        this.fail(node, `${name} is a property of ${receiver.type}, not a method`);
    }
    return this.unsupported(
      node,
      `the ${typeName(receiver)} method "${name}" (on \`${this.text(receiverNode)}\`)`,
    );
  }

  private invoke<T extends JiraValue | undefined>(
    node: Node,
    method: (args: readonly JiraValue[]) => T,
    args: JiraValue[],
  ): T {
    try {
      return method(args);
    } catch (e) {
      if (e instanceof EvaluationFailure) this.fail(node, e.message);
      throw e;
    }
  }

  private stringMethod(node: Node, text: string, name: string, args: JiraValue[]): JiraValue {
    switch (name) {
      case 'includes':
      case 'startsWith':
      case 'endsWith': {
        const needle = this.arguments(node, name, args, ['String'])[0] as string;
        return name === 'includes'
          ? text.includes(needle)
          : name === 'startsWith'
            ? text.startsWith(needle)
            : text.endsWith(needle);
      }
      case 'toLowerCase':
        this.arguments(node, name, args, []);
        return text.toLowerCase();
      case 'toUpperCase':
        this.arguments(node, name, args, []);
        return text.toUpperCase();
      case 'trim':
        this.arguments(node, name, args, []);
        return text.trim();
      default:
        return this.unsupported(node, `the String method "${name}"`);
    }
  }

  private listMethod(node: Node, list: readonly JiraValue[], name: string, args: JiraValue[]): JiraValue {
    switch (name) {
      case 'includes':
      case 'indexOf': {
        const [item] = this.arguments(node, name, args, ['Any']);
        const at = list.findIndex((x) => equal(x, item ?? null));
        return name === 'includes' ? at >= 0 : at;
      }
      case 'some':
      case 'every':
      case 'map':
      case 'filter': {
        const [fn] = this.arguments(node, name, args, ['Function']);
        const apply = (x: JiraValue) => this.apply(node, fn as JiraLambda, x);
        if (name === 'some') return list.some((x) => truthy(apply(x)));
        if (name === 'every') return list.every((x) => truthy(apply(x)));
        if (name === 'map') return list.map(apply);
        return list.filter((x) => truthy(apply(x)));
      }
      case 'join': {
        const separator = this.arguments(node, name, args, ['String'])[0] as string;
        return list
          .map((x) => {
            if (isPrimitive(x)) return String(x);
            return this.fail(node, `join needs a list of Strings, Numbers or Booleans, not ${typeName(x)}`);
          })
          .join(separator);
      }
      default:
        return this.unsupported(node, `the List method "${name}"`);
    }
  }

  /** Checks the argument count and types ('Any' accepts anything). */
  private arguments(node: Node, name: string, args: JiraValue[], types: readonly string[]): JiraValue[] {
    const wrong =
      args.length !== types.length || args.some((a, i) => types[i] !== 'Any' && typeName(a) !== types[i]);
    if (wrong) {
      const got = args.map(typeName).join(', ') || 'no arguments';
      this.fail(node, `${name} expects (${types.join(', ')}), got (${got})`);
    }
    return args;
  }

  private apply(node: Node, fn: JiraLambda, argument: JiraValue): JiraValue {
    if (fn.params.length !== 1) {
      return this.unsupported(node, `arrow functions with ${fn.params.length} parameters here`);
    }
    const [param] = fn.params;
    return this.eval(fn.body, new Map(fn.scope).set(param ?? '', argument));
  }

  private unary(node: Node, op: '!' | '-' | 'typeof', operand: Node, scope: Scope): JiraValue {
    if (op === 'typeof') return this.unsupported(node, 'the `typeof` operator');
    const value = this.eval(operand, scope);
    if (op === '!') return !truthy(value);
    if (typeof value !== 'number') return this.fail(node, `Can't negate ${typeName(value)}.`);
    return -value;
  }

  private binary(node: Node, op: BinaryOp, leftNode: Node, rightNode: Node, scope: Scope): JiraValue {
    const left = this.eval(leftNode, scope);
    if (op === '&&') return truthy(left) ? this.eval(rightNode, scope) : left;
    if (op === '||') return truthy(left) ? left : this.eval(rightNode, scope);
    const right = this.eval(rightNode, scope);
    switch (op) {
      case '==':
        return equal(left, right);
      case '!=':
        return !equal(left, right);
      case '<':
      case '>':
      case '<=':
      case '>=':
        return this.compare(node, op, left, right);
      case '+':
        if (typeof left === 'number' && typeof right === 'number') return left + right;
        if (
          isPrimitive(left) &&
          isPrimitive(right) &&
          (typeof left === 'string' || typeof right === 'string')
        ) {
          return String(left) + String(right);
        }
        return this.fail(node, `Can't add ${typeName(left)} and ${typeName(right)}.`);
      default:
        return this.arithmetic(node, op, left, right);
    }
  }

  private compare(node: Node, op: '<' | '>' | '<=' | '>=', left: JiraValue, right: JiraValue): boolean {
    if (typeof left === 'number' && typeof right === 'number') return ordered(op, left, right);
    if (typeof left === 'string' && typeof right === 'string') return ordered(op, left, right);
    const order = dateOrder(left, right);
    if (order !== undefined) return ordered(op, order, 0);
    return this.fail(node, `Can't compare ${typeName(left)} to ${typeName(right)}.`);
  }

  private arithmetic(node: Node, op: BinaryOp, left: JiraValue, right: JiraValue): number {
    if (typeof left !== 'number' || typeof right !== 'number') {
      return this.fail(
        node,
        `Operator ${op} needs two Numbers, got ${typeName(left)} and ${typeName(right)}.`,
      );
    }
    if ((op === '/' || op === '%') && right === 0) return this.fail(node, 'Division by zero.');
    return op === '-' ? left - right : op === '*' ? left * right : op === '/' ? left / right : left % right;
  }
}

const isPrimitive = (v: JiraValue): v is string | number | boolean =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

const isList = (v: JiraValue): v is readonly JiraValue[] => Array.isArray(v);

function ordered<T extends number | string>(op: '<' | '>' | '<=' | '>=', a: T, b: T): boolean {
  return op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b;
}
