import type { IssueRecord, SiteState } from './state';

/**
 * The JQL subset the app needs, parsed into a predicate:
 *   key|issuekey|id, project, parent, status, statusCategory, issuetype|type, labels, assignee, reporter
 *   with = != in / not in / is [not] EMPTY; `issue in linkedIssues(KEY[, "link description or type name"])`;
 *   currentUser(); AND, OR, NOT, parentheses; ORDER BY key|id|created|updated [ASC|DESC];
 *   `issue.property['key'].path = "value"` (and !=) on the paths an app indexed (jira:entityProperty, string type).
 * Anything else is a JqlError (the search answers 400), never a silently wrong result.
 * As in Jira, naming an issue that does not exist (or that the caller cannot browse) in key/parent is an error.
 */
export class JqlError extends Error {}

export interface JqlQuery {
  matches: (issue: IssueRecord) => boolean;
  compare: (a: IssueRecord, b: IssueRecord) => number;
}

type Token =
  | { kind: 'word' | 'string' | 'punct'; text: string }
  | { kind: 'property'; key: string; path: string; text: string };

/** `issue.property['key'].path` or `issue.property[key].path` (the jira:entityProperty docs' full property path form). */
const PROPERTY_CLAUSE = /^issue\.property\[(?:'([^']+)'|"([^"]+)"|([A-Za-z0-9_.-]+))\]\.([A-Za-z0-9_.]+)/i;

type Value = { kind: 'literal'; text: string } | { kind: 'func'; name: string; args: string[] };

interface Env {
  site: SiteState;
  callerId: string;
  canBrowse(issue: IssueRecord): boolean;
}

export function parseJql(jql: string, env: Env): JqlQuery {
  const p = new Parser(tokenize(jql), env);
  return p.query();
}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src.charAt(i);
    const property = PROPERTY_CLAUSE.exec(src.slice(i));
    if (/\s/.test(c)) {
      i++;
    } else if (property) {
      const key = property[1] ?? property[2] ?? property[3] ?? '';
      out.push({ kind: 'property', key, path: property[4] ?? '', text: property[0] });
      i += property[0].length;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      let text = '';
      while (j < src.length && src.charAt(j) !== c) {
        if (src.charAt(j) === '\\') j++;
        text += src.charAt(j);
        j++;
      }
      if (j >= src.length)
        throw new JqlError(`Error in the JQL Query: unterminated string at position ${i}.`);
      out.push({ kind: 'string', text });
      i = j + 1;
    } else if (src.startsWith('!=', i)) {
      out.push({ kind: 'punct', text: '!=' });
      i += 2;
    } else if ('=(),'.includes(c)) {
      out.push({ kind: 'punct', text: c });
      i++;
    } else {
      const m = /^[A-Za-z0-9_.:-]+/.exec(src.slice(i));
      if (!m)
        throw new JqlError(`Error in the JQL Query: the character '${c}' is not supported by the emulator.`);
      out.push({ kind: 'word', text: m[0] });
      i += m[0].length;
    }
  }
  return out;
}

type Pred = (issue: IssueRecord) => boolean;

class Parser {
  private pos = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly env: Env,
  ) {}

  query(): JqlQuery {
    const matches = this.atKeyword('order') ? () => true : this.or();
    const compare = this.orderBy();
    if (this.pos < this.tokens.length) this.fail(`unexpected '${this.peek()?.text ?? ''}'`);
    return { matches, compare };
  }

  private or(): Pred {
    const parts = [this.and()];
    while (this.eatKeyword('or')) parts.push(this.and());
    return (i) => parts.some((p) => p(i));
  }

  private and(): Pred {
    const parts = [this.unary()];
    while (this.eatKeyword('and')) parts.push(this.unary());
    return (i) => parts.every((p) => p(i));
  }

  private unary(): Pred {
    if (this.eatKeyword('not')) {
      const inner = this.unary();
      return (i) => !inner(i);
    }
    if (this.eatPunct('(')) {
      const inner = this.or();
      this.expectPunct(')');
      return inner;
    }
    return this.clause();
  }

  private clause(): Pred {
    const token = this.next('a field name');
    if (token.kind === 'property') return this.propertyClause(token);
    const field = token.text.toLowerCase();
    if (this.eatPunct('=')) return this.equals(field, [this.value()]);
    if (this.eatPunct('!=')) {
      const p = this.equals(field, [this.value()]);
      return (i) => !p(i);
    }
    const negated = this.eatKeyword('not');
    if (this.eatKeyword('in')) {
      const p = this.equals(field, this.valueList());
      return negated ? (i) => !p(i) : p;
    }
    if (!negated && this.eatKeyword('is')) {
      const not = this.eatKeyword('not');
      const v = this.next('EMPTY').text.toLowerCase();
      if (v !== 'empty' && v !== 'null') this.fail(`expected EMPTY after IS`);
      const p = this.isEmpty(field);
      return not ? (i) => !p(i) : p;
    }
    return this.fail(`unsupported operator after '${field}'`);
  }

  private valueList(): Value[] {
    const first = this.peek();
    if (first?.kind === 'word' && this.tokens[this.pos + 1]?.text === '(') return [this.value()];
    this.expectPunct('(');
    const values = [this.value()];
    while (this.eatPunct(',')) values.push(this.value());
    this.expectPunct(')');
    return values;
  }

  private value(): Value {
    const t = this.next('a value');
    if (t.kind === 'word' && this.eatPunct('(')) {
      const args: string[] = [];
      while (!this.eatPunct(')')) {
        args.push(this.next('an argument').text);
        this.eatPunct(',');
      }
      return { kind: 'func', name: t.text.toLowerCase(), args };
    }
    if (t.kind === 'punct') this.fail(`unexpected '${t.text}'`);
    return { kind: 'literal', text: t.text };
  }

  private equals(field: string, values: Value[]): Pred {
    const site = this.env.site;
    const literal = (v: Value): string => {
      if (v.kind === 'func' && v.name === 'currentuser' && ['assignee', 'reporter'].includes(field)) {
        return this.env.callerId;
      }
      if (v.kind === 'func') return this.fail(`function ${v.name}() is not supported for '${field}'`);
      return v.text;
    };
    switch (field) {
      case 'key':
      case 'issuekey':
      case 'id': {
        const ids = new Set(values.map((v) => this.issueRef(literal(v), field).id));
        return (i) => ids.has(i.id);
      }
      case 'parent': {
        const keys = new Set(values.map((v) => this.issueRef(literal(v), field).key));
        return (i) => i.parentKey !== undefined && keys.has(i.parentKey);
      }
      case 'project': {
        const keys = new Set(
          values.map((v) => {
            const t = literal(v);
            const p = [...site.projects.values()].find(
              (x) =>
                x.key.toLowerCase() === t.toLowerCase() ||
                x.id === t ||
                x.name.toLowerCase() === t.toLowerCase(),
            );
            return p ? p.key : this.fail(`The value '${t}' does not exist for the field 'project'.`);
          }),
        );
        return (i) => keys.has(i.projectKey);
      }
      case 'status': {
        const names = new Set(
          values.map((v) => {
            const t = literal(v);
            const s = [...site.statuses.values()].find(
              (x) => x.name.toLowerCase() === t.toLowerCase() || x.id === t,
            );
            return s ? s.name : this.fail(`The value '${t}' does not exist for the field 'status'.`);
          }),
        );
        return (i) => names.has(i.status);
      }
      case 'statuscategory': {
        const cats = new Set(
          values.map((v) => statusCategoryOf(literal(v)) ?? this.fail(`bad statusCategory`)),
        );
        return (i) => cats.has(site.requireStatus(i.status).category);
      }
      case 'issuetype':
      case 'type': {
        const names = new Set(values.map((v) => literal(v).toLowerCase()));
        return (i) => names.has(i.issueType.toLowerCase());
      }
      case 'labels': {
        const labels = values.map(literal);
        return (i) =>
          Array.isArray(i.fields.labels) && labels.some((l) => (i.fields.labels as string[]).includes(l));
      }
      case 'assignee':
      case 'reporter': {
        const ids = new Set(values.map(literal));
        return (i) => ids.has((field === 'assignee' ? i.assignee : i.reporter) ?? '');
      }
      case 'issue': {
        const preds = values.map((v) => {
          if (v.kind === 'func' && v.name === 'linkedissues') return this.linkedIssues(v.args);
          const id = this.issueRef(literal(v), 'issue').id;
          return (i: IssueRecord) => i.id === id;
        });
        return (i) => preds.some((p) => p(i));
      }
      default:
        return this.fail(`the field '${field}' is not supported by the emulator`);
    }
  }

  /**
   * An indexed issue property path compared with = or != (the `string` type "supports exact match (=, !=) only",
   * jira:entityProperty docs). A path no installed app indexed is not a JQL field; the message is an assumption
   * (FIDELITY.md, "Create issue").
   */
  private propertyClause(token: { key: string; path: string; text: string }): Pred {
    const indexed = this.env.site.indexedIssueProperties.find(
      (p) => p.propertyKey === token.key && p.path === token.path,
    );
    if (!indexed || indexed.type !== 'string')
      this.fail(`Field '${token.text}' does not exist or you do not have permission to view it`);
    const negated = this.eatPunct('!=');
    if (!negated) this.expectPunct('=');
    const value = this.value();
    if (value.kind !== 'literal') this.fail(`functions are not supported for '${token.text}'`);
    const at = (issue: IssueRecord): unknown =>
      token.path
        .split('.')
        .reduce<unknown>(
          (node, step) =>
            node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[step] : undefined,
          issue.properties.get(token.key),
        );
    // A `string` path holds a string or a list of strings ("The path may refer to an array type").
    const equal = (issue: IssueRecord) => {
      const found = at(issue);
      return Array.isArray(found) ? found.includes(value.text) : found === value.text;
    };
    return negated ? (i) => !equal(i) : equal;
  }

  private isEmpty(field: string): Pred {
    switch (field) {
      case 'assignee':
        return (i) => i.assignee === undefined;
      case 'reporter':
        return (i) => i.reporter === undefined;
      case 'parent':
        return (i) => i.parentKey === undefined;
      case 'labels':
        return (i) => !Array.isArray(i.fields.labels) || i.fields.labels.length === 0;
      default:
        return this.fail(`IS EMPTY is not supported for '${field}' by the emulator`);
    }
  }

  /** linkedIssues(KEY[, desc]): desc is a link type name (both directions) or its inward/outward description. */
  private linkedIssues(args: string[]): Pred {
    const [ref, desc] = args;
    if (ref === undefined) return this.fail('linkedIssues() needs an issue');
    const anchor = this.issueRef(ref, 'issue');
    const wanted = desc?.toLowerCase();
    const keys = new Set<string>();
    for (const l of this.env.site.links) {
      const type = this.env.site.linkTypes.get(l.type);
      if (!type) continue;
      const anyDir = wanted === undefined || type.name.toLowerCase() === wanted;
      if (l.outwardKey === anchor.key && (anyDir || type.outward.toLowerCase() === wanted))
        keys.add(l.inwardKey);
      if (l.inwardKey === anchor.key && (anyDir || type.inward.toLowerCase() === wanted))
        keys.add(l.outwardKey);
    }
    return (i) => keys.has(i.key);
  }

  private issueRef(text: string, field: string): IssueRecord {
    const issue = this.env.site.findIssue(text.toUpperCase()) ?? this.env.site.findIssue(text);
    if (!issue || !this.env.canBrowse(issue)) {
      return this.fail(`An issue with key '${text}' does not exist for field '${field}'.`);
    }
    return issue;
  }

  private orderBy(): (a: IssueRecord, b: IssueRecord) => number {
    const byId = (a: IssueRecord, b: IssueRecord) => Number(a.id) - Number(b.id);
    if (!this.eatKeyword('order')) return byId;
    if (!this.eatKeyword('by')) this.fail('expected BY after ORDER');
    const field = this.next('a field').text.toLowerCase();
    const desc = this.eatKeyword('desc');
    if (!desc) this.eatKeyword('asc');
    const keyOf: Record<string, (i: IssueRecord) => string | number> = {
      key: (i) => `${i.projectKey}-${i.key.split('-')[1]?.padStart(12, '0') ?? ''}`,
      id: (i) => Number(i.id),
      created: (i) => i.created + i.id.padStart(12, '0'),
      updated: (i) => i.updated + i.id.padStart(12, '0'),
    };
    const get = keyOf[field] ?? this.fail(`ORDER BY ${field} is not supported by the emulator`);
    const sign = desc ? -1 : 1;
    return (a, b) => {
      const x = get(a);
      const y = get(b);
      return sign * (x < y ? -1 : x > y ? 1 : 0);
    };
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private next(what: string): Token {
    const t = this.tokens[this.pos];
    if (!t) return this.fail(`expected ${what} at the end of the query`);
    this.pos++;
    return t;
  }

  private atKeyword(word: string): boolean {
    const t = this.peek();
    return t?.kind === 'word' && t.text.toLowerCase() === word;
  }

  private eatKeyword(word: string): boolean {
    if (!this.atKeyword(word)) return false;
    this.pos++;
    return true;
  }

  private eatPunct(p: string): boolean {
    const t = this.peek();
    if (t?.kind !== 'punct' || t.text !== p) return false;
    this.pos++;
    return true;
  }

  private expectPunct(p: string): void {
    if (!this.eatPunct(p)) this.fail(`expected '${p}'`);
  }

  private fail(message: string): never {
    throw new JqlError(
      message.startsWith('An issue') || message.startsWith('The value')
        ? message
        : `Error in the JQL Query: ${message}.`,
    );
  }
}

function statusCategoryOf(text: string): 'new' | 'indeterminate' | 'done' | undefined {
  const t = text.toLowerCase();
  if (['to do', 'new', '2'].includes(t)) return 'new';
  if (['in progress', 'indeterminate', '4'].includes(t)) return 'indeterminate';
  if (['done', 'complete', '3'].includes(t)) return 'done';
  return undefined;
}
