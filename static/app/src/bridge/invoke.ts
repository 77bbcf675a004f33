import { invoke } from '@forge/bridge';
// Relative, not @backend: test/browser/bridge-invoke.test.ts loads this file under Node's own paths.
import { Envelope } from '../../../../src/shared/envelope';
import { text } from '../../../../src/shared/text-format';
import { ResolverError } from './resolver-error';

export { ResolverError } from './resolver-error';

/** Must be JSON-serialisable: it crosses the iframe boundary (functions are rejected by @forge/bridge). */
export type ResolverPayload = Record<string, unknown>;

/** Calls a resolver function and returns its `data`, throwing ResolverError for `{ ok: false }`. */
export async function invokeResolver<T>(functionKey: string, payload?: ResolverPayload): Promise<T> {
  const response = Envelope.safeParse(await invoke(functionKey, payload));
  if (!response.success) {
    const message = `Resolver ${functionKey} returned an unexpected response`;
    throw new ResolverError('BAD_ENVELOPE', message, undefined, text('errors.badEnvelope', { functionKey }));
  }
  if (!response.data.ok) {
    const { code, message, fields, text: said, fieldTexts } = response.data.error;
    throw new ResolverError(code, message, fields, said, fieldTexts);
  }
  return response.data.data as T;
}
