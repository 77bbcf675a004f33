import { english, render, type Text, type Translate } from '../../src/access/texts';
import { translateWith } from '../../src/shared/text-format';
import { readCatalogue } from '../i18n/catalogue';
import { Envelope } from '../../src/shared/envelope';

const say = (said: Text) => render(english, [said]);

/**
 * A resolver's answer with its texts checked and taken out: a failure's `text` must say its English `message` word
 * for word, and its `fieldTexts` its `fields`, so a test can go on comparing the English a page showed before.
 */
export function checkedTexts(answer: unknown): unknown {
  const envelope = Envelope.parse(answer);
  if (envelope.ok) return answer;
  const { text, fieldTexts, ...error } = envelope.error;
  expect(text).toBeDefined();
  if (text) expect(say(text)).toBe(error.message);
  if (fieldTexts || error.fields)
    expect(Object.fromEntries(Object.entries(fieldTexts ?? {}).map(([path, t]) => [path, say(t)]))).toEqual(
      error.fields,
    );
  return { ...envelope, error };
}

/** The texts of one catalogue (locales/<locale>.json) as a page in that language says them, without Forge. */
export const catalogueTranslate = (locale: string): Translate => {
  const catalogue = readCatalogue(locale);
  return translateWith((key) => catalogue.get(key), locale);
};
