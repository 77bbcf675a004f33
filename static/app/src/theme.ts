import { setGlobalTheme } from '@atlaskit/tokens/set-global-theme';
import { hasForgeBridge } from './bridge/available';

/**
 * Inside Jira the host owns the theme (it follows the user's Jira setting), so ask it via the bridge.
 * Without a bridge, or if the host refuses, theme locally so tokens still resolve to colours.
 * Never rejects: an unthemed page beats no page.
 */
export async function enableTheme(): Promise<void> {
  if (hasForgeBridge()) {
    try {
      // Loaded lazily: @forge/bridge throws at import time when there is no bridge.
      const { view } = await import('@forge/bridge');
      await view.theme.enable();
      return;
    } catch (error) {
      console.warn('Forge theming unavailable; using the local theme', error);
    }
  }
  try {
    await setGlobalTheme({
      colorMode: 'auto',
      light: 'light',
      dark: 'dark',
      spacing: 'spacing',
      typography: 'typography',
    });
  } catch (error) {
    console.warn('Could not load the local theme', error);
  }
}
