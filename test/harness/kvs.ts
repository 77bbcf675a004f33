/**
 * In-memory Forge KVS behind the REAL @forge/kvs SDK: it answers the SDK's `POST /api/v1/<op>` calls that arrive
 * through `__forge_fetch__({type:'kvs'})`. Limits from storage-reference/handling-errors-kvs and limits-kvs-ce:
 * key 1..500 chars matching KEY_PATTERN (KEY_TOO_SHORT / KEY_TOO_LONG / INVALID_KEY), value <= 240 KiB of JSON
 * (MAX_SIZE; the secret page says 128 KiB, the limits page 240 KiB: 240 is used for both), depth <= 31 (MAX_DEPTH),
 * query limit <= 20 (kvs-api-query's example; its prose says 100: the stricter one is enforced), a single
 * `where` on `key` with BEGINS_WITH only, transactions <= 25 operations with unique keys and entity conditions,
 * TTL <= 1 year.
 * Errors are `{code, message}` bodies, which the SDK raises as ForgeKvsAPIError(code, message).
 * A missing key answers `KEY_NOT_FOUND` (the code the SDK maps to `undefined`; the docs table says NOT_FOUND).
 * Expiry is computed from Date.now() at read time, so jest fake timers can expire keys.
 */
export const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s-#]+$/;
export const MAX_KEY_LENGTH = 500;
export const MAX_VALUE_BYTES = 240 * 1024;
export const MAX_DEPTH = 31;
export const MAX_QUERY_LIMIT = 20;
export const DEFAULT_QUERY_LIMIT = 10;
export const MAX_TRANSACTION_OPS = 25;
const MAX_TTL_MS = 365 * 24 * 3600 * 1000;
/**
 * "Expired data deletion is asynchronous … Deletion may take up to 48 hours. During this window, read operations
 * may still return expired results" (https://developer.atlassian.com/platform/forge/storage-reference/kvs-api/,
 * "Time-to-live (TTL)"): the longest an expired value stays readable in TTL-grace mode.
 */
export const MAX_TTL_GRACE_MS = 48 * 3600 * 1000;

interface Entry {
  value: unknown;
  createdAt: number;
  updatedAt: number;
  expiresAt?: number;
}

type Namespace = 'kvs' | 'secret' | `entity:${string}`;

class KvsError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const bad = (code: string, message: string) => new KvsError(400, code, message);

export interface KvsSnapshot {
  kvs: Record<string, unknown>;
  secrets: Record<string, unknown>;
  entities: Record<string, Record<string, unknown>>;
}

export interface KvsFault {
  op?: string; // e.g. 'set', 'batch/set', 'transaction'; omitted = any
  status: number;
  code: string;
  message?: string;
  times?: number;
}

export class MemoryKvs {
  private readonly store = new Map<Namespace, Map<string, Entry>>();
  private faults: Array<KvsFault & { left: number }> = [];
  /** Successful mutations (each batch item and transaction op counts once): assert "no storage write". */
  writes = 0;
  /** Every SDK request: operation path and answered status. */
  readonly calls: Array<{ op: string; status: number }> = [];
  /**
   * TTL-grace mode: how long after its expiry a value stays (readable by get, batch get and query, and taken for
   * FAIL_IF_EXISTS) before it is deleted, at most MAX_TTL_GRACE_MS. 0: deleted at expiry, the emulator's default.
   */
  ttlGraceMs = 0;

  /** Script a failure for the next matching SDK request(s). */
  injectFault(f: KvsFault): void {
    this.faults.push({ ...f, left: f.times ?? 1 });
  }

  snapshot(): KvsSnapshot {
    const dump = (ns: Namespace) =>
      Object.fromEntries([...this.live(ns)].map(([k, e]) => [k, structuredClone(e.value)]));
    const entities = [...this.store.keys()].filter((ns) => ns.startsWith('entity:'));
    return {
      kvs: dump('kvs'),
      secrets: dump('secret'),
      entities: Object.fromEntries(entities.map((ns) => [ns.slice('entity:'.length), dump(ns)])),
    };
  }

  handle(path: string, init: RequestInit = {}): Promise<Response> {
    const op = path.replace(/^\/api\/v1\//, '');
    const fault = this.faults.find((f) => f.left > 0 && (f.op === undefined || f.op === op));
    let status = 200;
    let body: unknown;
    try {
      if (fault) {
        fault.left -= 1;
        throw new KvsError(fault.status, fault.code, fault.message ?? fault.code);
      }
      const request = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
      body = this.dispatch(op, request);
    } catch (e) {
      if (!(e instanceof KvsError)) throw e;
      status = e.status;
      body = { code: e.code, message: e.message };
    }
    this.calls.push({ op, status });
    const response = new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });
    return Promise.resolve(response);
  }

  private dispatch(op: string, req: unknown): unknown {
    const r = (req ?? {}) as Record<string, unknown>;
    const entityNs = (): Namespace => `entity:${String(r.entityName)}`;
    switch (op) {
      case 'get':
        return this.get('kvs', r);
      case 'set':
        return this.set('kvs', r);
      case 'delete':
        return this.delete('kvs', r);
      case 'secret/get':
        return this.get('secret', r);
      case 'secret/set':
        return this.set('secret', r);
      case 'secret/delete':
        return this.delete('secret', r);
      case 'entity/get':
        return this.get(entityNs(), r);
      case 'entity/set':
        return this.set(entityNs(), r);
      case 'entity/delete':
        return this.delete(entityNs(), r);
      case 'query':
        return this.query(r);
      case 'batch/set':
      case 'batch/get':
      case 'batch/delete':
        return this.batch(op, Array.isArray(req) ? (req as Array<Record<string, unknown>>) : []);
      case 'transaction':
        return this.transaction(r);
      default:
        throw new KvsError(501, 'NOT_IMPLEMENTED', `MemoryKvs does not implement ${op}`);
    }
  }

  private ns(ns: Namespace): Map<string, Entry> {
    let m = this.store.get(ns);
    if (!m) {
      m = new Map();
      this.store.set(ns, m);
    }
    return m;
  }

  /** Whether an entry is deleted by now: at its expiry, or after the TTL grace. */
  private deleted(e: Entry, now: number): boolean {
    return e.expiresAt !== undefined && e.expiresAt + Math.min(this.ttlGraceMs, MAX_TTL_GRACE_MS) <= now;
  }

  private *live(ns: Namespace): Generator<[string, Entry]> {
    const now = Date.now();
    for (const [k, e] of this.ns(ns)) if (!this.deleted(e, now)) yield [k, e];
  }

  private entry(ns: Namespace, key: string): Entry | undefined {
    const e = this.ns(ns).get(key);
    if (e && this.deleted(e, Date.now())) {
      this.ns(ns).delete(key);
      return undefined;
    }
    return e;
  }

  private get(ns: Namespace, r: Record<string, unknown>): unknown {
    const key = checkKey(r.key);
    const e = this.entry(ns, key);
    if (!e) throw new KvsError(404, 'KEY_NOT_FOUND', `The key ${key} was not found`);
    return view(key, e);
  }

  private set(ns: Namespace, r: Record<string, unknown>): unknown {
    const key = checkKey(r.key);
    checkValue(r.value);
    const options = (r.options ?? {}) as {
      ttl?: { value: number; unit: string };
      keyPolicy?: string;
      returnValue?: string;
    };
    const expiresAt = ttlDeadline(options.ttl);
    const previous = this.entry(ns, key);
    if (options.keyPolicy === 'FAIL_IF_EXISTS' && previous) {
      throw new KvsError(409, 'KEY_ALREADY_EXISTS', `The key ${key} already exists`);
    }
    const now = Date.now();
    const next: Entry = {
      value: structuredClone(r.value),
      createdAt: previous?.createdAt ?? now,
      updatedAt: now,
      expiresAt,
    };
    this.ns(ns).set(key, next);
    this.writes += 1;
    if (options.returnValue === 'PREVIOUS') return previous ? view(key, previous) : undefined;
    if (options.returnValue === 'LATEST') return view(key, next);
    return undefined;
  }

  private delete(ns: Namespace, r: Record<string, unknown>): undefined {
    const key = checkKey(r.key);
    if (this.ns(ns).delete(key)) this.writes += 1;
    return undefined;
  }

  /** Keys sort lexicographically; the cursor is the last key returned (opaque to the SDK). */
  private query(r: Record<string, unknown>): unknown {
    const where = Array.isArray(r.where)
      ? (r.where as Array<{ property?: string; condition?: string; values?: unknown[] }>)
      : [];
    if (where.length > 1)
      throw bad('QUERY_WHERE_INVALID', 'KVS queries should contain only a single "where" clause.');
    const clause = where[0];
    if (clause && clause.property !== 'key') {
      throw bad('QUERY_WHERE_FIELD_INVALID', 'The specified field is not supported for filters.');
    }
    if (clause && clause.condition !== 'BEGINS_WITH') {
      throw bad('INVALID_FILTER_CONDITION', 'The specified condition is not supported for filters.');
    }
    const limit = typeof r.limit === 'number' ? r.limit : DEFAULT_QUERY_LIMIT;
    if (limit < 1 || limit > MAX_QUERY_LIMIT) {
      throw bad(
        'LIST_QUERY_LIMIT_EXCEEDED',
        `Limit for list query should be between 1 and ${MAX_QUERY_LIMIT}.`,
      );
    }
    const first = clause?.values?.[0];
    const prefix = typeof first === 'string' || typeof first === 'number' ? String(first) : '';
    const after = typeof r.after === 'string' ? Buffer.from(r.after, 'base64url').toString() : undefined;
    const keys = [...this.live('kvs')]
      .map(([k]) => k)
      .filter((k) => k.startsWith(prefix) && (after === undefined || k > after))
      .sort();
    const page = keys.slice(0, limit);
    const last = page[page.length - 1];
    return {
      data: page.map((k) => {
        const e = this.entry('kvs', k);
        return e ? view(k, e) : { key: k, value: null };
      }),
      ...(keys.length > limit && last !== undefined
        ? { cursor: Buffer.from(last).toString('base64url') }
        : {}),
    };
  }

  private batch(op: string, items: Array<Record<string, unknown>>): unknown {
    const successfulKeys: unknown[] = [];
    const failedKeys: unknown[] = [];
    for (const item of items) {
      const ns: Namespace = typeof item.entityName === 'string' ? `entity:${item.entityName}` : 'kvs';
      const id = {
        key: item.key,
        ...(typeof item.entityName === 'string' ? { entityName: item.entityName } : {}),
      };
      try {
        if (op === 'batch/set') {
          this.set(ns, item);
          successfulKeys.push(id);
        } else if (op === 'batch/delete') {
          this.delete(ns, item);
          successfulKeys.push(id);
        } else {
          successfulKeys.push({ ...id, ...(this.get(ns, item) as object) });
        }
      } catch (e) {
        if (!(e instanceof KvsError)) throw e;
        failedKeys.push({ ...id, error: { code: e.code, message: e.message } });
      }
    }
    return { successfulKeys, failedKeys };
  }

  /**
   * All-or-nothing: every operation is validated, and every condition checked, before any is applied. Conditions
   * apply to custom entities only and use the entity query filters (`{and|or: [{property, condition, values}]}`):
   * https://developer.atlassian.com/platform/forge/storage-reference/transactions-entities/. The docs name no
   * error for an unmet condition, nor say how a condition on a missing key fares: see FIDELITY.md
   * "Storage transactions".
   */
  private transaction(r: Record<string, unknown>): undefined {
    const sets = (Array.isArray(r.set) ? r.set : []) as Array<Record<string, unknown>>;
    const deletes = (Array.isArray(r.delete) ? r.delete : []) as Array<Record<string, unknown>>;
    const checks = (Array.isArray(r.check) ? r.check : []) as Array<Record<string, unknown>>;
    const total = sets.length + deletes.length + checks.length;
    if (total > MAX_TRANSACTION_OPS) {
      throw bad(
        'TOO_MANY_OPERATIONS',
        `Each transaction can contain a maximum of ${MAX_TRANSACTION_OPS} operations.`,
      );
    }
    const ids = [...sets, ...deletes, ...checks].map(
      (o) => `${typeof o.entityName === 'string' ? o.entityName : ''}\u0000${checkKey(o.key)}`,
    );
    if (new Set(ids).size !== ids.length)
      throw bad('DUPLICATE_KEYS', 'Each key can only be used once in a transaction.');
    for (const s of sets) {
      checkValue(s.value);
      ttlDeadline((s.options as { ttl?: { value: number; unit: string } } | undefined)?.ttl);
    }
    const nsOf = (o: Record<string, unknown>): Namespace =>
      typeof o.entityName === 'string' ? `entity:${o.entityName}` : 'kvs';
    for (const o of [...sets, ...deletes, ...checks]) {
      if (o.conditions === undefined) continue;
      if (typeof o.entityName !== 'string')
        throw bad('INVALID_CONDITION', 'Conditions apply to custom entities only.');
      const current = this.entry(nsOf(o), String(o.key));
      if (!current || !matchesFilter(current.value, o.conditions)) {
        throw new KvsError(409, 'CONDITION_FAILED', `The conditions for key ${String(o.key)} were not met.`);
      }
    }
    for (const s of sets) this.set(nsOf(s), s);
    for (const d of deletes) this.delete(nsOf(d), d);
    return undefined;
  }
}

interface FilterClause {
  property?: string;
  condition?: string;
  values?: unknown[];
}

/** The entity filter conditions (storage-reference/entities-api-query) a transaction condition may use. */
function matchesFilter(value: unknown, filter: unknown): boolean {
  const f = (filter ?? {}) as { and?: FilterClause[]; or?: FilterClause[] };
  const record = (value ?? {}) as Record<string, unknown>;
  const test = (c: FilterClause): boolean => {
    const actual = c.property === undefined ? undefined : record[c.property];
    const [a, b] = c.values ?? [];
    const ordered = typeof actual === 'number' || typeof actual === 'string';
    switch (c.condition) {
      case 'EQUAL_TO':
        return actual === a;
      case 'NOT_EQUAL_TO':
        return actual !== a;
      case 'EXISTS':
        return actual !== undefined;
      case 'NOT_EXISTS':
        return actual === undefined;
      case 'GREATER_THAN':
        return ordered && (actual as number) > (a as number);
      case 'GREATER_THAN_EQUAL_TO':
        return ordered && (actual as number) >= (a as number);
      case 'LESS_THAN':
        return ordered && (actual as number) < (a as number);
      case 'LESS_THAN_EQUAL_TO':
        return ordered && (actual as number) <= (a as number);
      case 'BETWEEN':
        return ordered && (actual as number) >= (a as number) && (actual as number) <= (b as number);
      case 'BEGINS_WITH':
        return typeof actual === 'string' && actual.startsWith(String(a));
      case 'CONTAINS':
        return typeof actual === 'string' && actual.includes(String(a));
      case 'NOT_CONTAINS':
        return typeof actual === 'string' && !actual.includes(String(a));
      default:
        throw bad('INVALID_FILTER_CONDITION', 'The specified condition is not supported for filters.');
    }
  };
  if (f.and && f.or)
    throw bad(
      'INVALID_FILTER_OPERATORS_COMBINATION',
      'Filter operators "and" and "or" cannot be present at the same level.',
    );
  const clauses = f.and ?? f.or ?? [];
  if (clauses.length === 0)
    throw bad('EMPTY_FILTER_OPERATOR', 'Filter operators "and" and "or" cannot be empty.');
  return f.and ? clauses.every(test) : clauses.some(test);
}

function view(key: string, e: Entry): Record<string, unknown> {
  return {
    key,
    value: structuredClone(e.value),
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    ...(e.expiresAt !== undefined ? { expireTime: new Date(e.expiresAt).toISOString() } : {}),
  };
}

function checkKey(key: unknown): string {
  if (typeof key !== 'string' || key.length === 0)
    throw bad('KEY_TOO_SHORT', 'The provided key is too short.');
  if (key.length > MAX_KEY_LENGTH) {
    throw bad('KEY_TOO_LONG', `The provided key has exceeded the maximum ${MAX_KEY_LENGTH} characters.`);
  }
  if (!KEY_PATTERN.test(key))
    throw bad('INVALID_KEY', `The provided key does not match the regex: ${String(KEY_PATTERN)}`);
  return key;
}

function checkValue(value: unknown): void {
  if (value === undefined) throw bad('INVALID_VALUE', 'A value is required.');
  if (Buffer.byteLength(JSON.stringify(value)) > MAX_VALUE_BYTES) {
    throw bad('MAX_SIZE', 'The provided value has exceeded the maximum size limit.');
  }
  if (depth(value) > MAX_DEPTH) {
    throw bad('MAX_DEPTH', `The provided value has exceeded the maximum object depth (${MAX_DEPTH}) limit.`);
  }
}

function depth(v: unknown): number {
  if (v === null || typeof v !== 'object') return 0;
  const children: unknown[] = Object.values(v);
  return 1 + (children.length === 0 ? 0 : Math.max(...children.map(depth)));
}

const UNIT_MS: Record<string, number> = {
  SECONDS: 1000,
  MINUTES: 60_000,
  HOURS: 3_600_000,
  DAYS: 86_400_000,
};

function ttlDeadline(ttl: { value: number; unit: string } | undefined): number | undefined {
  if (!ttl) return undefined;
  const ms = ttl.value * (UNIT_MS[ttl.unit] ?? NaN);
  if (!Number.isFinite(ms) || ms <= 0 || ms > MAX_TTL_MS) {
    throw bad('INVALID_TTL', 'TTL must be a positive duration of at most 1 year.');
  }
  return Date.now() + ms;
}
