// Relative, not @backend: test/browser/bridge-invoke.test.ts loads this file under Node's own paths.
import { render, type Text, type Translate } from '../../../../src/shared/text-format';

/**
 * A resolver answered `{ ok: false }` (or something that is not an envelope: code `BAD_ENVELOPE`). Apart from
 * invoke.ts, which imports @forge/bridge, so that a page showing an error outside Jira (main.tsx) can import it.
 */
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
