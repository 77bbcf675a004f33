import { Filter, FilterConditions, kvs, WhereConditions } from '@forge/kvs';
import { rememberSecret } from './redaction';

/**
 * The app's only door to Forge storage (@forge/kvs; `storage` from @forge/api was removed in June 2026,
 * https://developer.atlassian.com/changelog/#CHANGE-3252). Values and secrets are kept apart: secrets go through
 * kvs.setSecret, are encrypted, can't be queried and are never read back to a page.
 */
export interface StoredItem<T> {
  key: string;
  value: T;
}

export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>;
  /** Several keys in one request (at most KVS_MAX_BATCH); a missing key is absent from the map. */
  getMany<T>(keys: readonly string[]): Promise<Map<string, T>>;
  set<T>(key: string, value: T, options?: { ttlDays?: number }): Promise<void>;
  /** Several keys in one request (an item's own `ttlDays` first); throws naming the keys the KVS refused. */
  setMany<T>(
    items: Array<StoredItem<T> & { ttlDays?: number }>,
    options?: { ttlDays?: number },
  ): Promise<void>;
  /** Atomically creates the key; false when it already exists. */
  setIfAbsent<T>(key: string, value: T, options?: { ttlDays?: number }): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Several keys in one request (at most KVS_MAX_BATCH). */
  deleteMany(keys: readonly string[]): Promise<void>;
  /**
   * Plain keys and documents of one custom entity in one batch request (at most KVS_MAX_BATCH in all): a rule
   * execution reads everything it needs up front in one round trip.
   */
  getManyWithEntity(
    keys: readonly string[],
    entity: { name: string; keys: readonly string[] },
  ): Promise<{ values: Map<string, unknown>; documents: Map<string, unknown> }>;
  /**
   * All or nothing, in one request (a KVS transaction: at most 25 operations,
   * https://developer.atlassian.com/platform/forge/storage-reference/kvs-transactions/): plain keys set, and
   * documents of custom entities replaced only while their `version` is still the expected one
   * (https://developer.atlassian.com/platform/forge/storage-reference/transactions-entities/). Throws, having
   * changed nothing, when a condition fails or storage refuses.
   */
  commit(operations: {
    sets: ReadonlyArray<StoredItem<unknown> & { ttlDays?: number }>;
    replaces?: ReadonlyArray<{ entityName: string; key: string; value: VersionedDocument; expected: number }>;
  }): Promise<void>;
  /** One page of keys starting with `prefix`, in key order; at most 20 a page (the KVS query limit). */
  list<T>(
    prefix: string,
    page: { limit: number; cursor?: string },
  ): Promise<{ items: StoredItem<T>[]; cursor?: string }>;
}

/** A document carrying a `version` the store compares before replacing it: optimistic concurrency. */
export interface VersionedDocument {
  version: number;
}

/**
 * Documents of one custom entity that are updated by compare-and-set: a transaction whose set carries the
 * condition `version = expected` (https://developer.atlassian.com/platform/forge/storage-reference/transactions-entities/).
 */
export interface VersionedEntityStore {
  /** Several keys in one request (at most KVS_MAX_BATCH); a missing key is absent from the map. */
  getMany<T extends VersionedDocument>(keys: readonly string[]): Promise<Map<string, T>>;
  /** Creates the document only if absent; false when it already exists. */
  create<T extends VersionedDocument>(key: string, value: T): Promise<boolean>;
  /** Replaces the document only if its version is still `expected`; false when someone else replaced it first. */
  replace<T extends VersionedDocument>(key: string, value: T, expected: number): Promise<boolean>;
  /** Replaces several documents in one transaction, each only if its version is still the expected one. */
  replaceAll(
    replaces: ReadonlyArray<{ key: string; value: VersionedDocument; expected: number }>,
  ): Promise<boolean>;
}

export interface SecretStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Keys per batch request (https://developer.atlassian.com/platform/forge/storage-reference/batchops/). */
export const KVS_MAX_BATCH = 25;

/** Operations per transaction (https://developer.atlassian.com/platform/forge/storage-reference/kvs-transactions/). */
export const KVS_MAX_TRANSACTION = 25;

/** The KVS query page limit (https://developer.atlassian.com/platform/forge/storage-reference/kvs-api-query/). */
export const KVS_MAX_PAGE = 20;

/** batchGet reports a missing key as a failed item (code KEY_NOT_FOUND in the SDK, NOT_FOUND in the docs' table). */
const isMissing = (code: string): boolean => code === 'KEY_NOT_FOUND' || code === 'NOT_FOUND';

const describeRefused = (failed: ReadonlyArray<{ key: string; error: { message: string } }>): string =>
  failed.map(({ key, error }) => `${key} (${error.message})`).join(', ');

const ttl = (days: number | undefined) => (days ? { ttl: { value: days, unit: 'DAYS' as const } } : {});

export const forgeStore: KeyValueStore = {
  get: <T>(key: string) => kvs.get<T>(key),
  async getMany<T>(keys: readonly string[]) {
    if (keys.length === 0) return new Map<string, T>();
    const { successfulKeys, failedKeys } = await kvs.batchGet<T>(keys.map((key) => ({ key })));
    const refused = failedKeys.filter(({ error }) => !isMissing(error.code));
    if (refused.length > 0) throw new Error(`Forge storage could not read ${describeRefused(refused)}.`);
    return new Map(successfulKeys.map(({ key, value }) => [key, value]));
  },
  async getManyWithEntity(keys, entity) {
    const items = [
      ...keys.map((key) => ({ key })),
      ...entity.keys.map((key) => ({ key, entityName: entity.name })),
    ];
    const { successfulKeys, failedKeys } = await kvs.batchGet(items);
    const refused = failedKeys.filter(({ error }) => !isMissing(error.code));
    if (refused.length > 0) throw new Error(`Forge storage could not read ${describeRefused(refused)}.`);
    const values = new Map<string, unknown>();
    const documents = new Map<string, unknown>();
    for (const found of successfulKeys)
      (found.entityName === entity.name ? documents : values).set(found.key, found.value);
    return { values, documents };
  },
  async commit({ sets, replaces = [] }) {
    let transaction = kvs.transact();
    for (const { key, value, ttlDays } of sets)
      transaction = transaction.set(key, value, undefined, ttl(ttlDays));
    for (const { entityName, key, value, expected } of replaces)
      transaction = transaction.set(key, value, {
        entityName,
        conditions: new Filter<VersionedDocument>().and('version', FilterConditions.equalTo(expected)),
      });
    await transaction.execute();
  },
  set: (key, value, options) => kvs.set(key, value, ttl(options?.ttlDays)),
  async setMany(items, options) {
    const { failedKeys } = await kvs.batchSet(
      items.map(({ key, value, ttlDays }) => ({ key, value, options: ttl(ttlDays ?? options?.ttlDays) })),
    );
    if (failedKeys.length > 0)
      throw new Error(`Forge storage refused to save ${describeRefused(failedKeys)}.`);
  },
  async setIfAbsent(key, value, options) {
    try {
      await kvs.set(key, value, { keyPolicy: 'FAIL_IF_EXISTS', ...ttl(options?.ttlDays) });
      return true;
    } catch (error) {
      // The KVS answers a taken key with an API error; only an existing value proves that was the cause.
      if ((await kvs.get(key)) !== undefined) return false;
      throw error;
    }
  },
  delete: (key) => kvs.delete(key),
  async deleteMany(keys) {
    if (keys.length === 0) return;
    const { failedKeys } = await kvs.batchDelete(keys.map((key) => ({ key })));
    if (failedKeys.length > 0)
      throw new Error(`Forge storage refused to delete ${describeRefused(failedKeys)}.`);
  },
  async list<T>(prefix: string, page: { limit: number; cursor?: string }) {
    let query = kvs
      .query()
      .where('key', WhereConditions.beginsWith(prefix))
      .limit(Math.min(page.limit, KVS_MAX_PAGE));
    if (page.cursor) query = query.cursor(page.cursor);
    const result = await query.getMany<T>();
    return {
      items: result.results.map((r) => ({ key: r.key, value: r.value })),
      ...(result.nextCursor ? { cursor: result.nextCursor } : {}),
    };
  },
};

/** A custom entity declared under app.storage.entities in manifest.yml. */
export function forgeEntity(entityName: string): VersionedEntityStore {
  const entity = kvs.entity<VersionedDocument>(entityName);
  return {
    async getMany<T extends VersionedDocument>(keys: readonly string[]) {
      if (keys.length === 0) return new Map<string, T>();
      const { successfulKeys, failedKeys } = await kvs.batchGet<T>(keys.map((key) => ({ key, entityName })));
      const refused = failedKeys.filter(({ error }) => !isMissing(error.code));
      if (refused.length > 0) throw new Error(`Forge storage could not read ${describeRefused(refused)}.`);
      return new Map(successfulKeys.map(({ key, value }) => [key, value]));
    },
    async create(key, value) {
      try {
        await entity.set(key, value, { keyPolicy: 'FAIL_IF_EXISTS' });
        return true;
      } catch (error) {
        if ((await entity.get(key)) !== undefined) return false;
        throw error;
      }
    },
    replace(key, value, expected) {
      return this.replaceAll([{ key, value, expected }]);
    },
    async replaceAll(replaces) {
      try {
        await forgeStore.commit({
          sets: [],
          replaces: replaces.map((replace) => ({ ...replace, entityName })),
        });
        return true;
      } catch (error) {
        // The docs name no error code for an unmet condition: only a changed version proves that was the cause.
        const current = await this.getMany(replaces.map(({ key }) => key));
        if (replaces.some(({ key, expected }) => current.get(key)?.version !== expected)) return false;
        throw error;
      }
    },
  };
}

export const forgeSecrets: SecretStore = {
  async get(key) {
    const value = await kvs.getSecret<string>(key);
    if (value !== undefined) rememberSecret(value);
    return value;
  },
  set(key, value) {
    rememberSecret(value);
    return kvs.setSecret(key, value);
  },
  delete: (key) => kvs.deleteSecret(key),
};
