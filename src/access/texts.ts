import { getAppContext, i18n } from '@forge/api';
import { z } from 'zod';
import englishCatalogue from '../../locales/en-US.json';
import { render, translateWith, type Text, type Translate } from '../shared/text-format';
import { APP } from './actor';
import { createJiraClient } from './jira-client';
import { route } from './route';

export { render, text, type Text, type Translate } from '../shared/text-format';

const MISSING = '\u0000';

type Catalogue = { [key: string]: string | Catalogue };

function flatten(catalogue: Catalogue, prefix = ''): Array<[string, string]> {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [[prefix + key, value] as [string, string]]
      : flatten(value, `${prefix}${key}.`),
  );
}

const ENGLISH = new Map(flatten(englishCatalogue));

/**
 * Texts in English, the catalogue's default language (manifest `translations.fallback`), without a platform call:
 * for the words that also go where no reader's language is known (the audit log, a page's error envelope).
 */
export const english: Translate = translateWith((key) => ENGLISH.get(key), 'en-US');
export const inEnglish = (said: Text): string => render(english, [said]);

/** A Jira locale (`fr_FR`) as a BCP 47 tag (`fr-FR`); undefined when it is no locale at all. */
function languageTag(locale: string | null | undefined): string | undefined {
  if (!locale) return undefined;
  try {
    return Intl.getCanonicalLocales(locale.replace('_', '-'))[0];
  } catch {
    return undefined;
  }
}

/**
 * The texts of the catalogue (locales/<locale>.json) in one language, through @forge/api's i18n
 * (https://developer.atlassian.com/platform/forge/runtime-reference/i18n/): it reads the bundle `forge deploy` puts
 * beside the code and applies the manifest's fallback (en-US) to a language or key the catalogues lack.
 */
export async function translateFor(locale: string | undefined): Promise<Translate> {
  const tag = languageTag(locale);
  const lookup = await i18n.createTranslationFunction(tag ?? 'en-US');
  return translateWith((key) => {
    const found = lookup(key, MISSING);
    return found === MISSING ? undefined : found;
  }, tag);
}

/**
 * How long a language learnt from Jira is reused by this container. "A user's locale information is not directly
 * available to Forge functions" (runtime-reference/i18n): a validator's payload and a post-function's event carry
 * none, so it costs a Jira call, made only when there is something to say and then reused: a person who changes
 * their language in Jira reads the app in it within this time.
 */
export const LOCALE_CACHE_MS = 10 * 60_000;
const LOCALE_CACHE_ENTRIES = 1000;
const SITE = '';
const learnt = new Map<string, { locale: string | undefined; until: number }>();

const UserLocale = z.object({ locale: z.string().nullish() });

async function remembered(
  who: string,
  askJira: boolean,
  ask: () => Promise<unknown>,
): Promise<string | undefined> {
  // A container may serve several sites: what it learnt is kept per installation.
  const key = `${getAppContext().installationAri.toString()} ${who}`;
  const known = learnt.get(key);
  if (known && known.until > Date.now()) return known.locale;
  if (!askJira) return undefined;
  // A lookup that fails leaves the reader with the default language (en-US) rather than without a message.
  const locale = languageTag(UserLocale.safeParse(await ask().catch(() => undefined)).data?.locale);
  learnt.delete(key);
  learnt.set(key, { locale, until: Date.now() + LOCALE_CACHE_MS });
  // The oldest entry goes first (a Map keeps insertion order).
  if (learnt.size > LOCALE_CACHE_ENTRIES) learnt.delete(learnt.keys().next().value ?? key);
  return locale;
}

/**
 * Asks Jira as the app, once: no wait before a retry. A language is not worth holding up a person's transition;
 * without it the message is in English. Not part of the rule's work, so not in the audit entry's calls.
 */
const jiraOnce = () => createJiraClient(APP, { feature: 'access', maxWaitMs: 0, record: () => undefined });

/**
 * The language to write to a person in: their own in Jira when the platform said who they are (GET
 * /rest/api/3/user, scope read:jira-user; "this may be returned as null" by their privacy setting), else the
 * site's default (GET /rest/api/3/mypreferences/locale as the app, which has no preference of its own: "the site
 * default locale is returned"). Each answer is reused for LOCALE_CACHE_MS; undefined means English. `askJira:
 * false` uses only what is known (Jira has just asked the app to slow down).
 */
export async function readerLocale(
  accountId: string | undefined,
  { askJira = true }: { askJira?: boolean } = {},
): Promise<string | undefined> {
  const own = accountId
    ? await remembered(accountId, askJira, () =>
        jiraOnce().requestJira(route`/rest/api/3/user?accountId=${accountId}`),
      )
    : undefined;
  return (
    own ?? remembered(SITE, askJira, () => jiraOnce().requestJira(route`/rest/api/3/mypreferences/locale`))
  );
}

/** The texts for `accountId` (or the site's readers), in their language. */
export async function textsFor(accountId?: string, options: { askJira?: boolean } = {}): Promise<Translate> {
  return translateFor(await readerLocale(accountId, options));
}

/** Forgets every language learnt: someone changed a language in Jira (the sandbox's language switch does). */
export function forgetLocales(): void {
  learnt.clear();
}
