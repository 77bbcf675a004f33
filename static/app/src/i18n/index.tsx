import { i18n } from '@forge/bridge';
import { translateWith, type Translate } from '@backend/shared/text-format';

export type { TextValues, Translate } from '@backend/shared/text-format';

const MISSING = '\u0000';

/**
 * Forge's translation function for the viewer's locale (from `view.getContext()`; fallback as the manifest says:
 * https://developer.atlassian.com/platform/forge/apis-reference/ui-api-bridge/i18n/), with placeholders and plurals
 * (src/shared/text-format.ts).
 */
export async function loadTranslate(locale: string | undefined): Promise<Translate> {
  type Locale = Parameters<typeof i18n.createTranslationFunction>[0];
  // The bridge checks the code and falls back (manifest `translations.fallback`) where the catalogue has no text.
  const lookup = await i18n.createTranslationFunction((locale ?? null) as Locale);
  return translateWith((key) => {
    const found = lookup(key, MISSING);
    return found === MISSING ? undefined : found;
  }, locale);
}

export { TranslationsProvider, useLocale, useLoadedT, useT } from './context';
