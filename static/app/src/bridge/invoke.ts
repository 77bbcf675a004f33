import { invoke } from '@forge/bridge';
// Relative, not @backend: test/browser/bridge-invoke.test.ts loads this file under Node's own paths.
import { Envelope } from '../../../../src/shared/envelope';
import { render, text, type Text, type Translate } from '../../../../src/shared/text-format';

/** Must be JSON-serialisable: it crosses the iframe boundary (functions are rejected by @forge/bridge). */
export type ResolverPayload = Record<string, unknown>;

/** A resolver answered `{ ok: false }` (or something that is not an envelope: code `BAD_ENVELOPE`). */
export class ResolverError extends Error {
  override readonly name = 'ResolverError';
  constructor(
    readonly code: string,
    /** In English; a page says `text` in its viewer's language (`said`). */
    message: string,
    /** For a configuration screen: what is wrong with each field, by path, to say beside it (English). */
    readonly fields?: Readonly<Record<string, string>>,
    /** `message` as a catalogue text; absent, the message is said as it is. */
    readonly text: Text = { verbatim: message },
    /** `fields` as catalogue texts, by the same paths. */
    readonly fieldTexts?: Readonly<Record<string, Text>>,
  ) {
    super(message);
  }

  /** The message in the viewer's language. */
  said(t: Translate): string {
    return render(t, [this.text]);
  }

  /** What is wrong with each field, in the viewer's language; undefined when the failure is not about fields. */
  saidBesideFields(t: Translate): Record<string, string> | undefined {
    const texts =
      this.fieldTexts ??
      (this.fields &&
        Object.fromEntries(Object.entries(this.fields).map(([path, said]) => [path, { verbatim: said }])));
    if (!texts || Object.keys(texts).length === 0) return undefined;
    return Object.fromEntries(Object.entries(texts).map(([path, said]) => [path, render(t, [said])]));
  }
}

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
