import { randomBytes } from 'node:crypto';
import type { KeyValueStore, StoredItem, VersionedEntityStore } from '../access/kv-store';
import { forgeEntity, KVS_MAX_BATCH, KVS_MAX_PAGE, KVS_MAX_TRANSACTION } from '../access/kv-store';
import { redact } from '../access/redaction';
import { AUDIT_COUNTER_ENTITY, storageKeys } from '../access/storage-keys';
import { aggregateCalls, capText, ENTRY_LIMITS, reducedEntry } from './entry';
import type { AuditEntry, AuditOutcome, NewAuditEntry } from './entry';
import {
  addUsage,
  countExecution,
  countSuccess,
  countSuccessSlowly,
  dayOf,
  keptNow,
  readCounterDocuments,
  usageSince,
  type Eviction,
} from './failure-counters';
import { encodeEntry, readStoredEntry, type SuccessDetail } from './stored-entry';

/** Entries expire after this many days (KVS TTL). */
export const AUDIT_RETENTION_DAYS = 90;
/**
 * The cap per installation, whatever the retention: the newest entries are kept and the oldest evicted with
 * every index row naming them. Bytes count every copy an entry is stored as (its indexes), as JSON.
 */
export const AUDIT_LIMITS = { maxEntries: 20_000, maxBytes: 100 * 1024 * 1024 } as const;
/**
 * Eviction runs after one execution in this many (each time a counter shard's version reaches a multiple of it),
 * so its cost is shared; the first runs come once the shards have some history, long before any cap is near.
 */
const SWEEP_EVERY = 8;
const MAX_SCANNED_PAGES = 5;
const MAX_TIME = 10 ** 13; // ms; times stay 13 digits wide until the year 2286

const MAX_SEQUENCE = 999;

/**
 * The sort parts of an entry's keys: its time then a sequence number, so that entries this process writes within
 * the same millisecond keep their order. `newest` inverts both (the log lists newest first), `oldest` does not
 * (the storage cap evicts oldest first).
 */
function sortKeys(): (ms: number) => { newest: string; oldest: string } {
  let lastMs = 0;
  let sequence = 0;
  return (ms) => {
    sequence = ms === lastMs ? Math.min(sequence + 1, MAX_SEQUENCE) : 0;
    lastMs = ms;
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    return {
      newest: `${pad(MAX_TIME - ms, 13)}${pad(MAX_SEQUENCE - sequence, 3)}`,
      oldest: `${pad(ms, 13)}${pad(sequence, 3)}`,
    };
  };
}
/** One per process: every audit log instance of an invocation shares the sequence. */
const sortKey = sortKeys();

/** The project a page asks about: its index by id, then the indexes earlier versions kept under its keys. */
export interface ProjectIndex {
  id: string;
  keys: readonly string[];
}

export interface AuditFilter {
  project?: ProjectIndex;
  outcome?: AuditOutcome;
  rule?: string;
  actorKind?: AuditEntry['actor']['kind'];
}

export interface AuditPage {
  entries: AuditEntry[];
  cursor?: string;
}

/**
 * What an execution read before it ran (one batch read with its settings, src/settings/for-rules.ts): the counter
 * documents of the shard it counts in, so that its writes go in one transaction.
 */
export interface CounterPrefetch {
  shard: number;
  today: unknown;
}

export interface RecordOptions {
  /** How much of a success is kept (the admin's choice, src/settings/installation.ts); failures always in full. */
  detail?: SuccessDetail;
  prefetched?: CounterPrefetch;
  /** Other writes of the execution that belong in the same transaction, e.g. its effect marked done. */
  alsoWrite?: ReadonlyArray<StoredItem<unknown> & { ttlDays?: number }>;
}

export interface AuditLog {
  record(entry: NewAuditEntry, options?: RecordOptions): Promise<AuditEntry>;
  /** Newest first. Filters other than the project are applied while paging, so a page may hold fewer entries. */
  query(filter: AuditFilter, page: { limit: number; cursor?: string }): Promise<AuditPage>;
  /**
   * Deletes every entry written before `before` (ms), oldest first, a page at a time until `timeUp()`: the admin's
   * purge. Counted as evicted, so the storage use on the admin page drops with it.
   */
  purge(before: number, timeUp: () => boolean): Promise<PurgeProgress>;
}

export interface PurgeProgress {
  removed: number;
  /** False when time ran out first: calling again goes on where this call stopped. */
  done: boolean;
}

export interface AuditLogOptions {
  entities?: VersionedEntityStore;
  limits?: { maxEntries: number; maxBytes: number };
  sweepEvery?: number;
  random?: () => number;
}

function finalise(entry: NewAuditEntry, now: number): AuditEntry {
  const { calls, leftOut } = aggregateCalls(entry.calls);
  const excerpt = entry.error?.serviceExcerpt;
  return {
    ...entry,
    // 48 random bits: the keys also carry the time to the millisecond and a sequence, so this only tells apart
    // entries of the same millisecond from different invocations; short, since it is part of every key.
    id: randomBytes(6).toString('base64url'),
    at: new Date(now).toISOString(),
    summary: capText(redact(entry.summary), ENTRY_LIMITS.summaryChars),
    ...(entry.error
      ? {
          error: {
            code: entry.error.code,
            message: capText(redact(entry.error.message), ENTRY_LIMITS.messageChars),
            ...(excerpt ? { serviceExcerpt: capText(redact(excerpt), ENTRY_LIMITS.excerptChars) } : {}),
          },
        }
      : {}),
    calls,
    ...(leftOut > 0 ? { callsLeftOut: leftOut } : {}),
    scopesUsed: [...new Set(entry.calls.flatMap((call) => call.scopes))].sort(),
  };
}

const matches = (entry: AuditEntry, filter: AuditFilter): boolean =>
  (!filter.outcome || entry.outcome === filter.outcome) &&
  (!filter.rule || entry.rule === filter.rule) &&
  (!filter.actorKind || entry.actor.kind === filter.actorKind);

/** The project's two indexes (all entries, failed ones) by id; without an id, by key as earlier versions kept them. */
function projectIndexes(entry: AuditEntry): [string, string] | undefined {
  if (entry.projectId)
    return [
      storageKeys.auditByProjectPrefix(entry.projectId),
      storageKeys.auditFailedByProjectPrefix(entry.projectId),
    ];
  if (entry.projectKey)
    return [
      storageKeys.legacy.auditByProjectKeyPrefix(entry.projectKey),
      storageKeys.legacy.auditFailedByProjectKeyPrefix(entry.projectKey),
    ];
  return undefined;
}

/** The log's own index holds the entry; every other index a pointer to it. */
function indexesOf(entry: AuditEntry): string[] {
  const failed = entry.outcome === 'failed';
  const project = projectIndexes(entry);
  // Listed in the activity of every project it touched too; those are known by key only, so by key.
  const others = [...new Set(entry.otherProjectKeys ?? [])]
    .filter((key) => key !== entry.projectKey)
    .map((key): [string, string] => [
      storageKeys.legacy.auditByProjectKeyPrefix(key),
      storageKeys.legacy.auditFailedByProjectKeyPrefix(key),
    ]);
  return [
    storageKeys.auditPrefix,
    ...(failed ? [storageKeys.auditFailedPrefix] : []),
    ...[...(project ? [project] : []), ...others].flatMap(([all, failedOnly]) =>
      failed ? [all, failedOnly] : [all],
    ),
  ];
}

/** The indexes holding every entry the filter can match, read one after the other (newest first in each). */
function indexesFor({ project, outcome }: AuditFilter): string[] {
  const failed = outcome === 'failed';
  if (!project) return [failed ? storageKeys.auditFailedPrefix : storageKeys.auditPrefix];
  return failed
    ? [
        storageKeys.auditFailedByProjectPrefix(project.id),
        ...project.keys.map(storageKeys.legacy.auditFailedByProjectKeyPrefix),
      ]
    : [
        storageKeys.auditByProjectPrefix(project.id),
        ...project.keys.map(storageKeys.legacy.auditByProjectKeyPrefix),
      ];
}

/** The page cursor: which index, then the KVS cursor within it. */
const encodeCursor = (index: number, cursor?: string) => `${index}~${cursor ?? ''}`;
function decodeCursor(cursor: string | undefined): { index: number; cursor?: string } {
  const match = /^(\d{1,2})~(.*)$/s.exec(cursor ?? '');
  if (!match) return { index: 0, ...(cursor ? { cursor } : {}) };
  return { index: Number(match[1]), ...(match[2] ? { cursor: match[2] } : {}) };
}

/** An age-index row of the first form (oldest first): what eviction deletes and how much it frees. */
interface AgeRow {
  schemaVersion: 1;
  keys: string[];
  day: string;
  bytes: number;
}

/**
 * The second form, as small as the row's job allows: `[bytes, ...pointer prefixes]`. The entry's keys follow from
 * the row's key (its time and id) and the prefixes, without `audit:`. Since the third release of this form a
 * prefix is shortened (`shortPrefix`); one ending in `:` is read as written.
 */
type CompactAgeRow = [number, ...string[]];

/** The pointer indexes by a short name: `f` failed ones, `p<id>` / `fp<id>` a project's by id, `k<key>` / `fk<key>` by key. */
const SHORT_PREFIXES: ReadonlyArray<readonly [string, string]> = [
  ['fp', 'failed:pid:'],
  ['fk', 'failed:project:'],
  ['p', 'pid:'],
  ['k', 'project:'],
];
const FAILED_ALL = storageKeys.auditFailedPrefix.slice('audit:'.length);

/** An index prefix (without `audit:`) as the age row keeps it: 8 bytes fewer for a project's, 10 for failures. */
function shortPrefix(prefix: string): string {
  if (prefix === FAILED_ALL) return 'f';
  const known = SHORT_PREFIXES.find(([, long]) => prefix.startsWith(long));
  return known ? `${known[0]}${prefix.slice(known[1].length, -1)}` : prefix;
}

/** An age row's prefix as the index prefix it stands for (without `audit:`), of either release. */
function longPrefix(prefix: string): string {
  if (prefix.endsWith(':')) return prefix;
  if (prefix === 'f') return FAILED_ALL;
  const known = SHORT_PREFIXES.find(([short]) => prefix.startsWith(short));
  return known ? `${known[1]}${prefix.slice(known[0].length)}:` : prefix;
}

/** The newest-first sort part of the keys of the entry whose oldest-first sort part is `oldest`. */
const newestOf = (oldest: string): string =>
  `${String(MAX_TIME - Number(oldest.slice(0, 13))).padStart(13, '0')}${String(MAX_SEQUENCE - Number(oldest.slice(13, 16))).padStart(3, '0')}`;

/** An age row of either form as what eviction needs, or undefined for a row this version cannot read. */
function readAgeRow(key: string, value: unknown): AgeRow | undefined {
  const rest = key.slice(storageKeys.auditAgePrefix.length);
  const [oldest = '', id = ''] = rest.split(':');
  if (
    Array.isArray(value) &&
    typeof value[0] === 'number' &&
    value.slice(1).every((p) => typeof p === 'string')
  ) {
    const newest = newestOf(oldest);
    const prefixes = [
      storageKeys.auditPrefix,
      ...(value.slice(1) as string[]).map((p) => `audit:${longPrefix(p)}`),
    ];
    return {
      schemaVersion: 1,
      keys: prefixes.map((prefix) => storageKeys.auditEntry(prefix, newest, id)),
      day: dayOf(Number(oldest.slice(0, 13))),
      bytes: value[0],
    };
  }
  const row = value as Partial<AgeRow> | undefined;
  return row?.schemaVersion === 1 && Array.isArray(row.keys) && typeof row.bytes === 'number'
    ? (row as AgeRow)
    : undefined;
}

const itemBytes = (item: StoredItem<unknown>): number =>
  Buffer.byteLength(item.key) + Buffer.byteLength(JSON.stringify(item.value));

/**
 * What an entry is stored as: the entry under the log's own index, a pointer under each other index, and its age
 * row; `bytes` counts every key and value of them, what the storage cap weighs and what Forge bills as written.
 */
export function storedItems(
  entry: AuditEntry,
  time: { newest: string; oldest: string },
  detail: SuccessDetail,
): { items: (kept: AuditEntry) => Array<StoredItem<unknown>>; bytes: number } {
  const [own = '', ...pointed] = indexesOf(entry).map((prefix) =>
    storageKeys.auditEntry(prefix, time.newest, entry.id),
  );
  const ageKey = storageKeys.auditEntry(storageKeys.auditAgePrefix, time.oldest, entry.id);
  const prefixes = indexesOf(entry)
    .slice(1)
    .map((prefix) => shortPrefix(prefix.slice('audit:'.length)));
  const age: CompactAgeRow = [0, ...prefixes];
  const items = (kept: AuditEntry): Array<StoredItem<unknown>> => [
    { key: own, value: encodeEntry(kept, detail) },
    // A pointer: the entry is read from the log's own index, under the same time and id.
    ...pointed.map((key) => ({ key, value: 0 })),
    { key: ageKey, value: age },
  ];
  const measured = items(entry).reduce((sum, item) => sum + itemBytes(item), 0);
  // The age row carries the total, whose own digits count too.
  age[0] = measured - 1 + String(measured).length;
  return { items, bytes: age[0] };
}

/** Where an entry written at `ms` sorts, as the first entry of its millisecond. */
export const sortKeysAt = (ms: number) => sortKeys()(ms);

export function createAuditLog(
  store: KeyValueStore,
  now: () => number = Date.now,
  options: AuditLogOptions = {},
): AuditLog {
  const entities = options.entities ?? forgeEntity(AUDIT_COUNTER_ENTITY);
  const limits = options.limits ?? AUDIT_LIMITS;
  const sweepEvery = options.sweepEvery ?? SWEEP_EVERY;

  const sortOf = (key: string) => key.slice(storageKeys.auditAgePrefix.length).split(':')[0] ?? '';

  /**
   * Deletes, from one page of the age index (oldest first), the rows `take` accepts in order until it refuses one,
   * with their entries, counting them as evicted under one compare-and-set of the eviction document. Says how many
   * were taken, and whether the page ended (no row left, or `take` refused one) rather than a race being lost.
   */
  async function evictOldest(
    at: number,
    evictionDoc: Eviction | undefined,
    take: (row: AgeRow, sort: string) => boolean,
  ): Promise<{ taken: number; ended: boolean }> {
    const oldestDay = dayOf(at - (AUDIT_RETENTION_DAYS - 1) * 86_400_000);
    const through = evictionDoc?.through ?? '0';
    const rows = (await store.list<unknown>(storageKeys.auditAgePrefix, { limit: KVS_MAX_PAGE })).items
      .map(({ key, value }) => ({ key, value: readAgeRow(key, value) }))
      // A row this version cannot read is left to its TTL.
      .filter((row): row is { key: string; value: AgeRow } => row.value !== undefined);
    // Rows at or before `through` were claimed by an eviction that did not finish deleting (or were written late,
    // behind it): deleted without counting, so the count errs towards evicting a little early, never late.
    const leftovers = rows.filter((row) => sortOf(row.key) <= through);
    const offered = rows.filter((r) => sortOf(r.key) > through);
    const chosen: typeof rows = [];
    let evicted = usageSince(evictionDoc?.evicted ?? {}, oldestDay);
    let refused = false;
    for (const row of offered) {
      refused = !take(row.value, sortOf(row.key));
      if (refused) break;
      chosen.push(row);
      evicted = addUsage(evicted, row.value.day, 1, row.value.bytes);
    }
    const last = chosen[chosen.length - 1];
    if (last) {
      const next: Eviction = {
        schemaVersion: 1,
        version: (evictionDoc?.version ?? 0) + 1,
        through: sortOf(last.key),
        evicted,
      };
      const claimed = evictionDoc
        ? await entities.replace(storageKeys.auditEviction, next, evictionDoc.version)
        : await entities.create(storageKeys.auditEviction, next);
      // Another eviction claimed these rows first: it deletes them.
      if (!claimed) return { taken: 0, ended: false };
    }
    const keys = [...leftovers, ...chosen].flatMap((row) => [row.key, ...row.value.keys]);
    for (let start = 0; start < keys.length; start += KVS_MAX_BATCH)
      await store.deleteMany(keys.slice(start, start + KVS_MAX_BATCH));
    return { taken: chosen.length, ended: offered.length === 0 || refused };
  }

  /**
   * Evicts the oldest entries while the installation is over its cap: one batch read of the counters, and when
   * over, one page of the age index, one compare-and-set and the deletes of at most one page of entries.
   */
  async function sweep(at: number): Promise<void> {
    const documents = await readCounterDocuments(entities);
    const live = keptNow(documents, at, AUDIT_RETENTION_DAYS);
    const over = () => live.entries > limits.maxEntries || live.bytes > limits.maxBytes;
    if (!over()) return;
    await evictOldest(at, documents.eviction, (row) => {
      if (!over()) return false;
      live.entries -= 1;
      live.bytes -= row.bytes;
      return true;
    });
  }

  return {
    async record(newEntry, recordOptions = {}) {
      const entry = finalise(newEntry, now());
      const at = Date.parse(entry.at);
      const time = sortKey(at);
      const { items, bytes } = storedItems(entry, time, recordOptions.detail ?? 'full');
      const full = items(entry);
      const ttl = (list: Array<StoredItem<unknown>>) =>
        list.map((item) => ({ ...item, ttlDays: AUDIT_RETENTION_DAYS }));
      const also = recordOptions.alsoWrite ?? [];
      const failed = entry.outcome === 'failed';
      // The fast path: one transaction writes the entry, the execution's other writes and its count.
      const count =
        recordOptions.prefetched && !failed
          ? countSuccess(
              recordOptions.prefetched.shard,
              recordOptions.prefetched.today,
              'not read',
              { at, bytes },
              AUDIT_RETENTION_DAYS,
            )
          : undefined;
      const replaces = count?.kind === 'replace' ? count.replaces : [];
      const sets = [...ttl(full), ...also];
      let version: number | undefined;
      let written = false;
      if (count && count.kind !== 'slow' && sets.length + replaces.length <= KVS_MAX_TRANSACTION) {
        try {
          await store.commit({
            sets,
            replaces: replaces.map((replace) => ({ ...replace, entityName: AUDIT_COUNTER_ENTITY })),
          });
          written = true;
          if (count.kind === 'replace') version = replaces[replaces.length - 1]?.value.version;
        } catch {
          // A lost race for the count, or storage refused: nothing was written; the slow path below does it all.
        }
      }
      if (!written) {
        // Never nothing: when the full entry cannot be saved, a reduced one takes the same keys.
        await store
          .setMany([...ttl(full), ...also])
          .catch((error: unknown) =>
            store.setMany([...ttl(items(reducedEntry(entry, redact(String(error))))), ...also]),
          );
      }
      try {
        if (count?.kind === 'create' && written)
          version = (await entities.create(count.key, count.value)) ? 1 : undefined;
        if (version === undefined)
          version = failed
            ? await countExecution(entities, { at, failed, bytes }, AUDIT_RETENTION_DAYS, options.random)
            : await countSuccessSlowly(entities, { at, bytes }, AUDIT_RETENTION_DAYS, options.random);
        if (version % sweepEvery === 0) await sweep(at);
      } catch (error) {
        // The entry is kept; only a counter or an eviction is late, and the next sweep catches up.
        console.error(
          `Workflow Guard kept the audit entry but could not update its counters: ${redact(String(error))}`,
        );
      }
      return entry;
    },
    async query(filter, page) {
      const prefixes = indexesFor(filter);
      const entries: AuditEntry[] = [];
      let { index, cursor } = decodeCursor(page.cursor);
      // Bounded scan: a few KVS pages per request keeps resolver time flat as the log grows. Each KVS page asks
      // only for what is still missing, so no fetched entry is skipped past by the returned cursor.
      for (let pages = 0; pages < MAX_SCANNED_PAGES && entries.length < page.limit; pages += 1) {
        const prefix = prefixes[index];
        if (prefix === undefined) break;
        const limit = Math.min(KVS_MAX_PAGE, page.limit - entries.length);
        const result = await store.list<unknown>(prefix, { limit, ...(cursor ? { cursor } : {}) });
        // A pointer row names the entry kept in the log's own index under the same time and id: one batch read.
        const ownKey = (key: string) => `${storageKeys.auditPrefix}${key.split(':').slice(-2).join(':')}`;
        const pointers = result.items
          .filter((item) => typeof item.value === 'number')
          .map((item) => ownKey(item.key));
        const owned = await store.getMany<unknown>(pointers);
        entries.push(
          ...result.items
            .map((item) =>
              typeof item.value === 'number'
                ? readStoredEntry(owned.get(ownKey(item.key)), ownKey(item.key))
                : readStoredEntry(item.value, item.key),
            )
            .filter((entry): entry is AuditEntry => entry !== undefined && matches(entry, filter)),
        );
        cursor = result.cursor;
        if (!cursor) index += 1;
      }
      const more = index < prefixes.length;
      return { entries, ...(more ? { cursor: encodeCursor(index, cursor) } : {}) };
    },
    async purge(before, timeUp) {
      const last = sortKeysAt(before).oldest;
      let removed = 0;
      while (!timeUp()) {
        const { eviction } = await readCounterDocuments(entities);
        const { taken, ended } = await evictOldest(now(), eviction, (_row, sort) => sort < last);
        removed += taken;
        if (ended) return { removed, done: true };
      }
      return { removed, done: false };
    },
  };
}
