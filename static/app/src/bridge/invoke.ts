import { invoke } from '@forge/bridge';
// Relative, not @backend: test/browser/bridge-invoke.test.ts loads this file under Node's own paths.
import type { ResolverEnvelope } from '../../../../src/shared/envelope';

/** Must be JSON-serialisable: it crosses the iframe boundary (functions are rejected by @forge/bridge). */
export type ResolverPayload = Record<string, unknown>;

/** A resolver answered `{ ok: false }` (or something that is not an envelope: code `BAD_ENVELOPE`). */
export class ResolverError extends Error {
  override readonly name = 'ResolverError';
  constructor(
    readonly code: string,
    message: string,
    /** For a configuration screen: what is wrong with each field, by path, to say beside it. */
    readonly fields?: Readonly<Record<string, string>>,
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

/** Only string messages by string paths: anything else is not shown beside a field. */
function fieldsOf(error: { fields?: unknown }): Record<string, string> | undefined {
  if (typeof error.fields !== 'object' || error.fields === null) return undefined;
  const entries = Object.entries(error.fields).filter(
    (entry): entry is [string, string] => typeof entry[1] === 'string',
  );
  return entries.length ? Object.fromEntries(entries) : undefined;
}

/** Calls a resolver function and returns its `data`, throwing ResolverError for `{ ok: false }`. */
export async function invokeResolver<T>(functionKey: string, payload?: ResolverPayload): Promise<T> {
  const response: unknown = await invoke(functionKey, payload);
  if (!isEnvelope(response)) {
    throw new ResolverError('BAD_ENVELOPE', `Resolver ${functionKey} returned an unexpected response`);
  }
  if (!response.ok)
    throw new ResolverError(response.error.code, response.error.message, fieldsOf(response.error));
  return response.data as T;
}
