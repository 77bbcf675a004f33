import { getThemeHtmlAttrs } from '@atlaskit/tokens/get-theme-html-attrs';
import { getThemeStyles } from '@atlaskit/tokens/get-theme-styles';

export type ColorMode = 'light' | 'dark';

/** What the stand-in host hands the page for `enableTheming`; the in-page shim applies it. */
export interface HostTheme {
  htmlAttrs: Record<string, string>;
  styles: { id: string; attrs: Record<string, string>; css: string }[];
}

const cache = new Map<ColorMode, Promise<HostTheme>>();

/**
 * In Node, tokens asks an uninitialised feature-gate client and it warns "Client must be initialized"
 * (harmless: defaults apply). Drop only that warning while the styles load.
 */
async function withoutFeatureGateWarning<T>(load: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    const first = args[0] as { msg?: unknown } | undefined;
    if (typeof first?.msg === 'string' && first.msg.includes('checking the feature gate')) return;
    warn(...args);
  };
  try {
    return await load();
  } finally {
    console.warn = warn;
  }
}

/**
 * Approximates what Jira does for `view.theme.enable()`: html data attributes plus the theme CSS.
 * (Exactly what real Jira injects is unverified.) Computed once per mode: it reads ~20 theme files.
 */
export function hostTheme(colorMode: ColorMode): Promise<HostTheme> {
  let theme = cache.get(colorMode);
  if (!theme) {
    const state = {
      colorMode,
      light: 'light',
      dark: 'dark',
      spacing: 'spacing',
      typography: 'typography',
    } as const;
    theme = withoutFeatureGateWarning(() => getThemeStyles(state)).then((styles) => ({
      htmlAttrs: getThemeHtmlAttrs(state),
      styles: styles.map(({ id, attrs, css }) => ({ id, attrs, css })),
    }));
    cache.set(colorMode, theme);
  }
  return theme;
}
