import { createContext, useContext, type ReactNode } from 'react';
import { i18n } from '@forge/bridge';

/** Values for a text's `{name}` placeholders; a numeric `count` also picks the plural form. */
export type TextValues = Record<string, string | number>;
/** Looks a key up in the catalogue of the viewer's language (locales/<locale>.json) and fills its placeholders. */
export type Translate = (key: string, values?: TextValues) => string;

const MISSING = '\u0000';

/**
 * Forge's translation function for the viewer's locale (from `view.getContext()`; fallback as the manifest says:
 * https://developer.atlassian.com/platform/forge/apis-reference/ui-api-bridge/i18n/), with what it lacks: `{name}`
 * placeholders, and plurals as `key.one` / `key.other` (CLDR categories, `Intl.PluralRules`) chosen by `count`.
 */
export async function loadTranslate(locale: string | undefined): Promise<Translate> {
  type Locale = Parameters<typeof i18n.createTranslationFunction>[0];
  // The bridge checks the code and falls back (manifest `translations.fallback`) where the catalogue has no text.
  const lookup = await i18n.createTranslationFunction((locale ?? null) as Locale);
  const plurals = new Intl.PluralRules(locale);
  return (key, values) => {
    const count = values?.count;
    const text =
      typeof count === 'number'
        ? [`${key}.${plurals.select(count)}`, `${key}.other`]
            .map((k) => lookup(k, MISSING))
            .find((t) => t !== MISSING)
        : undefined;
    const found = text ?? lookup(key);
    return values
      ? found.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole))
      : found;
  };
}

const TranslateContext = createContext<{ translate: Translate; locale?: string } | undefined>(undefined);

export function TranslationsProvider({
  translate,
  locale,
  children,
}: {
  translate: Translate;
  locale?: string;
  children: ReactNode;
}) {
  return <TranslateContext.Provider value={{ translate, locale }}>{children}</TranslateContext.Provider>;
}

/** The texts of every component below App: `const t = useT(); t('admin.executions.title')`. */
export function useT(): Translate {
  const provided = useContext(TranslateContext);
  if (!provided) throw new Error('useT() is used outside TranslationsProvider (App provides it)');
  return provided.translate;
}

/** The viewer's locale (`view.getContext().locale`), for `Intl` dates and numbers: `new Intl.NumberFormat(useLocale())`. */
export function useLocale(): string | undefined {
  return useContext(TranslateContext)?.locale;
}
