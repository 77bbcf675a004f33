import { createHash } from 'node:crypto';
import { readAppIdentity } from '../access/app-permissions';
import { forgeStore } from '../access/kv-store';
import { redact } from '../access/redaction';
import { storageKeys } from '../access/storage-keys';

/**
 * What the platform really sends each kind of module, recorded the first time a module kind runs in an invocation
 * environment after install or upgrade: the shape only (field names and JSON types, never a value), so a real site
 * settles what test/emulator/FIDELITY.md could only assume. The health check compares it with what the app reads
 * (src/health/shapes.ts).
 *
 * Cost on the hot path: a module-level set remembers the kinds recorded in this environment, so every later
 * execution pays nothing; the first pays one KVS write, made alongside its own work (not before it) and awaited
 * before it returns. Identical shapes from many environments land on one key (its hash), each kept 90 days.
 */
export type Shape =
  | 'string'
  | 'number'
  | 'boolean'
  | 'null'
  | { object: Record<string, Shape>; more?: number }
  | { array: Shape | 'empty' };

const MAX_DEPTH = 8;
const MAX_KEYS = 60;
const SAMPLED_ITEMS = 5;
const TTL_DAYS = 90;

/** Keys that name site data rather than fields (custom field ids under `modifiedFields`): one `*` stands for all. */
const KEYED_BY_DATA = new Set(['modifiedFields', 'fields']);

export function shapeOf(value: unknown, depth = 0, keyedByData = false): Shape {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return typeof value as 'string' | 'number' | 'boolean';
  if (depth >= MAX_DEPTH) return { object: {}, more: 1 };
  if (Array.isArray(value)) {
    const items = value.slice(0, SAMPLED_ITEMS).map((item) => shapeOf(item, depth + 1));
    return {
      array: items.length ? (items.find((i) => typeof i === 'object') ?? items[0] ?? 'empty') : 'empty',
    };
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (keyedByData) {
    const [first] = entries;
    return { object: first ? { '*': shapeOf(first[1], depth + 1) } : {} };
  }
  const object: Record<string, Shape> = {};
  for (const [key, child] of entries.slice(0, MAX_KEYS))
    object[key] = shapeOf(child, depth + 1, KEYED_BY_DATA.has(key));
  return entries.length > MAX_KEYS ? { object, more: entries.length - MAX_KEYS } : { object };
}

export interface ShapeRecord {
  schemaVersion: 1;
  module: string;
  appVersion: string;
  recordedAt: string;
  payload: Shape;
  context?: Shape;
}

/** Module kinds recorded in this invocation environment (module-level: it lives as long as the environment). */
const recorded = new Set<string>();

/**
 * Starts recording what `module` received, the first time only; resolves when the write is done and never
 * rejects (a storage failure costs the record, not the execution).
 */
export function noteShape(module: string, payload: unknown, context?: unknown): Promise<void> {
  if (recorded.has(module)) return Promise.resolve();
  recorded.add(module);
  return (async () => {
    try {
      const { appVersion } = readAppIdentity();
      const shapes = {
        payload: shapeOf(payload),
        ...(context === undefined ? {} : { context: shapeOf(context) }),
      };
      const hash = createHash('sha256').update(JSON.stringify(shapes)).digest('hex').slice(0, 16);
      const record: ShapeRecord = {
        schemaVersion: 1,
        module,
        appVersion,
        recordedAt: new Date().toISOString(),
        ...shapes,
      };
      await forgeStore.set(storageKeys.platformShape(module, appVersion, hash), record, {
        ttlDays: TTL_DAYS,
      });
    } catch (error) {
      console.error(`Workflow Guard could not record what ${module} received: ${redact(String(error))}`);
    }
  })();
}

/** Wraps a module's handler: the first execution in an environment records its input (payload and context) while it runs. */
export function recordingShape<P, R>(
  module: string,
  handler: (payload: P, context?: unknown) => Promise<R>,
): (payload: P, context?: unknown) => Promise<R> {
  return async (payload, context) => {
    const note = noteShape(module, payload, context);
    try {
      return await handler(payload, context);
    } finally {
      await note;
    }
  };
}
