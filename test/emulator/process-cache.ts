import os from 'node:os';

/**
 * A cache that outlives jest's per-file module registry: the parsed spec, its router and its compiled ajv
 * validators are built once per worker process, not once per test file (~0.5 s of CPU each time).
 * Jest gives every test file fresh modules and a fresh globalThis, but hands out node's own core modules; a core
 * module object is therefore the one place a worker shares between files. Only immutable, spec-derived values go
 * here (never site state or recorded uses, which stay per file).
 */
const KEY = Symbol.for('workflow-guard.jira-emulator.process-cache');
type Holder = { [KEY]?: Map<string, unknown> };

export function processCached<T>(key: string, build: () => T): T {
  const holder = os as unknown as Holder;
  const cache = (holder[KEY] ??= new Map());
  if (!cache.has(key)) cache.set(key, build());
  return cache.get(key) as T;
}
