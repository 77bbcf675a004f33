import {
  keyUses,
  manifestKeys,
  manifestLocales,
  PLURAL_FORMS,
  readCatalogue,
  sourceFiles,
  type KeyUse,
} from './catalogue';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/**
 * The catalogues (locales/*.json, manifest `translations`) say the same things in every language: the same keys,
 * no empty text, the same placeholders, complete plurals. A language is added by a catalogue file and a manifest
 * resource; this test then holds it to the English one.
 */
describe('the translation catalogues', () => {
  const english = readCatalogue('en-US');
  const others = manifestLocales().filter((locale) => locale !== 'en-US');

  it('are English (the fallback) and French at least', () => {
    expect(manifestLocales()).toEqual(expect.arrayContaining(['en-US', 'fr-FR']));
  });

  it.each(others)('%s has exactly the keys of en-US', (locale) => {
    const other = readCatalogue(locale);
    expect([...other.keys()].filter((key) => !english.has(key))).toEqual([]);
    expect([...english.keys()].filter((key) => !other.has(key))).toEqual([]);
  });

  it.each(manifestLocales())('%s has no empty text', (locale) => {
    const empty = [...readCatalogue(locale)].filter(([, text]) => !text.trim()).map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it.each(others)('%s fills the same placeholders as en-US in every text', (locale) => {
    const other = readCatalogue(locale);
    const differing = [...english].flatMap(([key, text]) => {
      const theirs = other.get(key);
      return theirs !== undefined && placeholders(theirs).join() !== placeholders(text).join()
        ? [
            `${key}: en-US {${placeholders(text).join('}, {')}} / ${locale} {${placeholders(theirs).join('}, {')}}`,
          ]
        : [];
    });
    expect(differing).toEqual([]);
  });

  it.each(manifestLocales())(
    '%s gives every plural its "one" and "other" forms, and nothing else',
    (locale) => {
      // A plural is a key whose texts are CLDR forms (`rows.one`, `rows.other`). A key named `other` among texts of
      // other names is a text like any other (`lifecycle.kept.other`); `one`, `few`… among them is a mistake.
      const children = new Map<string, string[]>();
      for (const key of readCatalogue(locale).keys()) {
        const parent = key.split('.').slice(0, -1).join('.');
        children.set(parent, [...(children.get(parent) ?? []), key.slice(parent.length + 1)]);
      }
      const isForm = (name: string) => (PLURAL_FORMS as readonly string[]).includes(name);
      const problems = [...children].flatMap(([parent, names]) => {
        const plural = names.every(isForm) || names.some((name) => isForm(name) && name !== 'other');
        if (!plural) return [];
        return [
          ...['one', 'other']
            .filter((form) => !names.includes(form))
            .map((form) => `${parent}.${form} is missing`),
          ...names.filter((name) => !isForm(name)).map((name) => `${parent}.${name} is beside plural forms`),
        ];
      });
      expect(problems).toEqual([]);
    },
  );
});

/**
 * Every key the code or the manifest names exists (a missing one shows the key itself to people, which is how
 * Forge's translation functions answer), and every key is used somewhere (no dead texts left to translate).
 */
describe('the keys the app uses', () => {
  const english = readCatalogue('en-US');
  const sections = new Set([...english.keys()].map((key) => key.split('.')[0] ?? ''));
  const uses: KeyUse[] = [
    ...sourceFiles('static/app/src', ['.ts', '.tsx']).flatMap((file) => keyUses(file, sections)),
    ...sourceFiles('src', ['.ts']).flatMap((file) => keyUses(file, sections)),
    ...manifestKeys().map((key) => ({ where: 'manifest.yml', key })),
  ];
  // A plural is used by its base key: `t('admin.rows', { count })` reads admin.rows.one / admin.rows.other.
  const covers = (use: KeyUse, key: string) =>
    use.pattern
      ? use.pattern.test(key)
      : key === use.key || PLURAL_FORMS.some((form) => key === `${use.key}.${form}`);

  it('are found in the code (the scan works)', () => {
    expect(uses.filter((use) => use.where.startsWith('src/')).length).toBeGreaterThan(10);
    expect(uses.filter((use) => use.where === 'manifest.yml').length).toBeGreaterThan(20);
  });

  it('all exist in the catalogue', () => {
    const missing = uses
      .filter((use) => ![...english.keys()].some((key) => covers(use, key)))
      .map((use) => `${use.where}: ${use.key}`);
    expect(missing).toEqual([]);
  });

  it('cover every text of the catalogue', () => {
    const dead = [...english.keys()].filter((key) => !uses.some((use) => covers(use, key)));
    expect(dead).toEqual([]);
  });
});
