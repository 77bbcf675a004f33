import type { JiraSite } from '../test/emulator';
import type { KvsSnapshot, MemoryKvs } from '../test/harness';

/**
 * What one handler's runs cost, counted where the stand-ins answer the SDKs: the Jira emulator's `handle` (what
 * `__forge_fetch__` sends product calls to) and the in-memory KVS's `handle` (what it sends `{type: 'kvs'}`
 * calls to, i.e. every request of the real @forge/kvs). Nothing here guesses from the app's code.
 */
export interface Metered {
  jiraCalls: number;
  /** Quota points as the emulator's ledger charges them (test/emulator/ledger.ts). */
  points: number;
  /** Quota points when only the issues a request returns count as objects (FIDELITY.md, "Points, two readings"). */
  strictPoints: number;
  /** Every KVS request (a batch or a transaction is one round trip), by operation. */
  kvsByOp: Map<string, number>;
  kvsBytesRead: number;
  kvsBytesWritten: number;
  /** Bytes stored after the run minus before it (keys and values, as JSON). */
  bytesStored: number;
  /** Of `bytesStored`, what was written with a TTL of at most 7 days (idempotency marks and claims). */
  bytesStoredShortLived: number;
  logBytes: number;
  /** Calls to a third party (Notify's service). */
  externalCalls: number;
}

export const emptyMetered = (): Metered => ({
  jiraCalls: 0,
  points: 0,
  strictPoints: 0,
  kvsByOp: new Map(),
  kvsBytesRead: 0,
  kvsBytesWritten: 0,
  bytesStored: 0,
  bytesStoredShortLived: 0,
  logBytes: 0,
  externalCalls: 0,
});

export const kvsRoundTrips = (m: Metered): number => [...m.kvsByOp.values()].reduce((a, b) => a + b, 0);

/**
 * "Empty KVS reads count as 1KB towards your usage, whereas non-empty reads are based on actual size"
 * (https://developer.atlassian.com/platform/forge/forge-platform-pricing/). A 1 KB read is taken as 1,024 bytes.
 */
export const EMPTY_READ_BYTES = 1024;
const SHORT_LIVED_DAYS = 7;

const bytes = (text: string): number => Buffer.byteLength(text);
/** What one stored item weighs: its key and its value as JSON (the docs do not say how Forge sizes an item). */
const itemBytes = (key: unknown, value: unknown): number => bytes(String(key)) + bytes(JSON.stringify(value));

/** The issues a Jira answer returns: the issue itself (GET /issue) or a search's `issues`. */
function issuesIn(body: unknown): number {
  if (body === null || typeof body !== 'object') return 0;
  const b = body as { key?: unknown; fields?: unknown; issues?: unknown };
  if (typeof b.key === 'string' && typeof b.fields === 'object' && b.fields !== null) return 1;
  return Array.isArray(b.issues) ? b.issues.length : 0;
}

async function jsonOf(response: Response): Promise<unknown> {
  const text = await response.clone().text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

type KvsItem = { key?: unknown; value?: unknown; options?: { ttl?: { value: number; unit: string } } };

const TTL_DAYS: Record<string, number> = { SECONDS: 1 / 86_400, MINUTES: 1 / 1_440, HOURS: 1 / 24, DAYS: 1 };
const ttlDays = (item: KvsItem): number | undefined =>
  item.options?.ttl ? item.options.ttl.value * (TTL_DAYS[item.options.ttl.unit] ?? NaN) : undefined;

/** The values a KVS request writes: a set, each item of a batch set, each set of a transaction. */
function written(op: string, request: unknown): KvsItem[] {
  if (op === 'set' || op === 'secret/set' || op === 'entity/set') return [request as KvsItem];
  if (op === 'batch/set') return Array.isArray(request) ? (request as KvsItem[]) : [];
  if (op === 'transaction') return (request as { set?: KvsItem[] } | undefined)?.set ?? [];
  return [];
}

/** Bytes a KVS answer returned, with the 1 KB minimum for an empty read. */
function read(op: string, status: number, answer: unknown): number {
  if (op === 'get' || op === 'secret/get' || op === 'entity/get') {
    const a = answer as KvsItem | undefined;
    return status === 200 && a ? itemBytes(a.key, a.value) : EMPTY_READ_BYTES;
  }
  if (op === 'query' || op === 'entity/query') {
    const data = (answer as { data?: KvsItem[] } | undefined)?.data ?? [];
    return data.length ? data.reduce((n, d) => n + itemBytes(d.key, d.value), 0) : EMPTY_READ_BYTES;
  }
  if (op === 'batch/get') {
    const a = answer as { successfulKeys?: KvsItem[]; failedKeys?: unknown[] } | undefined;
    return (
      (a?.successfulKeys ?? []).reduce((n, d) => n + itemBytes(d.key, d.value), 0) +
      (a?.failedKeys ?? []).length * EMPTY_READ_BYTES
    );
  }
  return 0;
}

/** Everything stored, keys and values as JSON: what "bytes stored" means in the tables. */
export function storedBytes(snapshot: KvsSnapshot): number {
  const sum = (record: Record<string, unknown>) =>
    Object.entries(record).reduce((n, [k, v]) => n + itemBytes(k, v), 0);
  return (
    sum(snapshot.kvs) +
    sum(snapshot.secrets) +
    Object.values(snapshot.entities).reduce((n, entity) => n + sum(entity), 0)
  );
}

export interface Meter {
  /** Adds what `run` cost to `into`. */
  measure<T>(into: Metered, run: () => Promise<T>): Promise<T>;
}

/**
 * Wraps the site's and the KVS's `handle` (install it before any clock wrapper, so that the meter's own parsing
 * counts as time inside the stand-ins) and `externalFetch`. Console output during a run is counted, not shown.
 */
export function meter(
  site: JiraSite,
  kvs: MemoryKvs,
): Meter & {
  external<A extends unknown[], R>(f: (...args: A) => Promise<R>): (...args: A) => Promise<R>;
} {
  let current: Metered | undefined;
  /** The TTL each key was last written with: what tells short-lived bytes from kept ones. */
  const ttlOf = new Map<string, number | undefined>();

  const jira = site.handle.bind(site);
  site.handle = async (identity, path, init) => {
    const response = await jira(identity, path, init);
    if (current) {
      current.jiraCalls += 1;
      const ok = response.status >= 200 && response.status < 300;
      current.strictPoints += 1 + (ok ? issuesIn(await jsonOf(response)) : 0);
    }
    return response;
  };

  const store = kvs.handle.bind(kvs);
  kvs.handle = async (path, init = {}) => {
    const op = path.replace(/^\/api\/v1\//, '');
    const request = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const response = await store(path, init);
    const items = written(op, request);
    if (response.status === 200) for (const item of items) ttlOf.set(String(item.key), ttlDays(item));
    if (current) {
      current.kvsByOp.set(op, (current.kvsByOp.get(op) ?? 0) + 1);
      current.kvsBytesWritten += items.reduce((n, item) => n + itemBytes(item.key, item.value), 0);
      current.kvsBytesRead += read(op, response.status, await jsonOf(response));
    }
    return response;
  };

  const shortLived = (snapshot: KvsSnapshot): number =>
    Object.entries(snapshot.kvs).reduce((n, [k, v]) => {
      const days = ttlOf.get(k);
      return days !== undefined && days <= SHORT_LIVED_DAYS ? n + itemBytes(k, v) : n;
    }, 0);

  return {
    external:
      (f) =>
      async (...args) => {
        if (current) current.externalCalls += 1;
        return f(...args);
      },
    async measure(into, run) {
      const before = kvs.snapshot();
      const [stored, short] = [storedBytes(before), shortLived(before)];
      const points = site.points;
      // The console writes to these streams: what reaches them is what Forge would log.
      const streams = [process.stdout, process.stderr];
      const writers = streams.map((stream) => stream.write.bind(stream));
      for (const stream of streams)
        stream.write = (chunk: string | Uint8Array) => {
          into.logBytes += typeof chunk === 'string' ? bytes(chunk) : chunk.byteLength;
          return true;
        };
      current = into;
      try {
        return await run();
      } finally {
        current = undefined;
        streams.forEach((stream, i) => {
          const writer = writers[i];
          if (writer) stream.write = writer;
        });
        const after = kvs.snapshot();
        into.points += site.points - points;
        into.bytesStored += storedBytes(after) - stored;
        into.bytesStoredShortLived += shortLived(after) - short;
      }
    },
  };
}
