import { createContext, useContext, type ReactNode } from 'react';
import type { Translate } from '@backend/shared/text-format';

// Apart from index.tsx, which imports @forge/bridge: main.tsx's message outside Jira (no bridge) renders
// ErrorMessage, which reads the texts through this context when App has loaded them.
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

/** The texts once App has loaded them; undefined in App's own loading and error states, which come before. */
export function useLoadedT(): Translate | undefined {
  return useContext(TranslateContext)?.translate;
}
