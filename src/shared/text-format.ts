/**
 * How the app fills a catalogue text (locales/<locale>.json), the same for the pages (@forge/bridge's i18n) and the
 * functions (@forge/api's): Forge's translation functions look a key up and nothing more, so `{name}` placeholders
 * and plurals (`key.one` / `key.other`, CLDR categories through `Intl.PluralRules`, chosen by a numeric `count`)
 * are added here.
 */

/** Values for a text's `{name}` placeholders; a numeric `count` also picks the plural form. */
export type TextValues = Record<string, string | number>;
/** Looks a key up in the catalogue of one language and fills its placeholders. */
export type Translate = (key: string, values?: TextValues) => string;

/**
 * A text for people, kept as data until someone reads it, so that it is worded in the reader's language: a
 * catalogue key with its values, or words a person wrote (an admin's own message), shown as they are.
 */
export type Text = { key: string; values?: TextArgs } | { verbatim: string };
/** A text's values: a value may itself be a text, or a list of texts (said one after the other, with commas). */
export type TextArgs = Record<string, string | number | Text | Text[]>;

export const text = (key: string, values?: TextArgs): Text => (values ? { key, values } : { key });

/** The plural rules of a language; Jira writes some locales `fr_FR`, and an unknown one counts as English. */
function pluralRules(locale: string | undefined): Intl.PluralRules {
  try {
    return new Intl.PluralRules(locale?.replace('_', '-'));
  } catch {
    return new Intl.PluralRules('en-US');
  }
}

/**
 * The translate function over `lookup` (a key's text in the reader's language, with the manifest's fallback
 * applied; undefined when no catalogue has it, and then the key itself is shown, as Forge does).
 */
export function translateWith(
  lookup: (key: string) => string | undefined,
  locale: string | undefined,
): Translate {
  const plurals = pluralRules(locale);
  return (key, values) => {
    const count = values?.count;
    const plural =
      typeof count === 'number'
        ? (lookup(`${key}.${plurals.select(count)}`) ?? lookup(`${key}.other`))
        : undefined;
    const found = plural ?? lookup(key) ?? key;
    return values
      ? found.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole))
      : found;
  };
}

function say(t: Translate, said: Text): string {
  if ('verbatim' in said) return said.verbatim;
  if (!said.values) return t(said.key);
  const values: TextValues = {};
  for (const [name, value] of Object.entries(said.values))
    values[name] =
      typeof value === 'object'
        ? (Array.isArray(value) ? value : [value]).map((v) => say(t, v)).join(', ')
        : value;
  return t(said.key, values);
}

/** Texts in the reader's language, one after the other (each is a sentence or more). */
export const render = (t: Translate, texts: readonly Text[]): string =>
  texts.map((said) => say(t, said)).join(' ');
