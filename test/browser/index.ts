export { buildCustomUi } from './build-app';
export { CHROMIUM_ARGS, launchChromium } from './chromium';
export { openForgePage, type FakeForgeHost, type ForgePage, type ForgePageOptions } from './forge-page';
export { screenshot, SCREENSHOT_DIR } from './screenshot';
export { serveStatic, type StaticServer } from './static-server';
export type { ColorMode } from './theme-host';
