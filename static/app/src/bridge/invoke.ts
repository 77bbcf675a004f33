import { invoke } from '@forge/bridge';

/** Must be JSON-serialisable: it crosses the iframe boundary (functions are rejected by @forge/bridge). */
export type ResolverPayload = Record<string, unknown>;

/** What every resolver function returns: data, or a stable error code plus a human message. */
export type ResolverEnvelope<T> =
  { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

/** A resolver answered `{ ok: false }` (or something that is not an envelope: code `BAD_ENVELOPE`). */
export class ResolverError extends Error {
  override readonly name = 'ResolverError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function isEnvelope(value: unknown): value is ResolverEnvelope<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const { ok, error } = value as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (ok === true) return 'data' in value;
  return ok === false && typeof error?.code === 'string' && typeof error.message === 'string';
}

/** Calls a resolver function and returns its `data`, throwing ResolverError for `{ ok: false }`. */
export async function invokeResolver<T>(functionKey: string, payload?: ResolverPayload): Promise<T> {
  const response: unknown = await invoke(functionKey, payload);
  if (!isEnvelope(response)) {
    throw new ResolverError('BAD_ENVELOPE', `Resolver ${functionKey} returned an unexpected response`);
  }
  if (!response.ok) throw new ResolverError(response.error.code, response.error.message);
  return response.data as T;
}
