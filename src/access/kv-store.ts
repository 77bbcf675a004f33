import { kvs, WhereConditions } from '@forge/kvs';
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
  set<T>(key: string, value: T, options?: { ttlDays?: number }): Promise<void>;
  /** Several keys in one request; throws naming the keys the KVS refused. */
  setMany<T>(items: StoredItem<T>[], options?: { ttlDays?: number }): Promise<void>;
  /** Atomically creates the key; false when it already exists. */
  setIfAbsent<T>(key: string, value: T, options?: { ttlDays?: number }): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** One page of keys starting with `prefix`, in key order; at most 20 a page (the KVS query limit). */
  list<T>(
    prefix: string,
    page: { limit: number; cursor?: string },
  ): Promise<{ items: StoredItem<T>[]; cursor?: string }>;
}

export interface SecretStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** The KVS query page limit (https://developer.atlassian.com/platform/forge/storage-reference/kvs-api-query/). */
export const KVS_MAX_PAGE = 20;

const ttl = (days: number | undefined) => (days ? { ttl: { value: days, unit: 'DAYS' as const } } : {});

export const forgeStore: KeyValueStore = {
  get: <T>(key: string) => kvs.get<T>(key),
  set: (key, value, options) => kvs.set(key, value, ttl(options?.ttlDays)),
  async setMany(items, options) {
    const { failedKeys } = await kvs.batchSet(
      items.map(({ key, value }) => ({ key, value, options: ttl(options?.ttlDays) })),
    );
    if (failedKeys.length > 0) {
      const refused = failedKeys.map(({ key, error }) => `${key} (${error.message})`).join(', ');
      throw new Error(`Forge storage refused to save ${refused}.`);
    }
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
