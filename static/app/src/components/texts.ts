import { ruleTitleKey } from '@backend/rules/catalog';
import { render, type Text } from '@backend/shared/text-format';
import type { Translate } from '../i18n';

/** A text the backend sent as data (a catalogue key and its values), in the viewer's language. */
export const say = (t: Translate, said: Text): string => render(t, [said]);

/**
 * A rule's title in the viewer's language, by its key (src/rules/catalog.ts); a rule this page does not know (a
 * newer version's) keeps the title the backend sent.
 */
export function ruleTitle(t: Translate, rule: string, sent: string): string {
  const key = ruleTitleKey(rule);
  const title = t(key);
  return title === key ? sent : title;
}
